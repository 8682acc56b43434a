import { z } from 'zod';
import { OfflineDirectorySource } from './offline-directory';
import { DEFAULT_BASE_URL, RechercheEntreprisesSource, type RechercheEntreprisesOptions } from './recherche-entreprises';
import type { CompanySource } from './types';

const EnvSchema = z.object({
  RELAIS_COMPANY_SOURCE: z.enum(['offline', 'api']).default('offline'),
  RELAIS_SIRENE_BASE_URL: z.string().url().optional(),
});

/**
 * The configured company source: the offline directory by default (no network, fictitious
 * companies), the live API Recherche d'entreprises with RELAIS_COMPANY_SOURCE=api
 * (RELAIS_SIRENE_BASE_URL points it elsewhere, e.g. a local test server).
 */
export function createCompanySource(env: Record<string, string | undefined> = process.env, apiOptions: Omit<RechercheEntreprisesOptions, 'baseUrl'> = {}): CompanySource {
  const cleaned = Object.fromEntries(['RELAIS_COMPANY_SOURCE', 'RELAIS_SIRENE_BASE_URL'].map((k) => [k, env[k]?.trim() || undefined]));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  if (parsed.data.RELAIS_COMPANY_SOURCE === 'offline') return new OfflineDirectorySource();
  return new RechercheEntreprisesSource({ ...apiOptions, baseUrl: parsed.data.RELAIS_SIRENE_BASE_URL ?? DEFAULT_BASE_URL });
}
