import type { ModelMessage, ToolSpec } from './types';

// A rough tokenizer (≈ 4 characters a token, as OpenAI documents for English/French text):
// used only when a provider reports no usage and by the bench's simulated model.
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function estimateMessagesTokens(messages: ModelMessage[], tools: ToolSpec[] = []): number {
  let n = 0;
  for (const m of messages) {
    n += 4; // per-message framing
    if (m.role === 'assistant') {
      n += estimateTokens(m.content ?? '');
      for (const c of m.toolCalls ?? []) n += estimateTokens(c.name) + estimateTokens(c.arguments);
    } else {
      n += estimateTokens(m.content);
    }
  }
  for (const t of tools) n += estimateTokens(JSON.stringify(t));
  return n;
}
