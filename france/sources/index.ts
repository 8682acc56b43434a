// Company sources: where prospects come from. Use createCompanySource() and the types below.
export { createCompanySource } from './create-company-source';
export { RechercheEntreprisesSource, DEFAULT_BASE_URL, USER_AGENT, type RechercheEntreprisesOptions } from './recherche-entreprises';
export { OfflineDirectorySource, loadOfflineDirectory, OFFLINE_DIRECTORY_FILE } from './offline-directory';
export { CompanySourceError, type CompanySourceErrorCode } from './errors';
export { companyQueriesFromIntent, areaOfPlace } from './query-from-intent';
export { bandsForHeadcount, headcountBand, HEADCOUNT_BANDS } from './headcount-bands';
export {
  CompanyQuerySchema,
  FoundCompanySchema,
  DirigeantSchema,
  type CompanyQuery,
  type CompanySearchResult,
  type CompanySource,
  type CompanySourceName,
  type Dirigeant,
  type FoundCompany,
} from './types';
