import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { ApiSearchResponseSchema, type ApiUniteLegale } from './api-schema';
import { filterDirectory } from './directory-filter';
import { CompanySourceError } from './errors';
import { bandsForHeadcount } from './headcount-bands';
import { toFoundCompany } from './normalize-company';
import { CompanyQuerySchema, type CompanyQuery, type CompanySearchResult, type CompanySource, type FoundCompany } from './types';

export const OFFLINE_DIRECTORY_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'offline-directory.json');

/** The bundled directory: the API's response format plus an explicit "fictitious" marker. */
export const OfflineDirectorySchema = ApiSearchResponseSchema.extend({
  fictitious: z.literal(true),
  notice: z.string(),
});
export type OfflineDirectory = z.infer<typeof OfflineDirectorySchema>;

const cache = new Map<string, ApiUniteLegale[]>();

export function loadOfflineDirectory(file = OFFLINE_DIRECTORY_FILE): ApiUniteLegale[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const parsed = OfflineDirectorySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`offline directory ${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  cache.set(file, parsed.data.results);
  return parsed.data.results;
}

/**
 * Company search over the bundled directory of FICTITIOUS companies, filtered exactly like
 * the API (activity, headcount, active units, establishments in the area) and normalized the
 * same way. Results come sorted by name then SIRET, so the same query always answers the same.
 */
export class OfflineDirectorySource implements CompanySource {
  readonly name = 'offline' as const;
  private readonly units: () => ApiUniteLegale[];

  constructor(options: { units?: ApiUniteLegale[]; file?: string } = {}) {
    this.units = options.units ? () => options.units! : () => loadOfflineDirectory(options.file);
  }

  async search(input: CompanyQuery): Promise<CompanySearchResult> {
    const parsed = CompanyQuerySchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = `${issue?.path.join('.')}: ${issue?.message}`;
      throw new CompanySourceError('invalid_query', `invalid company query (${detail})`, { detail });
    }
    const query = parsed.data;
    const area = { communes: query.communes, postcodes: query.postcodes, departement: query.departement, region: query.region };
    const matches = filterDirectory(this.units(), { ...area, naf: query.naf, bands: bandsForHeadcount(query.headcount), activeOnly: true });
    const companies: FoundCompany[] = [];
    for (const { unit, matching } of matches) {
      const company = toFoundCompany({ ...unit, matching_etablissements: matching }, area, 'offline');
      if (company) companies.push(company);
    }
    companies.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.siret.localeCompare(b.siret));
    return { companies: companies.slice(0, query.limit), total: companies.length, source: this.name };
  }
}
