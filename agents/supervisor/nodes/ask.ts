import type { CrmCtx } from '../../../crm/context';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import { answerOffline, answerWithModel } from '../ask/answer';
import type { AskPlan } from '../plan';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/** A question about the CRM, answered from the read tools. */
export function askNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType): Promise<SupervisorUpdate> => {
    const plan = s.plan as AskPlan;
    const ctx: CrmCtx = { db: deps.db.kysely, jobs: deps.jobs, workspaceId: s.workspaceId, actor: { type: 'teammate', id: 'supervisor' } };
    const answer = run.model ? await answerWithModel(run.model, ctx, s.profile?.name ?? '', plan.question, plan.language) : await answerOffline(ctx, plan.question, plan.language);
    await run.emit('answer_ready', {});
    return { answer };
  };
}
