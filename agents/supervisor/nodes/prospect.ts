import type { CrmCtx } from '../../../crm/context';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import type { ProspectPlan } from '../plan';
import { peopleWithDrafts } from '../../../graph/store/lead-drafts';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/** The prospector: company search, then leads (deduplicated) in the CRM. */
export function prospectNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType): Promise<SupervisorUpdate> => {
    const plan = s.plan as ProspectPlan;
    const found = await deps.companies.search({ sectors: plan.sectors, places: plan.places, count: plan.count, headcount: plan.headcount });
    await run.emit('companies_found', { count: found.length, source: deps.companies.name });
    const ctx: CrmCtx = { db: deps.db.kysely, workspaceId: s.workspaceId, actor: { type: 'teammate', id: 'prospector' } };
    const leads = await deps.createLeads(ctx, found);
    await run.emit('leads_created', { created: leads.companies.created, known: leads.companies.known, leads: leads.created.length + leads.known.length, optedOut: leads.optedOut.length });
    run.log.info({ found: found.length, created: leads.companies.created, known: leads.companies.known }, 'leads ready');
    const candidates = [...leads.created, ...leads.known];
    const drafted = plan.draft ? await peopleWithDrafts(deps.db.kysely, s.workspaceId, candidates, run.runId) : new Set<string>();
    return {
      leads: {
        found: found.length,
        created: leads.companies.created,
        known: leads.companies.known,
        optedOut: leads.optedOut.length,
        alreadyDrafted: drafted.size,
        targets: plan.draft ? candidates.filter((id) => !drafted.has(id)) : [],
      },
    };
  };
}
