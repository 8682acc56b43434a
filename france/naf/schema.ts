import { z } from 'zod';

/** A NAF rév. 2 sub-class with the dot, as the API Recherche d'entreprises expects it. */
export const NafCodeSchema = z.string().regex(/^\d{2}\.\d{2}[A-Z]$/, 'NAF code like "43.34Z"');

/** One sector of a request: what the user said (or its canonical label) and its NAF codes. */
export const SectorSchema = z.object({
  label: z.string(),
  naf: z.array(NafCodeSchema).min(1),
});

export type Sector = z.infer<typeof SectorSchema>;
