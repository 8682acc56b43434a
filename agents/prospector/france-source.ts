import type { LeadCandidate } from '../../crm/leads';
import { companyQueriesFromIntent, type CompanySource as FranceSource, type FoundCompany } from '../../france/sources';
import type { CompanySource } from './ports';

/** A found establishment as a CRM lead candidate: its natural-person dirigeants become leads. */
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

/** The France helper's source (offline directory or API Recherche d'entreprises) as the prospector's port. */
export function franceCompanySource(source: FranceSource): CompanySource {
  return {
    name: source.name,
    async search(q) {
      const queries = companyQueriesFromIntent({ kind: 'prospect', language: 'fr', sectors: q.sectors, places: q.places, count: q.count, headcount: q.headcount }, q.count);
      const seen = new Set<string>();
      const out: LeadCandidate[] = [];
      for (const query of queries) {
        if (out.length >= q.count) break;
        const r = await source.search({ ...query, limit: q.count - out.length });
        for (const c of r.companies) {
          if (seen.has(c.siret) || out.length >= q.count) continue;
          seen.add(c.siret);
          out.push(toLeadCandidate(c));
        }
      }
      return out;
    },
  };
}
