import { parseIntent } from '../france/intent';
import { SECTOR_LEXICON } from '../france/naf/lexicon';
import { geoData } from '../france/places/geo-data';
import type { Bench } from './run';
import { mulberry32 } from '../lib/seeded-random';

// `npm run bench -- prospect-intent`: offline intent parsing throughput on one core, on
// 24 000 generated requests (FR/EN, every lexicon trade, towns of all sizes, arrondissements,
// départements by name and number, régions, counts, headcounts, typos, unknown places and
// chit-chat), after the resolver indexes are built.

function typo(word: string, random: () => number): string {
  if (word.length < 6) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap two letters
}

export function generateRequests(n: number, seed = 42): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const { communes, departements, regions } = geoData();
  const towns = communes.filter((c) => c.type === 'commune-actuelle' && (c.population ?? 0) >= 3000).map((c) => c.nom);
  const depNames = departements.map((d) => d.nom);
  const depCodes = departements.map((d) => d.code);
  const regNames = regions.filter((r) => r.code.length === 2).map((r) => r.nom);
  const frTerms = SECTOR_LEXICON.flatMap((e) => e.fr);
  const enTerms = SECTOR_LEXICON.flatMap((e) => e.en);

  const frPlace = () => {
    const r = random();
    if (r < 0.45) return `à ${pick(towns)}`;
    if (r < 0.55) return `à ${pick(['Paris', 'Lyon', 'Marseille'])} ${1 + Math.floor(random() * 9)}e`;
    if (r < 0.7) return `dans le ${pick(depCodes)}`;
    if (r < 0.85) return `en ${pick(depNames)}`;
    return `en ${pick(regNames)}`;
  };
  const enPlace = () => (random() < 0.7 ? `in ${pick(towns)}` : random() < 0.5 ? `in ${pick(depNames)}` : `in ${pick(regNames)}`);
  const frCount = () => pick(['', '', 'trouve ', 'trouve-moi 10 ', 'cherche 25 ', 'liste de 50 ', 'une dizaine de ', 'dix ']);
  const enCount = () => pick(['', 'find ', 'find 5 ', 'get me twenty ', 'list 30 ', 'top 10 ']);
  const frSize = () => pick(['', '', '', ' de plus de 10 salariés', ' entre 5 et 20 salariés', ' de moins de 50 salariés', ', TPE']);
  const enSize = () => pick(['', '', ' with 10-50 employees', ' with more than 20 employees', ' with fewer than 10 staff']);

  const requests: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.6) requests.push(`${frCount()}${pick(frTerms)} ${frPlace()}${frSize()}`);
    else if (r < 0.85) requests.push(`${enCount()}${pick(enTerms)} ${enPlace()}${enSize()}`);
    else if (r < 0.93) requests.push(`${pick(frTerms)} à ${typo(pick(towns), random)}`);
    else if (r < 0.96) requests.push(`${typo(pick(frTerms), random)} ${frPlace()}`);
    else if (r < 0.98) requests.push(`plombiers à ${pick(['Zorglubville', 'Trifouillis-les-Oies', 'Xyzville', 'Pétaouchnok'])}`);
    else requests.push(pick(['bonjour', 'merci !', 'rédige un mail de relance', 'quel temps fait-il ?', 'asdf qwerty', '']));
  }
  return requests;
}

const bench: Bench = async ({ log, args }) => {
  const n = Math.max(20_000, Number(args[0]) || 24_000);
  const requests = generateRequests(n);
  let t = performance.now();
  // builds every index once: names, NAF labels, typo index, "did you mean"
  for (const warm of ['plombiers à Lyon', 'plombiers à Marsielle', 'plombiers à Xyzville', 'fabricants de meubles', 'plombiets']) parseIntent(warm);
  const warmMs = performance.now() - t;
  log(`indexes built in ${warmMs.toFixed(0)} ms; parsing ${n} requests…`);

  const latencies = new Float64Array(n);
  let prospects = 0;
  const cpu = process.cpuUsage();
  t = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    if (parseIntent(requests[i]).kind === 'prospect') prospects++;
    latencies[i] = performance.now() - s;
  }
  const ms = performance.now() - t;
  // CPU time too: on a shared machine wall time also counts other processes' turns
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  latencies.sort();
  const at = (q: number) => Number(latencies[Math.min(n - 1, Math.floor(q * n))].toFixed(3));
  return {
    requests: n,
    requestsPerSecond: Math.round((n / ms) * 1000),
    requestsPerCpuSecond: Math.round((n / cpuMs) * 1000),
    totalMs: Math.round(ms),
    cpuMs: Math.round(cpuMs),
    warmupMs: Math.round(warmMs),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: at(1 - 1e-9),
    prospectShare: Number((prospects / n).toFixed(3)),
    target: 2000,
  };
};

export default bench;
