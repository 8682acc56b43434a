import type { LeadCandidate } from '../../../crm/leads';
import { companyQueriesFromIntent, type CompanySource, type FoundCompany } from '../../../france/sources';
import type { Emitter } from '../../../graph/store/events';
import type { ProspectorStateType, ProspectorUpdate } from '../state';

/** A found establishment as a CRM lead candidate: its natural-person dirigeant becomes the lead. */
export function toLeadCandidate(c: FoundCompany): LeadCandidate {
  return {
    siren: c.siren,
    siret: c.siret,
    name: c.name,
    nafCode: c.nafCode,
    nafLabel: c.nafLabel,
    address: c.address,
    postcode: c.postcode,
    communeCode: c.communeCode,
    city: c.city,
    headcountBand: c.headcountBand?.label ?? null,
    website: c.website ?? null,
    email: c.email ?? null,
    isNaturalPerson: c.isNaturalPerson,
    dirigeants: c.dirigeants
      .filter((d) => d.isNaturalPerson && (d.firstName || d.lastName))
      .slice(0, 1) // the first listed dirigeant is the one a letter addresses
      .map((d) => ({ firstName: d.firstName ?? '', lastName: d.lastName ?? '', role: d.role, isNaturalPerson: true })),
    source: c.source,
    sourceId: c.sourceId,
  };
}

/**
 * The company source (offline directory or API Recherche d'entreprises): one search per place,
 * all sectors together, until the requested count; an establishment seen twice counts once.
 */
export function searchNode(companies: CompanySource, emit: Emitter) {
  return async (s: ProspectorStateType): Promise<ProspectorUpdate> => {
    const r = s.request;
    const queries = companyQueriesFromIntent({ kind: 'prospect', language: 'fr', sectors: r.sectors, places: r.places, count: r.count, headcount: r.headcount }, r.count);
    const seen = new Set<string>();
    const found: LeadCandidate[] = [];
    for (const query of queries) {
      if (found.length >= r.count) break;
      const result = await companies.search({ ...query, limit: r.count - found.length });
      for (const c of result.companies) {
        if (seen.has(c.siret) || found.length >= r.count) continue;
        seen.add(c.siret);
        found.push(toLeadCandidate(c));
      }
    }
    await emit('companies_found', { count: found.length, source: companies.name });
    return { found };
  };
}
