import type { ChatModel } from '../../graph/model/types';

/** A model with a fixed latency per call (the bench's simulated provider). */
export function withLatency(model: ChatModel, latencyMs: number): ChatModel {
  return {
    name: `${model.name}+${latencyMs}ms`,
    async complete(req) {
      await new Promise((r) => setTimeout(r, latencyMs));
      return model.complete(req);
    },
  };
}
