import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { logger as rootLogger, type Logger } from '../../lib/log';
import { backoffMs, classifyError, MalformedResponseError } from './retry';
import { estimateMessagesTokens, estimateTokens } from './tokens';
import { ModelUnavailableError, type ChatModel, type ModelMessage, type ModelRequest, type ModelResponse } from './types';

export type OpenAIModelOptions = {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** per attempt, milliseconds (RELAIS_MODEL_TIMEOUT_MS); the run's budget may cut it shorter */
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
};

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function toOpenAIMessages(messages: ModelMessage[]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    switch (m.role) {
      case 'assistant':
        return {
          role: 'assistant',
          content: m.content,
          ...(m.toolCalls?.length ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) } : {}),
        };
      case 'tool':
        return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
      default:
        return { role: m.role, content: m.content };
    }
  });
}

function toParams(model: string, req: ModelRequest): ChatCompletionCreateParamsNonStreaming {
  const params: ChatCompletionCreateParamsNonStreaming = { model, messages: toOpenAIMessages(req.messages) };
  if (req.temperature !== undefined) params.temperature = req.temperature;
  if (req.tools?.length) {
    params.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
    const choice = req.toolChoice ?? 'auto';
    params.tool_choice = typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
  }
  if (req.responseFormat) {
    params.response_format = { type: 'json_schema', json_schema: { name: req.responseFormat.name, schema: req.responseFormat.schema, strict: false } };
  }
  return params;
}

/** Without a run's budget (evals, one-off calls): waits and hangs are still bounded. */
const STANDALONE_BUDGET_MS = 5 * 60_000;

/**
 * Chat completions through the official SDK against any OpenAI-compatible server (OpenAI,
 * Mistral, Ollama, vLLM). The SDK's own retries are off so that this loop owns them: 429, 5xx,
 * timeouts and bodies that are cut short or not a completion back off (Retry-After honoured
 * exactly), anything else fails at once. Every attempt's timeout and every wait come out of the
 * run's budget: a provider that would make the run wait past it is given up at once.
 */
export function createOpenAIModel(opts: OpenAIModelOptions): ChatModel {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: 0, timeout: timeoutMs });
  const maxRetries = opts.maxRetries ?? 4;
  const sleep = opts.sleep ?? defaultSleep;
  const log = (opts.logger ?? rootLogger).child({ component: 'model', model: opts.model });
  return {
    name: opts.model,
    async complete(req): Promise<ModelResponse> {
      const params = toParams(opts.model, req);
      const standalone = Date.now() + STANDALONE_BUDGET_MS;
      const remaining = () => (req.budget ? req.budget.remainingMs() : Math.max(0, standalone - Date.now()));
      const unavailable = (why: string, status: number | null) => new ModelUnavailableError(`model provider unavailable: ${why}`, status);
      for (let attempt = 0; ; attempt++) {
        const left = remaining();
        if (left <= 0) throw unavailable('the run ran out of time waiting for it', null);
        const started = Date.now();
        try {
          const res = await client.chat.completions.create(params, { signal: req.signal, timeout: Math.max(1, Math.floor(Math.min(timeoutMs, left))) });
          if (typeof res !== 'object' || res === null || !Array.isArray(res.choices)) throw new MalformedResponseError('the answer is not a chat completion');
          const choice = res.choices[0];
          const msg = choice?.message;
          const toolCalls = (msg?.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : []));
          const content = msg?.content ?? null;
          return {
            content,
            toolCalls,
            model: res.model || opts.model,
            usage: {
              inputTokens: res.usage?.prompt_tokens ?? estimateMessagesTokens(req.messages, req.tools),
              outputTokens: res.usage?.completion_tokens ?? estimateTokens((content ?? '') + toolCalls.map((c) => c.arguments).join('')),
            },
          };
        } catch (err) {
          req.budget?.spend(Date.now() - started);
          const d = classifyError(err);
          const why = err instanceof Error ? err.message : String(err);
          if (req.signal?.aborted || !d.retry) throw err;
          if (attempt >= maxRetries) throw unavailable(`no answer after ${attempt + 1} attempts (${why})`, d.status);
          const wait = backoffMs(attempt, d.retryAfterMs, opts.retryBaseMs ?? 500);
          if (wait >= remaining()) throw unavailable(`it asked to wait ${Math.round(wait / 1000)} s, more than the run has left (${why})`, d.status);
          log.warn({ purpose: req.purpose, status: d.status, attempt: attempt + 1, waitMs: Math.round(wait) }, 'model call failed, retrying');
          req.budget?.spend(wait);
          await sleep(wait);
        }
      }
    },
  };
}
