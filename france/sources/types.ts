import { z } from 'zod';
import { NafCodeSchema } from '../naf/schema';

/**
 * What to search: NAF sub-classes ("43.34Z") and where (INSEE commune codes — arrondissement
 * codes for Paris/Lyon/Marseille —, postcodes, a département or a région). Criteria combine
 * with AND, like the API's parameters.
 */
export const CompanyQuerySchema = z.object({
  naf: z.array(NafCodeSchema),
  communes: z.array(z.string().regex(/^([013-9]\d|2[AB1-9])\d{3}$/)).optional(),
  postcodes: z.array(z.string().regex(/^\d{5}$/)).optional(),
  departement: z
    .string()
    .regex(/^(\d{2}|2[AB]|97\d)$/)
    .optional(),
  region: z
    .string()
    .regex(/^\d{2,3}$/)
    .optional(),
  headcount: z.object({ min: z.number().int().nonnegative().nullable(), max: z.number().int().nonnegative().nullable() }).nullable().optional(),
  limit: z.number().int().positive().max(10_000),
});
export type CompanyQuery = z.infer<typeof CompanyQuerySchema>;

export const DirigeantSchema = z.object({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  /** the company name when the dirigeant is itself a company (personne morale) */
  companyName: z.string().nullable(),
  /** "Gérant", "Président", "Entrepreneur individuel"… (qualité) */
  role: z.string().nullable(),
  isNaturalPerson: z.boolean(),
});
export type Dirigeant = z.infer<typeof DirigeantSchema>;

export const CompanySourceNameSchema = z.enum(['recherche-entreprises', 'offline']);
export type CompanySourceName = z.infer<typeof CompanySourceNameSchema>;

/** One establishment of a company that matched the search, normalized for the CRM. */
export const FoundCompanySchema = z.object({
  siren: z.string().regex(/^\d{9}$/),
  /** SIRET of the establishment that matched (not necessarily the head office) */
  siret: z.string().regex(/^\d{14}$/),
  name: z.string(),
  nafCode: z.string().nullable(),
  nafLabel: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  communeCode: z.string().nullable(),
  city: z.string().nullable(),
  /** INSEE tranche code and its label ("11", "10 à 19 salariés") */
  headcountBand: z.object({ code: z.string(), label: z.string() }).nullable(),
  creationDate: z.string().nullable(),
  /** sole trader (entrepreneur individuel): the company is a natural person */
  isNaturalPerson: z.boolean(),
  dirigeants: z.array(DirigeantSchema),
  website: z.string().optional(),
  email: z.string().optional(),
  source: CompanySourceNameSchema,
  /** identifier in the source (the SIRET for both current sources) */
  sourceId: z.string(),
});
export type FoundCompany = z.infer<typeof FoundCompanySchema>;

export type CompanySearchResult = {
  companies: FoundCompany[];
  /** matching companies the source reports (before Relais' own exclusions, for the API) */
  total: number;
  source: CompanySourceName;
};

/** Where prospects come from: the live API Recherche d'entreprises or the offline directory. */
export type CompanySource = {
  readonly name: CompanySourceName;
  search(query: CompanyQuery): Promise<CompanySearchResult>;
};
