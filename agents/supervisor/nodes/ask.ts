import { answerOffline, answerWithModel } from '../ask/answer';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import type { AskPlan } from '../plan';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

export function askNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType): Promise<SupervisorUpdate> => {
    const plan = s.plan as AskPlan;
    const answer = run.model
      ? await answerWithModel(run.model, deps.db.kysely, s.workspaceId, s.profile?.name ?? '', plan.question, plan.language)
      : await answerOffline(deps.db.kysely, s.workspaceId, plan.question, plan.language);
    await run.emit('answer_ready', {});
    return { answer };
  };
}
