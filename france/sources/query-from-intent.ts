import type { Intent } from '../intent/schema';
import type { Place } from '../places/schema';
import type { CompanyQuery } from './types';

/** Search area of a place: commune codes for a town, the code itself for a département or région. */
export function areaOfPlace(place: Place): Pick<CompanyQuery, 'communes' | 'departement' | 'region'> {
  if (place.kind === 'commune') return { communes: place.communes };
  if (place.kind === 'departement') return { departement: place.code };
  return { region: place.code };
}

/**
 * The company searches a parsed request asks for: one per place (or one France-wide search),
 * all sectors' NAF codes together, the requested count (else `defaultLimit`) and headcount.
 */
export function companyQueriesFromIntent(intent: Intent, defaultLimit = 20): CompanyQuery[] {
  const naf = [...new Set(intent.sectors.flatMap((s) => s.naf))];
  const limit = intent.count ?? defaultLimit;
  const base = { naf, headcount: intent.headcount, limit };
  if (intent.places.length === 0) return [base];
  return intent.places.map((place) => ({ ...base, ...areaOfPlace(place) }));
}
