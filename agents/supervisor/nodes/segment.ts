import { CONTACTED } from '../../../actions/states';
import { findSegmentLeads } from '../../../db/repositories/people';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import { MAX_COUNT, type SegmentPlan } from '../plan';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/**
 * Leads already in the CRM matching the request's sectors and places ("écris aux agences
 * immobilières de Nantes que nous n'avons pas encore contactées"); opted-out people never,
 * and with onlyUncontacted, none that already has a teammate draft.
 */
export function segmentNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType): Promise<SupervisorUpdate> => {
    const plan = s.plan as SegmentPlan;
    const rows = await findSegmentLeads(deps.db.kysely, s.workspaceId, {
      naf: plan.sectors.flatMap((x) => x.naf),
      communes: plan.places.flatMap((p) => p.communes),
      postcodes: plan.places.flatMap((p) => p.postcodes),
      notContactedIn: plan.onlyUncontacted ? CONTACTED : undefined,
      limit: MAX_COUNT,
    });
    const optedOut = rows.filter((r) => r.opted_out_at !== null).length;
    const targets = rows.filter((r) => r.opted_out_at === null).map((r) => r.id);
    await run.emit('companies_found', { count: rows.length, source: 'crm' });
    return { leads: { found: rows.length, created: 0, known: rows.length, optedOut, alreadyDrafted: 0, targets } };
  };
}
