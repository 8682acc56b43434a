import { estimateMessagesTokens, estimateTokens } from '../../graph/model/tokens';
import type { ChatModel, ModelPurpose, ModelRequest, ModelResponse } from '../../graph/model/types';

// A model whose answers a test writes: per purpose, a queue of replies or a function of the
// request. Every graph path (routing, tool calls, repairs, the revise bound) is driven by it.

export type ScriptedReply = { tool: string; args: unknown; id?: string } | { content: string } | { error: Error };

export type ScriptedHandler = ScriptedReply | ((req: ModelRequest, callIndex: number) => ScriptedReply | Promise<ScriptedReply>);

export type ScriptedModel = ChatModel & { calls: ModelRequest[]; callsFor(purpose: ModelPurpose): ModelRequest[] };

let seq = 0;

export function createScriptedModel(script: Partial<Record<ModelPurpose, ScriptedHandler | ScriptedHandler[]>>, name = 'scripted'): ScriptedModel {
  const calls: ModelRequest[] = [];
  const counters: Partial<Record<ModelPurpose, number>> = {};
  return {
    name,
    calls,
    callsFor: (purpose) => calls.filter((c) => c.purpose === purpose),
    async complete(req): Promise<ModelResponse> {
      calls.push(req);
      const n = counters[req.purpose] ?? 0;
      counters[req.purpose] = n + 1;
      const entry = script[req.purpose];
      if (entry === undefined) throw new Error(`scripted model: no script for purpose "${req.purpose}"`);
      const handler = Array.isArray(entry) ? entry[Math.min(n, entry.length - 1)] : entry;
      const reply = typeof handler === 'function' ? await handler(req, n) : handler;
      if ('error' in reply) throw reply.error;
      const inputTokens = estimateMessagesTokens(req.messages, req.tools);
      if ('tool' in reply) {
        const args = typeof reply.args === 'string' ? reply.args : JSON.stringify(reply.args);
        return {
          content: null,
          toolCalls: [{ id: reply.id ?? `call_${++seq}`, name: reply.tool, arguments: args }],
          usage: { inputTokens, outputTokens: estimateTokens(args) },
          model: name,
        };
      }
      return { content: reply.content, toolCalls: [], usage: { inputTokens, outputTokens: estimateTokens(reply.content) }, model: name };
    },
  };
}
