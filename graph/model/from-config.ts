import type { Config } from '../../lib/config';
import type { ChatModel } from './types';

/**
 * The model from configuration: an OpenAI-compatible endpoint when a key is set, else none
 * (offline teammate). The SDK loads on the first call, not at start-up.
 */
export function modelFromConfig(config: Config): ChatModel | null {
  const apiKey = config.OPENAI_API_KEY;
  if (!apiKey) return null;
  let model: Promise<ChatModel> | null = null;
  const loaded = () => {
    model ??= load();
    return model;
  };
  const load = async () =>
    (await import('./openai-provider')).createOpenAIModel({ apiKey, baseURL: config.OPENAI_BASE_URL, model: config.RELAIS_MODEL, timeoutMs: config.RELAIS_MODEL_TIMEOUT_MS });
  return {
    name: config.RELAIS_MODEL,
    complete: async (req) => (await loaded()).complete(req),
  };
}
