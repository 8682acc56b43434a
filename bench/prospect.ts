import { sql } from 'kysely';
import { uuidv7 } from '../lib/ids';
import { companyEmbedding } from '../lib/embedding';
import intentBench from './prospect-intent';
import { createLeadsFromCompanies, type LeadCandidate } from '../crm/leads';
import { createWorkspaceWithTokens } from '../test/support/context';
import type { Bench } from './run';
import { mulberry32 } from '../lib/seeded-random';
import { round, scratchDatabase, type BenchDatabase } from './support';
import { noJobQueue } from '../db/jobs/queue';

// A realistic book of companies: varied names (trade × surname × pattern), spread over 600
// postcodes across France, so each postcode holds ~170 companies as a real CRM's would.
const TRADES = [
  'Rénovation',
  'Plomberie',
  'Toitures',
  'Menuiserie',
  'Électricité',
  'Peinture',
  'Isolation',
  'Maçonnerie',
  'Carrelage',
  'Chauffage',
  'Couverture',
  'Serrurerie',
  'Charpente',
  'Plâtrerie',
  'Cabinet',
  'Agence',
  'Immobilier',
  'Conseil',
  'Boulangerie',
  'Garage',
];
const SURNAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Lefebvre',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
  'Chevalier',
  'Robin',
];
// new candidates carry surnames no known company has: the ground truth stays exact
const NEW_SURNAMES = [
  'Barbier',
  'Arnaud',
  'Martel',
  'Brunet',
  'Schmitt',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Roger',
  'Lemoine',
  'Renard',
  'Aubert',
  'Rolland',
  'Meunier',
  'Marchand',
  'Dufour',
  'Blanchard',
  'Gillet',
  'Chevallier',
];
const PLACES = ['du Rhône', 'de Provence', 'Atlantique', 'des Alpes', 'de la Loire', 'du Centre', 'Bretonne', 'du Sud-Ouest', 'Normande', 'de l’Est'];
const PATTERNS: ((t: string, s: string, s2: string, p: string) => string)[] = [
  (t, s) => `${t} ${s}`,
  (t, s) => `${s} ${t}`,
  (t, s) => `${t} ${s} & Fils`,
  (t, s, s2) => `${t} ${s}-${s2}`,
  (t, _s, _s2, p) => `${t} ${p}`,
  (t, s, _s2, p) => `${s} ${t} ${p}`,
  (t, s, s2) => `${s} et ${s2} ${t}`,
];
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'cours Lafayette',
  'quai Perrache',
  'rue Garibaldi',
  'boulevard des Belges',
  'rue Victor Hugo',
  'place de la Mairie',
];

export function company(i: number, surnames = SURNAMES) {
  const r = mulberry32(i * 7919 + 13);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const pattern = surnames === SURNAMES ? pick(PATTERNS) : pick(PATTERNS.filter((_, k) => k !== 4)); // 4 has no surname
  const name = pattern(pick(TRADES), pick(surnames), pick(surnames), pick(PLACES));
  const dept = 1 + Math.floor(r() * 95);
  const postcode = `${String(dept).padStart(2, '0')}${String(Math.floor(r() * 6) * 100 + 0).padStart(3, '0')}`;
  return { name, postcode, address: `${1 + Math.floor(r() * 120)} ${pick(STREETS)}` };
}

/** How a known company comes back from a source: another case, a legal form, a typo. */
export function variant(name: string, i: number): string {
  switch (i % 3) {
    case 0:
      return `${name.toUpperCase()} SARL`;
    case 1:
      return `SAS ${name}`;
    default: {
      const at = Math.max(1, Math.floor(name.length / 2));
      return name.slice(0, at) + name.slice(at + 1); // one letter dropped
    }
  }
}

/** 1,000 candidates (half already known under slightly different names) against 100k known. */
async function dedupe(kind: BenchDatabase, log: (l: string) => void) {
  const { db, drop } = await scratchDatabase(kind);
  try {
    const ws = await createWorkspaceWithTokens(db, 'Bench');
    log(`${kind}: inserting 100k known companies…`);
    const vector = db.vector;
    for (let k = 0; k < 100_000; k += 2000) {
      const rows = Array.from({ length: 2000 }, (_, j) => {
        const c = company(k + j);
        return {
          id: uuidv7(),
          workspace_id: ws.id,
          name: c.name,
          postcode: c.postcode,
          address: c.address,
          source: 'bench',
          ...(vector ? { embedding: `[${companyEmbedding(c.name, c.address).join(',')}]` } : {}),
        };
      });
      await db.kysely
        .insertInto('companies')
        .values(rows as never)
        .execute();
    }
    await sql`analyze companies`.execute(db.kysely);
    // half already known (under a variant of their name), half new
    const candidates: LeadCandidate[] = Array.from({ length: 1000 }, (_, i) => {
      const known = i % 2 === 0;
      const c = known ? company(i * 97) : company(200_000 + i, NEW_SURNAMES);
      return {
        name: known ? variant(c.name, i / 2) : c.name,
        postcode: c.postcode,
        address: c.address,
        source: 'bench',
        dirigeants: [{ firstName: 'Alex', lastName: `Martin${i}` }],
      };
    });
    const ctx = { db: db.kysely, jobs: noJobQueue('the prospecting bench'), workspaceId: ws.id, actor: { type: 'teammate' as const, id: 'bench' } };
    const t0 = performance.now();
    const r = await createLeadsFromCompanies(ctx, candidates);
    const ms = performance.now() - t0;
    const missed = r.outcomes.filter((o) => o.index % 2 === 0 && o.status === 'created').length;
    const falseMatches = r.outcomes.filter((o) => o.index % 2 === 1 && o.status === 'known').length;
    log(`${kind}: ${r.created} new, ${r.known} known (500 expected; ${missed} missed, ${falseMatches} false matches) in ${Math.round(ms)} ms`);
    return { ms: round(ms, 0), created: r.created, known: r.known, expectedKnown: 500, missed, falseMatches, similarity: vector ? 'pgvector' : 'pg_trgm' };
  } finally {
    await drop();
  }
}

const bench: Bench = async (opts) => {
  const { log } = opts;
  // intent parsing on generated, varied requests (see prospect-intent.ts), one core
  const intent = await intentBench({ ...opts, args: [] });
  log(`intent: ${intent.requestsPerSecond} requests/s`);
  const embedded = await dedupe('embedded', log);
  let server: Awaited<ReturnType<typeof dedupe>> | { error: string };
  try {
    server = await dedupe('server', log);
  } catch (err) {
    server = { error: String(err) };
  }
  return {
    intentRequestsPerSecond: intent.requestsPerSecond,
    intentRequestsPerCpuSecond: intent.requestsPerCpuSecond,
    intentRequests: intent.requests,
    dedupe1000vs100k: { embedded, server },
  };
};
export default bench;
