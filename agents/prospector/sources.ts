import { createCompanySource } from '../../france/sources';
import type { Config } from '../../lib/config';
import { franceCompanySource } from './france-source';
import type { CompanySource } from './ports';

/** The configured company source (RELAIS_COMPANY_SOURCE): the offline directory or the API. */
export function defaultCompanySource(config: Config): CompanySource {
  return franceCompanySource(createCompanySource({ ...process.env, RELAIS_COMPANY_SOURCE: config.RELAIS_COMPANY_SOURCE }));
}
