import type { Limiter } from './limiter';
import type { RunMeter } from './meter';
import type { ChatModel } from './types';

/** A run's view of the model: every call goes through the run's limiter and meter. */
export function accountedModel(model: ChatModel, meter: RunMeter, limiter: Limiter): ChatModel {
  return {
    name: model.name,
    async complete(req) {
      const res = await limiter.run(() => model.complete(req));
      meter.record(req.purpose, res.model || model.name, res.usage);
      return res;
    },
  };
}
