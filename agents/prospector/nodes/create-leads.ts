import type { CrmCtx } from '../../../crm/context';
import { createLeadsFromCompanies, type LeadCandidate } from '../../../crm/leads';
import type { LeadCreation } from '../ports';

/**
 * Companies found → leads through the CRM's own dedupe (exact SIREN/SIRET, then similarity;
 * opted-out people never re-created). For companies already known, their current leads are
 * the ones to consider, opted-out ones set apart.
 */
export async function createLeads(ctx: CrmCtx, companies: LeadCandidate[]): Promise<LeadCreation> {
  const r = await createLeadsFromCompanies(ctx, companies);
  const created = r.outcomes.filter((o) => o.status === 'created').flatMap((o) => o.personIds);
  const knownCompanies = [...new Set(r.outcomes.filter((o) => o.status === 'known' && o.companyId).map((o) => o.companyId))];
  const people = knownCompanies.length
    ? await ctx.db
        .selectFrom('people')
        .select(['id', 'opted_out_at'])
        .where('workspace_id', '=', ctx.workspaceId)
        .where('company_id', 'in', knownCompanies)
        .where('kind', '=', 'lead')
        .orderBy('id')
        .execute()
    : [];
  return {
    created,
    known: people.filter((p) => p.opted_out_at === null).map((p) => p.id),
    optedOut: people.filter((p) => p.opted_out_at !== null).map((p) => p.id),
    companies: { created: r.created, known: r.known },
  };
}
