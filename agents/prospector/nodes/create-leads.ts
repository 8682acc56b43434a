import type { CrmCtx } from '../../../crm/context';
import { createLeadsFromCompanies } from '../../../crm/leads';
import { findLeadsOfCompanies } from '../../../db/repositories/people';
import type { Kysely } from 'kysely';
import type { JobQueue } from '../../../db/jobs/queue';
import type { Database } from '../../../db/schema';
import type { Emitter } from '../../../graph/store/events';
import type { ProspectorStateType, ProspectorUpdate } from '../state';

/**
 * Companies found → leads through the CRM's own dedupe (exact SIREN/SIRET, then similarity;
 * opted-out people never re-created). For companies already known, their current leads are
 * the ones to consider, opted-out ones set apart.
 */
export function createLeadsNode(db: Kysely<Database>, jobs: JobQueue, emit: Emitter) {
  return async (s: ProspectorStateType): Promise<ProspectorUpdate> => {
    const ctx: CrmCtx = { db, jobs, workspaceId: s.request.workspaceId, actor: { type: 'teammate', id: 'prospector' } };
    const r = await createLeadsFromCompanies(ctx, s.found);
    const created = r.outcomes.filter((o) => o.status === 'created').flatMap((o) => o.personIds);
    const knownCompanies = [...new Set(r.outcomes.filter((o) => o.status === 'known' && o.companyId).map((o) => o.companyId))];
    const people = await findLeadsOfCompanies(db, ctx.workspaceId, knownCompanies);
    const leads = {
      created,
      known: people.filter((p) => p.opted_out_at === null).map((p) => p.id),
      optedOut: people.filter((p) => p.opted_out_at !== null).map((p) => p.id),
      companies: { created: r.created, known: r.known },
    };
    await emit('leads_created', {
      created: leads.companies.created,
      known: leads.companies.known,
      leads: leads.created.length + leads.known.length,
      optedOut: leads.optedOut.length,
    });
    return { leads };
  };
}
