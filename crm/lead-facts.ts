import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { findPeopleWithCompanies } from '../db/repositories/people';
import type { Language } from '../lib/language';
import { displayCity, displayCompanyName, displayPersonName, headcountLabel } from './lead-display';

// The only facts a draft may use about its recipient: the lead's record, read fresh from the
// CRM for every draft, validated, and handed to drafter and reviewer alike.

export const CivilitySchema = z.enum(['madame', 'monsieur']);
export type Civility = z.infer<typeof CivilitySchema>;

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

/** Creation year: a column when the company source stores one, else none (never guessed). */
function creationYearOf(row: Record<string, unknown>): number | null {
  for (const key of ['creation_date', 'date_creation', 'created_on']) {
    const v = row[key];
    if (typeof v === 'string' && /^\d{4}/.test(v)) return Number(v.slice(0, 4));
    if (v instanceof Date) return v.getUTCFullYear();
  }
  const y = row.creation_year;
  return typeof y === 'number' ? y : null;
}

function civilityOf(row: Record<string, unknown>): Civility | null {
  const v = row.civility;
  return v === 'madame' || v === 'monsieur' ? v : null;
}

/** Facts of many leads in two queries, keyed by person id; people of other workspaces are absent. */
export async function loadLeadFacts(db: Kysely<Database>, workspaceId: string, personIds: string[]): Promise<Map<string, LeadFacts>> {
  const out = new Map<string, LeadFacts>();
  for (const { person: p, company: c } of await findPeopleWithCompanies(db, workspaceId, personIds)) {
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

/** The facts a model sees (drafter and reviewer alike): display forms, no internal ids beyond the person's. */
export function leadFactsForPrompt(facts: LeadFacts, lang: Language) {
  const name = displayPersonName(facts.firstName, facts.lastName);
  const c = facts.company;
  return {
    personId: facts.personId,
    dirigeant: name.full ? { firstName: name.first || null, lastName: name.last || null, role: facts.role, civility: facts.civility } : null,
    company: c
      ? {
          name: displayCompanyName(c.name),
          activity: c.activity,
          city: c.city ? displayCity(c.city) : null,
          headcount: headcountLabel(c.headcountBand, lang),
          creationYear: c.creationYear,
        }
      : null,
  };
}
