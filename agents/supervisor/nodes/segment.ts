import { sql } from 'kysely';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import { MAX_COUNT, type SegmentPlan } from '../plan';
import { CONTACTED_STATUSES } from '../../../graph/store/lead-drafts';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/**
 * Leads already in the CRM matching the request's sectors and places ("écris aux agences
 * immobilières de Nantes que nous n'avons pas encore contactées"); opted-out people never,
 * and with onlyUncontacted, none that already has a teammate draft.
 */
export function segmentNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType): Promise<SupervisorUpdate> => {
    const plan = s.plan as SegmentPlan;
    const naf = plan.sectors.flatMap((x) => x.naf);
    const communes = plan.places.flatMap((p) => p.communes);
    const postcodes = plan.places.flatMap((p) => p.postcodes);
    let q = deps.db.kysely
      .selectFrom('people as p')
      .innerJoin('companies as c', 'c.id', 'p.company_id')
      .select(['p.id', 'p.opted_out_at'])
      .where('p.workspace_id', '=', s.workspaceId)
      .where('p.kind', '=', 'lead');
    if (naf.length) q = q.where('c.naf_code', 'in', naf);
    if (communes.length || postcodes.length) {
      q = q.where((eb) => eb.or([...(communes.length ? [eb('c.commune_code', 'in', communes)] : []), ...(postcodes.length ? [eb('c.postcode', 'in', postcodes)] : [])]));
    }
    if (plan.onlyUncontacted) {
      q = q.where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('actions as a').select(sql`1`.as('one')).whereRef('a.person_id', '=', 'p.id').where('a.teammate', '=', 'drafter').where('a.status', 'in', [...CONTACTED_STATUSES]))),
      );
    }
    const rows = await q.orderBy('p.id').limit(MAX_COUNT).execute();
    const optedOut = rows.filter((r) => r.opted_out_at !== null).length;
    const targets = rows.filter((r) => r.opted_out_at === null).map((r) => r.id);
    await run.emit('companies_found', { count: rows.length, source: 'crm' });
    return { leads: { found: rows.length, created: 0, known: rows.length, optedOut, alreadyDrafted: 0, targets } };
  };
}
