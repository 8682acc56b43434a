import { z } from 'zod';

export const PlaceKindSchema = z.enum(['commune', 'departement', 'region']);
export type PlaceKind = z.infer<typeof PlaceKindSchema>;

/**
 * A resolved place. `communes` are INSEE codes to search establishments with: Paris, Lyon and
 * Marseille are always expanded to their arrondissements, because establishments carry
 * arrondissement codes (code_commune=69123 finds nothing).
 */
export const PlaceSchema = z.object({
  label: z.string(),
  kind: PlaceKindSchema,
  code: z.string(),
  communes: z.array(z.string()),
  postcodes: z.array(z.string()),
});

export type Place = z.infer<typeof PlaceSchema>;
