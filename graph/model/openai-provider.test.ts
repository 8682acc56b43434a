import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { completion, startOpenAICompatibleServer, type HttpHandler } from '../../test/teammates/openai-compatible-server';
import { logger } from '../../lib/log';
import { createOpenAIModel } from './openai-provider';
import { callJson, chooseTool } from './structured';
import { ModelOutputError, ModelUnavailableError } from './types';
import { createModelBudget } from './budget';

// The real `openai` client against a local OpenAI-compatible server.
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function serve(handler: HttpHandler) {
  const s = await startOpenAICompatibleServer(handler);
  close = s.close;
  const model = createOpenAIModel({
    apiKey: 'test-key',
    baseURL: s.baseURL,
    model: 'test-model',
    retryBaseMs: 1,
    sleep: async () => undefined,
    timeoutMs: 2000,
    logger: logger.child({}, { level: 'silent' }),
  });
  return { ...s, model };
}

const Args = z.object({ city: z.string() }).strict();
const user = [{ role: 'user' as const, content: 'Où ?' }];

describe('openai provider', () => {
  it('sends chat completions with tools and reads tool calls and usage', async () => {
    const s = await serve(() => ({ json: completion({ tool_calls: [{ id: 'c1', name: 'pick', arguments: '{"city":"Lyon"}' }] }, { prompt_tokens: 321, completion_tokens: 12 }) }));
    const r = await s.model.complete({
      purpose: 'route',
      messages: user,
      tools: [{ name: 'pick', description: 'pick a city', parameters: { type: 'object' } }],
      toolChoice: { name: 'pick' },
    });
    expect(r.toolCalls).toEqual([{ id: 'c1', name: 'pick', arguments: '{"city":"Lyon"}' }]);
    expect(r.usage).toEqual({ inputTokens: 321, outputTokens: 12 });
    expect(s.requests[0].tool_choice).toEqual({ type: 'function', function: { name: 'pick' } });
    expect(s.requests[0].tools?.[0].function.name).toBe('pick');
  });

  it('retries a 429 (Retry-After) and a 503, then succeeds', async () => {
    const s = await serve((_req, n) =>
      n === 0
        ? { status: 429, headers: { 'retry-after': '0' }, json: { error: { message: 'slow down' } } }
        : n === 1
          ? { status: 503, json: { error: { message: 'busy' } } }
          : { json: completion({ content: 'ok' }) },
    );
    const r = await s.model.complete({ purpose: 'ask', messages: user });
    expect(r.content).toBe('ok');
    expect(s.requests).toHaveLength(3);
  });

  it('gives up with a clear error after its retries, and does not retry a 400', async () => {
    const busy = await serve(() => ({ status: 500, json: { error: { message: 'down' } } }));
    await expect(busy.model.complete({ purpose: 'ask', messages: user })).rejects.toBeInstanceOf(ModelUnavailableError);
    expect(busy.requests).toHaveLength(5);
    await close?.();
    const bad = await serve(() => ({ status: 400, json: { error: { message: 'bad request' } } }));
    await expect(bad.model.complete({ purpose: 'ask', messages: user })).rejects.toThrow(/bad request/);
    expect(bad.requests).toHaveLength(1);
  });

  it('feeds a malformed tool call back to the model and takes the repaired one', async () => {
    const s = await serve((_req, n) => ({ json: completion({ tool_calls: [{ id: `c${n}`, name: 'pick', arguments: n === 0 ? '{"town": "Lyon"' : '{"city":"Lyon"}' }] }) }));
    const r = await chooseTool(s.model, { purpose: 'route', messages: user }, { pick: { description: 'pick', schema: Args } });
    expect(r.args).toEqual({ city: 'Lyon' });
    const second = s.requests[1].messages;
    expect(second.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'c0' });
    expect(second.at(-1)?.content).toMatch(/not valid JSON/);
  });

  it('fails clearly after two repairs', async () => {
    const s = await serve((_req, n) => ({ json: completion({ tool_calls: [{ id: `c${n}`, name: 'pick', arguments: '{"town":"Lyon"}' }] }) }));
    const err = await chooseTool(s.model, { purpose: 'route', messages: user }, { pick: { description: 'pick', schema: Args } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelOutputError);
    expect((err as Error).message).toMatch(/after 3 attempts.*city/);
    expect(s.requests).toHaveLength(3);
  });

  it('asks for structured outputs with a JSON schema and repairs a schema violation', async () => {
    const s = await serve((_req, n) => ({ json: completion({ content: n === 0 ? '{"verdict":"maybe"}' : '{"verdict":"pass","notes":[]}' }) }));
    const r = await callJson(s.model, { purpose: 'review', messages: user }, 'review', z.object({ verdict: z.enum(['pass', 'revise']), notes: z.array(z.string()) }));
    expect(r).toEqual({ verdict: 'pass', notes: [] });
    expect(s.requests[0].response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'review' } });
  });

  it('retries a body cut short, a body that is not JSON, and a proxy page, like a transport error', async () => {
    const s = await serve((_req, n) =>
      n === 0
        ? { truncate: true, json: completion({ content: 'cut' }) }
        : n === 1
          ? { raw: '{"id": "x", "choices": [ {"message": ' }
          : n === 2
            ? { raw: '<html>502 Bad Gateway</html>' }
            : { json: completion({ content: 'ok' }) },
    );
    const r = await s.model.complete({ purpose: 'ask', messages: user });
    expect(r.content).toBe('ok');
    expect(s.requests).toHaveLength(4);
  });

  it('honours Retry-After exactly, and gives up at once when it asks more than the run has left', async () => {
    const waits: number[] = [];
    const s = await startOpenAICompatibleServer((_req, n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '3' }, json: { error: { message: 'slow down' } } } : { json: completion({ content: 'ok' }) },
    );
    close = s.close;
    const model = createOpenAIModel({ apiKey: 'k', baseURL: s.baseURL, model: 'm', sleep: async (ms) => void waits.push(ms), logger: logger.child({}, { level: 'silent' }) });
    // enough budget: it waits the 3 s it was asked (not less, not capped), then succeeds
    const roomy = createModelBudget(10_000);
    expect((await model.complete({ purpose: 'ask', messages: user, budget: roomy })).content).toBe('ok');
    expect(waits).toEqual([3000]);
    expect(roomy.remainingMs()).toBeLessThanOrEqual(7000);
    // asked 120 s with 60 s left: no second request, a clear error
    const t = await startOpenAICompatibleServer(() => ({ status: 429, headers: { 'retry-after': '120' }, json: { error: { message: 'rate limit' } } }));
    const tight = createOpenAIModel({ apiKey: 'k', baseURL: t.baseURL, model: 'm', sleep: async (ms) => void waits.push(ms), logger: logger.child({}, { level: 'silent' }) });
    const err = await tight.complete({ purpose: 'ask', messages: user, budget: createModelBudget(60_000) }).catch((e: unknown) => e);
    await t.close();
    expect(err).toBeInstanceOf(ModelUnavailableError);
    expect((err as Error).message).toMatch(/asked to wait 120 s/);
    expect(t.requests).toHaveLength(1);
  });

  it('bounds a hanging provider by the request timeout and by what the run has left', async () => {
    const s = await startOpenAICompatibleServer(() => ({ delayMs: 1500, json: completion({ content: 'late' }) }));
    close = s.close;
    const model = createOpenAIModel({
      apiKey: 'k',
      baseURL: s.baseURL,
      model: 'm',
      timeoutMs: 200,
      retryBaseMs: 1,
      sleep: async () => undefined,
      logger: logger.child({}, { level: 'silent' }),
    });
    const budget = createModelBudget(700);
    const started = Date.now();
    const err = await model.complete({ purpose: 'ask', messages: user, budget }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelUnavailableError);
    expect(Date.now() - started).toBeLessThan(1400); // not 5 × 60 s
    expect(budget.remainingMs()).toBe(0);
  });
});
