import { createHash } from 'node:crypto';

// Deterministic ids: the same inputs always name the same thread, so a retried request
// (same idempotency key, or the CLI's same request) lands on the same conversation.

/** A UUID (version 8, RFC 9562 custom) derived from the parts. */
export function uuidFrom(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export function chatThreadId(workspaceId: string, userId: string | null, key: string): string {
  return uuidFrom('chat-thread', workspaceId, userId ?? '', key);
}

/** LangGraph's thread: scoped by workspace, so no two workspaces can ever share checkpoints. */
export function graphThreadId(workspaceId: string, threadId: string): string {
  return `relais:${workspaceId}:${threadId}`;
}

export function requestIdFor(threadId: string, turn: number): string {
  return `${threadId}:${turn}`;
}
