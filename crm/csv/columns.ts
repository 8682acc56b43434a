import { foldText } from '../../lib/embedding';

// Header aliases as French (and English) spreadsheets name them.
export type Column =
  | 'companyName'
  | 'siren'
  | 'siret'
  | 'nafCode'
  | 'nafLabel'
  | 'address'
  | 'postcode'
  | 'city'
  | 'website'
  | 'firstName'
  | 'lastName'
  | 'role'
  | 'email'
  | 'phone'
  | 'kind'
  | 'createdOn';

const ALIASES: Record<Column, string[]> = {
  companyName: ['raison sociale', 'entreprise', 'societe', 'nom entreprise', 'nom de l entreprise', 'denomination', 'company', 'company name', 'organisation'],
  siren: ['siren', 'n siren', 'numero siren'],
  siret: ['siret', 'n siret', 'numero siret'],
  nafCode: ['code naf', 'naf', 'code ape', 'ape', 'naf code'],
  nafLabel: ['activite', 'libelle naf', 'libelle activite', 'activity'],
  address: ['adresse', 'address', 'rue'],
  postcode: ['code postal', 'cp', 'postcode', 'zip', 'postal code'],
  city: ['ville', 'commune', 'city', 'localite'],
  website: ['site web', 'site', 'website', 'site internet'],
  firstName: ['prenom', 'first name', 'firstname'],
  lastName: ['nom', 'nom de famille', 'last name', 'lastname', 'surname'],
  role: ['fonction', 'qualite', 'poste', 'titre', 'role', 'job title'],
  email: ['e mail', 'email', 'courriel', 'adresse e mail', 'mail'],
  phone: ['telephone', 'tel', 'portable', 'mobile', 'phone'],
  kind: ['type', 'statut', 'kind', 'categorie'],
  createdOn: ['date de creation', 'cree le', 'date', 'created', 'created on'],
};

/** The longest cell each column takes (the API's limits for the same fields; past them, an index row would not fit). */
export const MAX_LENGTH: Record<Column, number> = {
  companyName: 300,
  siren: 20,
  siret: 30,
  nafCode: 10,
  nafLabel: 300,
  address: 500,
  postcode: 10,
  city: 200,
  website: 500,
  firstName: 100,
  lastName: 100,
  role: 200,
  email: 320,
  phone: 40,
  kind: 40,
  createdOn: 40,
};

const LOOKUP = new Map<string, Column>();
for (const [col, names] of Object.entries(ALIASES) as [Column, string[]][]) for (const n of names) LOOKUP.set(n, col);

export function mapHeader(cells: string[]): { columns: (Column | null)[]; unknown: string[] } {
  const columns = cells.map((c) => LOOKUP.get(foldText(c)) ?? null);
  return { columns, unknown: cells.filter((_, i) => columns[i] === null && cells[i].trim() !== '') };
}

/** 24/12/2025, 24-12-2025, 24.12.25 or ISO → 'YYYY-MM-DD'; null when it is not a real date. */
export function parseFrenchDate(s: string): string | null {
  const t = s.trim();
  let y: number, m: number, d: number;
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3].length === 2 ? `20${fr[3]}` : fr[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
