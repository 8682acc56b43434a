import { z } from 'zod';
import type { Intent } from '../../france/intent/schema';
import { LanguageSchema } from '../../lib/language';

/** The part of an Intent an eval case pins down; omitted fields are not compared. */
export const ExpectedIntentSchema = z.object({
  kind: z.enum(['prospect', 'other']),
  language: LanguageSchema,
  sectors: z.array(z.object({ naf: z.array(z.string()) })).optional(),
  places: z.array(z.object({ kind: z.enum(['commune', 'departement', 'region']), code: z.string() })).optional(),
  count: z.number().nullable().optional(),
  headcount: z.object({ min: z.number().nullable(), max: z.number().nullable() }).nullable().optional(),
});
export type ExpectedIntent = z.infer<typeof ExpectedIntentSchema>;

export const IntentCaseSchema = z.object({ request: z.string(), expected: ExpectedIntentSchema });
export type IntentCase = z.infer<typeof IntentCaseSchema>;

const sectorKey = (naf: string[]) => [...new Set(naf)].sort().join('+');
const sectorSet = (sectors: { naf: string[] }[]) => [...new Set(sectors.map((s) => sectorKey(s.naf)))].sort();
const placeSet = (places: { kind: string; code: string }[]) => [...new Set(places.map((p) => `${p.kind}:${p.code}`))].sort();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Differences between a parsed intent and its expectation, one line per field; empty means
 * an exact match. Sectors compare as sets of NAF sets, places as sets of kind:code.
 */
export function intentDifferences(actual: Intent, expected: ExpectedIntent): string[] {
  const diffs: string[] = [];
  const check = (field: string, got: unknown, want: unknown) => {
    if (!same(got, want)) diffs.push(`${field}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  };
  check('kind', actual.kind, expected.kind);
  check('language', actual.language, expected.language);
  if (expected.sectors) check('sectors', sectorSet(actual.sectors), sectorSet(expected.sectors));
  if (expected.places) check('places', placeSet(actual.places), placeSet(expected.places));
  if (expected.count !== undefined) check('count', actual.count, expected.count);
  if (expected.headcount !== undefined) check('headcount', actual.headcount, expected.headcount);
  return diffs;
}
