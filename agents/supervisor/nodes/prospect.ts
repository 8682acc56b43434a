import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import { prospect } from '../../prospector/graph';
import type { ProspectPlan } from '../plan';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/** Hands the request to the prospector: companies found, leads in the CRM, who to write to. */
export function prospectNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType, config: LangGraphRunnableConfig): Promise<SupervisorUpdate> => {
    const plan = s.plan as ProspectPlan;
    const summary = await prospect(
      { db: deps.db.kysely, jobs: deps.jobs, companies: deps.companies, emit: run.emit },
      { workspaceId: s.workspaceId, runId: run.runId, sectors: plan.sectors, places: plan.places, count: plan.count, headcount: plan.headcount, draft: plan.draft },
      config.signal,
    );
    run.log.info({ found: summary.found, created: summary.created, known: summary.known }, 'leads ready');
    return { leads: summary };
  };
}
