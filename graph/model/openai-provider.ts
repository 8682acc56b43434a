import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { logger as rootLogger, type Logger } from '../../lib/log';
import { backoffMs, classifyError } from './retry';
import { estimateMessagesTokens, estimateTokens } from './tokens';
import { ModelUnavailableError, type ChatModel, type ModelMessage, type ModelRequest, type ModelResponse } from './types';

export type OpenAIModelOptions = {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** per request, milliseconds */
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

/**
 * Chat completions through the official SDK against any OpenAI-compatible server (OpenAI,
 * Mistral, Ollama, vLLM). The SDK's own retries are off so that this loop owns them: 429,
 * 5xx and timeouts back off (Retry-After honoured), anything else fails at once.
 */
export function createOpenAIModel(opts: OpenAIModelOptions): ChatModel {
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: 0, timeout: opts.timeoutMs ?? 60_000 });
  const maxRetries = opts.maxRetries ?? 4;
  const sleep = opts.sleep ?? defaultSleep;
  const log = (opts.logger ?? rootLogger).child({ component: 'model', model: opts.model });
  return {
    name: opts.model,
    async complete(req): Promise<ModelResponse> {
      const params = toParams(opts.model, req);
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await client.chat.completions.create(params, { signal: req.signal });
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
          const d = classifyError(err);
          if (!d.retry || attempt >= maxRetries || req.signal?.aborted) {
            const why = err instanceof Error ? err.message : String(err);
            if (d.retry) throw new ModelUnavailableError(`model provider unavailable after ${attempt + 1} attempts: ${why}`, d.status);
            throw err;
          }
          const wait = backoffMs(attempt, d.retryAfterMs, opts.retryBaseMs ?? 500);
          log.warn({ purpose: req.purpose, status: d.status, attempt: attempt + 1, waitMs: Math.round(wait) }, 'model call failed, retrying');
          await sleep(wait);
        }
      }
    },
  };
}
