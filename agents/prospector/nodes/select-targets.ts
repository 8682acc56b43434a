import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { peopleWithDrafts } from '../../../graph/store/lead-drafts';
import type { ProspectorStateType, ProspectorUpdate } from '../state';

/** Who the drafter writes to: every lead found, minus those another run already wrote to. */
export function selectTargetsNode(db: Kysely<Database>) {
  return async (s: ProspectorStateType): Promise<ProspectorUpdate> => {
    const r = s.request;
    const leads = s.leads ?? { created: [], known: [], optedOut: [], companies: { created: 0, known: 0 } };
    const candidates = [...leads.created, ...leads.known];
    const drafted = r.draft ? await peopleWithDrafts(db, r.workspaceId, candidates, r.runId) : new Set<string>();
    return {
      summary: {
        found: s.found.length,
        created: leads.companies.created,
        known: leads.companies.known,
        optedOut: leads.optedOut.length,
        alreadyDrafted: drafted.size,
        targets: r.draft ? candidates.filter((id) => !drafted.has(id)) : [],
      },
    };
  };
}
