import type { Db } from '../../db/connection';
import { headcountBand, type CompanySource, type FoundCompany } from '../../france/sources';
import type { TeammateDeps } from '../../graph/deps';

// Test and bench fixtures: a deterministic company directory (fictitious Lyon renovation firms,
// checksum-valid SIRENs, .example addresses) and teammate deps around a database.

const FIRST = ['Jean', 'Sophie', 'Karim', 'Claire', 'Thomas', 'Julie', 'Antoine', 'Nathalie', 'Mehdi', 'Camille', 'Lucas', 'Inès', 'Hugo', 'Léa', 'Paul', 'Emma'];
const LAST = ['Dupont', 'Girard', 'Benali', 'Moreau', 'Lefèvre', 'Perrin', 'Roche', 'Fontaine', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guerin', 'Muller', 'Henry', 'Roussel'];
const TRADES = [
  { naf: '43.34Z', label: 'Travaux de peinture et vitrerie', word: 'Peinture' },
  { naf: '43.32A', label: 'Travaux de menuiserie bois et PVC', word: 'Menuiserie' },
  { naf: '43.39Z', label: 'Autres travaux de finition', word: 'Rénovation' },
  { naf: '43.22A', label: 'Travaux d’installation d’eau et de gaz en tous locaux', word: 'Plomberie' },
  { naf: '43.29A', label: 'Travaux d’isolation', word: 'Isolation' },
];
const QUARTERS = ['Croix-Rousse', 'Part-Dieu', 'Confluence', 'Vaise', 'Monplaisir', 'Gerland', 'Brotteaux', 'Guillotière', 'Fourvière'];
const ROLES = ['Gérant', 'Présidente', 'Gérante', 'Président', 'Directeur général'];
const BANDS = ['01', '02', '03', '11', '12', null];

function luhnComplete(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = prefix + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let x = s.charCodeAt(s.length - 1 - i) - 48;
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

export function fakeCompanies(n: number, opts: { withEmail?: boolean; seed?: number; nameOf?: (i: number) => string } = {}): FoundCompany[] {
  const seed = opts.seed ?? 0;
  return Array.from({ length: n }, (_, k) => {
    const i = k + seed;
    const trade = TRADES[i % TRADES.length];
    const quarter = QUARTERS[i % QUARTERS.length];
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const arr = (i % 9) + 1;
    const siren = luhnComplete(String(30000000 + i * 7919).padStart(8, '0'));
    const slug = `${trade.word}-${quarter}-${i}`
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9-]/g, '');
    const band = BANDS[i % BANDS.length];
    const siret = luhnComplete(`${siren}0001`);
    return {
      siren,
      siret,
      // distinct for up to 80 companies: similar names in one postcode would dedupe as the same firm
      name: opts.nameOf?.(i) ?? `${trade.word} ${LAST[i % LAST.length]}`,
      address: `${1 + (i % 40)} rue de la ${quarter}`,
      nafCode: trade.naf,
      nafLabel: trade.label,
      postcode: `6900${arr}`,
      communeCode: `6938${arr}`,
      city: 'Lyon',
      headcountBand: band ? headcountBand(band) : null,
      creationDate: null,
      isNaturalPerson: false,
      ...(opts.withEmail === false ? {} : { email: `contact@${slug}.example` }),
      dirigeants: [{ firstName: first, lastName: last, companyName: null, role: ROLES[i % ROLES.length], isNaturalPerson: true }],
      source: 'offline',
      sourceId: siret,
    };
  });
}

/** A company source that answers every search with these companies (the first `limit`). */
export function staticSource(companies: FoundCompany[]): CompanySource {
  return { name: 'offline', search: async (q) => ({ companies: companies.slice(0, q.limit), total: companies.length, source: 'offline' }) };
}

/** The teammates' ports for tests: the offline teammate on a fixed directory of 60 Lyon companies. */
export const testTeammates = (): Pick<TeammateDeps, 'companies' | 'concurrency'> => ({ companies: staticSource(fakeCompanies(60)), concurrency: 8 });

export async function setVoice(db: Db, workspaceId: string, voice: { tone?: string; signature?: string; offer?: string } = {}) {
  const settings = {
    voice: {
      tone: voice.tone ?? 'chaleureux et direct',
      signature: voice.signature ?? 'Marie Lefèvre\nGérante – Atelier Lumière\n04 78 00 00 00',
      offer: voice.offer ?? 'Nous installons des éclairages LED sur mesure pour les artisans et les commerces.',
      formality: 'vous' as const,
    },
  };
  await db.kysely
    .updateTable('workspaces')
    .set({ name: 'Atelier Lumière', settings: JSON.stringify(settings) })
    .where('id', '=', workspaceId)
    .execute();
}
