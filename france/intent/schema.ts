import { z } from 'zod';
import { LanguageSchema } from '../../lib/language';
import { SectorSchema } from '../naf/schema';
import { PlaceSchema } from '../places/schema';

export { SectorSchema, type Sector } from '../naf/schema';
export { PlaceSchema, type Place, type PlaceKind } from '../places/schema';
export { LanguageSchema, type Language } from '../../lib/language';

export const HeadcountSchema = z.object({
  min: z.number().int().nonnegative().nullable(),
  max: z.number().int().nonnegative().nullable(),
});

/** What a prospecting request asks for, with codes the company search can use as they are. */
export const IntentSchema = z.object({
  kind: z.enum(['prospect', 'other']),
  language: LanguageSchema,
  sectors: z.array(SectorSchema),
  places: z.array(PlaceSchema),
  count: z.number().int().positive().nullable(),
  headcount: HeadcountSchema.nullable(),
  message: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});

export type Intent = z.infer<typeof IntentSchema>;
export type Headcount = z.infer<typeof HeadcountSchema>;
