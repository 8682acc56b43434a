/**
 * Generates france/data/offline-directory.json: a directory of FICTITIOUS companies in the
 * API Recherche d'entreprises response format, for the offline company source, tests and
 * demos. Deterministic (seeded): running it twice writes the same file.
 *
 *   npx tsx france/data/generate-offline-directory.ts
 *
 * Every identifier is invented but well-formed (Luhn-valid SIREN/SIRET), emails and websites
 * use `.example` domains, and the file says it is fictitious at the top.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { geoData, type CommuneRecord } from '../places/geo-data';
import { luhnCheckDigit } from '../siren';
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, STREET_NAMES, STREET_TYPES } from './fictitious-names';
import { mulberry32 } from '../../lib/seeded-random';

const OUTPUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'offline-directory.json');
const NOTICE =
  'ANNUAIRE FICTIF — aucune de ces entreprises n’existe. SIREN/SIRET (clés de Luhn valides), noms, dirigeants, ' +
  'adresses, e-mails et sites (domaines .example) sont inventés par france/data/generate-offline-directory.ts. ' +
  'FICTITIOUS DIRECTORY — none of these companies exist.';

// ---- deterministic randomness -------------------------------------------------------------
const random = mulberry32(20241124);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (p: number) => random() < p;

// ---- what to generate ---------------------------------------------------------------------
type Trade = { naf: string; words: string[] };

const BUILDING: Trade[] = [
  { naf: '43.22A', words: ['Plomberie', 'Plomberie Sanitaire'] },
  { naf: '43.21A', words: ['Électricité', 'Élec'] },
  { naf: '43.34Z', words: ['Peinture', 'Peinture & Décoration'] },
  { naf: '43.91B', words: ['Couverture', 'Toitures'] },
  { naf: '43.32A', words: ['Menuiserie', 'Menuiserie Bois & PVC'] },
  { naf: '43.99C', words: ['Maçonnerie', 'Bâti'] },
  { naf: '43.29A', words: ['Isolation', 'Iso Habitat'] },
  { naf: '43.22B', words: ['Chauffage', 'Thermique'] },
  { naf: '43.33Z', words: ['Carrelage', 'Sols & Murs'] },
  { naf: '43.31Z', words: ['Plâtrerie', 'Plaquiste'] },
  { naf: '41.20A', words: ['Maisons', 'Construction'] },
  { naf: '43.39Z', words: ['Finitions', 'Rénovation'] },
  { naf: '43.91A', words: ['Charpente', 'Charpentes'] },
  { naf: '43.99A', words: ['Étanchéité'] },
  { naf: '41.20B', words: ['Bâtiment', 'Construction Générale'] },
];
const ACCOUNTING: Trade = { naf: '69.20Z', words: ['Expertise Comptable', 'Audit & Conseil', 'Comptabilité'] };
const REAL_ESTATE: Trade = { naf: '68.31Z', words: ['Immobilier', 'Immo', 'Transactions'] };
const OTHERS: Trade[] = [
  { naf: '68.32A', words: ['Gestion', 'Syndic'] },
  { naf: '71.11Z', words: ['Architecture', 'Architectes'] },
  { naf: '10.71C', words: ['Boulangerie', 'Boulangerie Pâtisserie'] },
  { naf: '96.02A', words: ['Coiffure', 'Salon'] },
  { naf: '86.23Z', words: ['Cabinet Dentaire', 'Centre Dentaire'] },
  { naf: '56.10A', words: ['Restaurant', 'Bistrot'] },
  { naf: '43.22A', words: ['Plomberie', 'Dépannage Plomberie'] },
];

type City = { label: string; communes: string[] };
const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => String(first + i));
const CITIES: City[] = [
  { label: 'Paris', communes: range(75101, 20) },
  { label: 'Lyon', communes: range(69381, 9) },
  { label: 'Marseille', communes: range(13201, 16) },
  { label: 'Bordeaux', communes: ['33063'] },
  { label: 'Nantes', communes: ['44109'] },
  { label: 'Toulouse', communes: ['31555'] },
  { label: 'Lille', communes: ['59350'] },
  { label: 'Nice', communes: ['06088'] },
  { label: 'Rennes', communes: ['35238'] },
  { label: 'Strasbourg', communes: ['67482'] },
  { label: 'Montpellier', communes: ['34172'] },
  { label: 'Grenoble', communes: ['38185'] },
];

// ---- identifiers ----------------------------------------------------------------------------
const usedSirens = new Set<string>();
function newSiren(): string {
  for (;;) {
    const body = String(int(3, 9)) + String(int(0, 9_999_999)).padStart(7, '0');
    const siren = body + luhnCheckDigit(body);
    if (!siren.startsWith('356000000') && !usedSirens.has(siren)) {
      usedSirens.add(siren);
      return siren;
    }
  }
}
function siretOf(siren: string, establishment: number): string {
  const body = siren + String(establishment).padStart(4, '0');
  return body + luhnCheckDigit(body);
}

// ---- addresses ------------------------------------------------------------------------------
const communes = new Map(geoData().communes.map((c) => [c.code, c]));
function commune(code: string): CommuneRecord {
  const c = communes.get(code);
  if (!c) throw new Error(`unknown commune ${code}`);
  return c;
}
/** SIRENE's spelling of a commune: "PARIS 15", "LYON 7EME", "MARSEILLE 8", "SAINT-ETIENNE". */
function libelleCommune(c: CommuneRecord): string {
  const arr = /^(Paris|Lyon|Marseille) (\d+)/.exec(c.nom);
  if (arr) {
    const n = Number(arr[2]);
    return arr[1] === 'Lyon' ? `LYON ${n}${n === 1 ? 'ER' : 'EME'}` : `${arr[1].toUpperCase()} ${n}`;
  }
  return c.nom
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}
const upper = (s: string) =>
  s
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

