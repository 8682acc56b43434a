import { createLeads } from '../agents/prospector/nodes/create-leads';
import { defaultCompanySource } from '../agents/prospector/sources';
import type { Db } from '../db/connection';
import { parseIntent } from '../france/intent/parse-intent';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/log';
import type { TeammateDeps } from './deps';
import type { ChatModel } from './model/types';
import { approvalGate } from './outbound-gate';

/**
 * The model from configuration: an OpenAI-compatible endpoint when a key is set, else none
 * (offline teammate). The SDK loads on the first call, not at start-up.
 */
export function modelFromConfig(config: Config): ChatModel | null {
  const apiKey = config.OPENAI_API_KEY;
  if (!apiKey) return null;
  let model: Promise<ChatModel> | null = null;
  const load = async () => (await import('./model/openai-provider')).createOpenAIModel({ apiKey, baseURL: config.OPENAI_BASE_URL, model: config.RELAIS_MODEL });
  return {
    name: config.RELAIS_MODEL,
    complete: async (req) => (await (model ??= load())).complete(req),
  };
}

/** Production wiring; tests and the bench override the parts they script. */
export function createTeammateDeps(db: Db, config: Config, logger: Logger, overrides: Partial<TeammateDeps> = {}): TeammateDeps {
  return {
    db,
    model: modelFromConfig(config),
    concurrency: config.RELAIS_LLM_CONCURRENCY,
    gate: approvalGate,
    parseIntent,
    companies: defaultCompanySource(config),
    createLeads,
    logger: logger.child({ component: 'teammates' }),
    ...overrides,
  };
}
