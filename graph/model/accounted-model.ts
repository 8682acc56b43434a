import type { ModelBudget } from './budget';
import type { Limiter } from './limiter';
import type { RunMeter } from './meter';
import { ModelUnavailableError, type ChatModel, type ModelPurpose, type TokenUsage } from './types';

export type UsageSink = (purpose: ModelPurpose, model: string, usage: TokenUsage) => Promise<void>;

/**
 * A run's view of the model: every call goes through the run's limiter, meter and budget, and
 * its usage is recorded as it happens (a killed worker's calls still count). Once the provider
 * gave up, or the budget is spent, the run is degraded and later calls fail at once: the
 * teammates then finish with the offline teammate instead of waiting again.
 */
export function accountedModel(model: ChatModel, meter: RunMeter, limiter: Limiter, budget: ModelBudget, onUsage?: UsageSink): ChatModel {
  return {
    name: model.name,
    async complete(req) {
      return limiter.run(async () => {
        if (budget.degraded) throw new ModelUnavailableError(`model provider unavailable: ${budget.degraded}`, null);
        try {
          const res = await model.complete({ ...req, budget });
          meter.record(req.purpose, res.model || model.name, res.usage);
          await onUsage?.(req.purpose, res.model || model.name, res.usage);
          return res;
        } catch (err) {
          if (err instanceof ModelUnavailableError) budget.degrade(err.message.replace(/^model provider unavailable: /, ''));
          throw err;
        }
      }, req.signal);
    },
  };
}
