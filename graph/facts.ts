import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { notFound } from '../lib/errors';

// The only facts a draft may use: the lead's record and the workspace's own profile. Both are
// read fresh from the CRM for every draft, validated, and handed to drafter and reviewer alike.

export const CivilitySchema = z.enum(['madame', 'monsieur']);
export type Civility = z.infer<typeof CivilitySchema>;
export const LanguageSchema = z.enum(['fr', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

export const LeadFactsSchema = z.object({
  personId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.string().nullable(),
  civility: CivilitySchema.nullable(),
  email: z.string().nullable(),
  optedOut: z.boolean(),
  company: z
    .object({
      id: z.string(),
      name: z.string(),
      activity: z.string().nullable(),
      nafCode: z.string().nullable(),
      city: z.string().nullable(),
      postcode: z.string().nullable(),
      headcountBand: z.string().nullable(),
      creationYear: z.number().int().nullable(),
    })
    .nullable(),
});
export type LeadFacts = z.infer<typeof LeadFactsSchema>;

export type WorkspaceProfile = {
  name: string;
  legalName: string;
  address: string;
  defaultLanguage: Language;
  tone: string | null;
  signature: string | null;
  offer: string | null;
  formality: 'vous' | 'tu';
};

export async function loadWorkspaceProfile(db: Kysely<Database>, workspaceId: string): Promise<WorkspaceProfile> {
  const w = await db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
  if (!w) throw notFound('workspace');
  const voice = w.settings.voice ?? {};
  return {
    name: w.name,
    legalName: w.legal_name,
    address: w.address,
    defaultLanguage: w.default_language,
    tone: voice.tone ?? null,
    signature: voice.signature ?? null,
    offer: voice.offer ?? null,
    formality: voice.formality ?? 'vous',
  };
}

/** Creation year: a column when the company source stores one, else none (never guessed). */
function creationYearOf(row: Record<string, unknown>): number | null {
  for (const key of ['creation_date', 'date_creation', 'created_on']) {
    const v = row[key];
    if (typeof v === 'string' && /^\d{4}/.test(v)) return Number(v.slice(0, 4));
    if (v instanceof Date) return v.getUTCFullYear();
  }
  const y = row['creation_year'];
  return typeof y === 'number' ? y : null;
}

function civilityOf(row: Record<string, unknown>): Civility | null {
  const v = row['civility'];
  return v === 'madame' || v === 'monsieur' ? v : null;
}

/** Facts of many leads in two queries, keyed by person id; people of other workspaces are absent. */
export async function loadLeadFacts(db: Kysely<Database>, workspaceId: string, personIds: string[]): Promise<Map<string, LeadFacts>> {
  const out = new Map<string, LeadFacts>();
  if (personIds.length === 0) return out;
  const people = await db.selectFrom('people').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', personIds).execute();
  const companyIds = [...new Set(people.map((p) => p.company_id).filter((id): id is string => id !== null))];
  const companies = companyIds.length
    ? await db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', companyIds).execute()
    : [];
  const byId = new Map(companies.map((c) => [c.id, c]));
  for (const p of people) {
    const c = p.company_id ? byId.get(p.company_id) : undefined;
    out.set(p.id, {
      personId: p.id,
      firstName: p.first_name,
      lastName: p.last_name,
      role: p.role,
      civility: civilityOf(p as unknown as Record<string, unknown>),
      email: p.email,
      optedOut: p.opted_out_at !== null,
      company: c
        ? {
            id: c.id,
            name: c.name,
            activity: c.naf_label,
            nafCode: c.naf_code,
            city: c.city,
            postcode: c.postcode,
            headcountBand: c.headcount_band,
            creationYear: creationYearOf(c as unknown as Record<string, unknown>),
          }
        : null,
    });
  }
  return out;
}
