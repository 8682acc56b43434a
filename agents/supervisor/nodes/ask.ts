import type { CrmCtx } from '../../../crm/context';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import { ModelUnavailableError } from '../../../graph/model/types';
import { answerOffline, answerWithModel } from '../ask/answer';
import type { AskPlan } from '../plan';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/** A question about the CRM, answered from the read tools. */
export function askNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType): Promise<SupervisorUpdate> => {
    const plan = s.plan as AskPlan;
    const ctx: CrmCtx = { db: deps.db.kysely, jobs: deps.jobs, workspaceId: s.workspaceId, actor: { type: 'teammate', id: 'supervisor' } };
    const offline = () => answerOffline(ctx, plan.question, plan.language);
    const answer = run.model
      ? await answerWithModel(run.model, ctx, s.profile?.name ?? '', plan.question, plan.language).catch((err: unknown) => {
          if (err instanceof ModelUnavailableError) return offline();
          throw err;
        })
      : await offline();
    await run.emit('answer_ready', {});
    return { answer };
  };
}
