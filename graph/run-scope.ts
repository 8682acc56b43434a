import type { RunKind } from '../db/tables/teammates';
import { DEFAULT_MODEL_BUDGET_MS, type RunScope, type TeammateDeps } from './deps';
import { accountedModel, type UsageSink } from './model/accounted-model';
import { createModelBudget } from './model/budget';
import { createLimiter } from './model/limiter';
import { RunMeter } from './model/meter';
import { createEmitter } from './store/events';

export type RunIds = { runId: string; workspaceId: string; userId: string | null; threadId: string; kind: RunKind };

export const modeOf = (deps: Pick<TeammateDeps, 'model'>) => (deps.model ? ('model' as const) : ('offline' as const));

/** One run's view of the teammates: its ids, its model (limited, metered, on a budget), its progress events. */
export function runScope(deps: TeammateDeps, ids: RunIds, onUsage?: UsageSink): RunScope {
  const meter = new RunMeter();
  const limiter = createLimiter(deps.concurrency);
  const budget = createModelBudget(deps.modelBudgetMs ?? DEFAULT_MODEL_BUDGET_MS);
  return {
    runId: ids.runId,
    workspaceId: ids.workspaceId,
    userId: ids.userId,
    threadId: ids.threadId,
    mode: modeOf(deps),
    model: deps.model ? accountedModel(deps.model, meter, limiter, budget, onUsage) : null,
    meter,
    budget,
    limiter,
    // twice as many leads in flight as model calls: while one lead's draft is reviewed, another's
    // call takes the free model slot, so the calls pack the limiter instead of waiting by lead
    leadSlots: createLimiter(deps.concurrency * 2),
    emit: createEmitter(deps.db.kysely, ids),
    log: deps.logger.child({ runId: ids.runId, threadId: ids.threadId, workspaceId: ids.workspaceId }),
  };
}