type Etablissement = Record<string, unknown>;
function establishment(siret: string, code: string, naf: string, opts: { siege: boolean; open: boolean; created: string; band: string | null; sign?: string }): Etablissement {
  const c = commune(code);
  const numero = String(int(1, 180));
  const typeVoie = pick(STREET_TYPES);
  const libelleVoie = upper(pick(STREET_NAMES));
  const cp = pick(c.codesPostaux ?? ['00000']);
  const libelle = libelleCommune(c);
  const e: Etablissement = {
    siret,
    est_siege: opts.siege,
    adresse: `${numero} ${typeVoie} ${libelleVoie} ${cp} ${libelle}`,
    numero_voie: numero,
    type_voie: typeVoie,
    libelle_voie: libelleVoie,
    code_postal: cp,
    commune: code,
    libelle_commune: libelle,
    departement: c.departement,
    region: c.region,
    activite_principale: naf,
    etat_administratif: opts.open ? 'A' : 'F',
    date_creation: opts.created,
    tranche_effectif_salarie: opts.band,
    statut_diffusion_etablissement: 'O',
  };
  if (!opts.open) e.date_fermeture = `${int(2019, 2024)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  if (opts.sign) e.liste_enseignes = [upper(opts.sign)];
  return e;
}

// ---- companies -------------------------------------------------------------------------------
const SECTIONS: [number, number, string][] = [
  [10, 33, 'C'],
  [41, 43, 'F'],
  [45, 47, 'G'],
  [55, 56, 'I'],
  [68, 68, 'L'],
  [69, 75, 'M'],
  [86, 88, 'Q'],
  [90, 93, 'R'],
  [94, 96, 'S'],
];
const section = (naf: string) => SECTIONS.find(([a, b]) => Number(naf.slice(0, 2)) >= a && Number(naf.slice(0, 2)) <= b)?.[2] ?? 'S';
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const date = (fromYear: number, toYear: number) => `${int(fromYear, toYear)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;

type Person = { first: string; last: string };
const person = (): Person => ({ first: pick(chance(0.5) ? FIRST_NAMES_F : FIRST_NAMES_M), last: pick(LAST_NAMES) });

function companyName(trade: Trade, p: Person, city: string): string {
  const word = pick(trade.words);
  const patterns = [
    () => `${word} ${p.last}`,
    () => `${p.last} ${word}`,
    () => `${p.last} & Fils`,
    () => `${word} ${city}`,
    () => `Atelier ${p.last}`,
    () => `${p.last} & Associés`,
    () => `${word} du ${pick(['Centre', 'Parc', 'Vieux Port', 'Quartier', 'Canal', 'Lac', 'Marché'])}`,
  ];
  const allowed = trade.naf === '69.20Z' ? [0, 1, 5] : trade.naf === '68.31Z' ? [0, 1, 3, 6] : [0, 1, 2, 3, 4, 6];
  return upper(patterns[pick(allowed)]());
}

type Options = { closedUnit?: boolean; closedEstablishment?: boolean; nonDiffusible?: boolean; branchOf?: string };

function company(trade: Trade, code: string, cityLabel: string, opts: Options = {}): Record<string, unknown> {
  const siren = newSiren();
  const owner = person();
  const soleTrader = !opts.nonDiffusible && chance(0.16);
  const legalForm = soleTrader ? '1000' : pick(['5499', '5499', '5710', '5720', '5498']);
  const band = soleTrader ? pick([null, 'NN', '01']) : pick(['01', '01', '02', '02', '03', '03', '11', '11', '12', '21']);
  const created = date(1986, 2024);
  const unitName = soleTrader ? upper(`${owner.first} ${owner.last}`) : companyName(trade, owner, cityLabel);
  const sign = soleTrader ? `${pick(trade.words)} ${owner.last}` : undefined;
  const open = !opts.closedEstablishment && !opts.closedUnit;

  // a branch: head office elsewhere, the matching establishment in this city
  const siegeCode = opts.branchOf ?? code;
  const siege = establishment(siretOf(siren, 1), siegeCode, trade.naf, { siege: true, open, created, band, sign });
  const branches = opts.branchOf ? [establishment(siretOf(siren, int(2, 40)), code, trade.naf, { siege: false, open: true, created: date(2005, 2024), band: null })] : [];

  const roles = legalForm === '5710' || legalForm === '5720' ? 'Président' : legalForm === '1000' ? 'Entrepreneur individuel' : 'Gérant';
  const dirigeants: Record<string, unknown>[] = [
    { type_dirigeant: 'personne physique', nom: upper(owner.last), prenoms: owner.first, qualite: roles, annee_de_naissance: String(int(1955, 1995)), nationalite: 'Française' },
  ];
  if (legalForm === '5710' && chance(0.5)) {
    const dg = person();
    dirigeants.push({
      type_dirigeant: 'personne physique',
      nom: upper(dg.last),
      prenoms: dg.first,
      qualite: 'Directeur général',
      annee_de_naissance: String(int(1960, 1995)),
      nationalite: 'Française',
    });
  }
  if (band && ['11', '12', '21'].includes(band) && chance(0.4)) {
    dirigeants.push({
      type_dirigeant: 'personne morale',
      denomination: `AUDIT ${upper(pick(LAST_NAMES))} ASSOCIES`,
      siren: newSiren(),
      qualite: 'Commissaire aux comptes titulaire',
    });
  }

  const masked = opts.nonDiffusible;
  if (masked) {
    siege.adresse = '[NON-DIFFUSIBLE]';
    siege.statut_diffusion_etablissement = 'P';
  }
  const domain = `${slug(sign ?? unitName)}.example`;
  return {
    siren,
    nom_complet: masked ? '[NON-DIFFUSIBLE]' : unitName,
    nom_raison_sociale: masked || soleTrader ? null : unitName,
    activite_principale: trade.naf,
    section_activite_principale: section(trade.naf),
    nature_juridique: legalForm,
    categorie_entreprise: 'PME',
    tranche_effectif_salarie: band,
    date_creation: created,
    etat_administratif: opts.closedUnit ? 'C' : 'A',
    statut_diffusion: masked ? 'P' : 'O',
    nombre_etablissements: 1 + branches.length,
    nombre_etablissements_ouverts: (open ? 1 : 0) + branches.length,
    siege,
    matching_etablissements: branches,
    dirigeants,
    complements: { est_entrepreneur_individuel: soleTrader },
    coordonnees_fictives: masked ? null : { site_internet: `https://www.${domain}`, email: `${pick(['contact', 'bonjour', 'info', slug(owner.first)])}@${domain}` },
  };
}

// ---- the directory ---------------------------------------------------------------------------
const results: Record<string, unknown>[] = [];
CITIES.forEach((city, ci) => {
  const spread = (i: number) => city.communes[i % city.communes.length];
  // 12 building trades per city, rotating so every city sees most of the 15 trade codes
  for (let i = 0; i < 12; i++) results.push(company(BUILDING[(i + ci) % BUILDING.length], spread(i * 7 + ci), city.label));
  for (let i = 0; i < 10; i++) {
    // one accounting firm per city is the local branch of a firm based in another city
    const branchOf = i === 0 ? CITIES[(ci + 1) % CITIES.length].communes[0] : undefined;
    results.push(company(ACCOUNTING, spread(i * 3 + 1), city.label, { branchOf }));
  }
  for (let i = 0; i < 10; i++) results.push(company(REAL_ESTATE, spread(i * 5 + 2), city.label));
  for (const [i, trade] of OTHERS.entries()) results.push(company(trade, spread(i * 11 + 3), city.label));
  // records a correct search must leave out
  results.push(company(pick(BUILDING), spread(4), city.label, { closedEstablishment: true }));
  results.push(company(ci % 2 ? ACCOUNTING : REAL_ESTATE, spread(6), city.label, { closedUnit: true }));
  results.push(company(ci % 2 ? REAL_ESTATE : pick(BUILDING), spread(8), city.label, { nonDiffusible: true }));
});

// One result per line: readable diffs, and well under 1 MB.
const header = {
  fictitious: true,
  notice: NOTICE,
  total_results: results.length,
  page: 1,
  per_page: results.length,
  total_pages: 1,
};
const headerJson = JSON.stringify(header);
const body = `${headerJson.slice(0, -1)},"results":[\n${results.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
writeFileSync(OUTPUT, body);
process.stdout.write(`wrote ${results.length} fictitious companies to ${path.relative(process.cwd(), OUTPUT)} (${(body.length / 1024).toFixed(0)} KiB)\n`);
