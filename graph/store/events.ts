import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import { insertRunEvent, listRunEventsAfter } from '../../db/repositories/run-events';
import type { Database } from '../../db/schema';

// Progress events of a run, persisted (any process can replay them over SSE) and announced
// in-process so a live SSE stream wakes at once instead of polling.

export type ProgressKind =
  | 'run_started'
  | 'request_understood'
  | 'clarification_needed'
  | 'companies_found'
  | 'leads_created'
  | 'drafting_started'
  | 'draft_progress'
  | 'review_round'
  | 'drafts_queued'
  | 'answer_ready'
  | 'run_finished'
  | 'error';

export type ProgressEvent = { id: number; runId: string; threadId: string; kind: ProgressKind; data: Record<string, unknown>; at: string };

const bus = new EventEmitter();
bus.setMaxListeners(0);

export function onThreadEvent(threadId: string, listener: () => void): () => void {
  bus.on(threadId, listener);
  return () => bus.off(threadId, listener);
}

export type Emitter = (kind: ProgressKind, data?: Record<string, unknown>) => Promise<void>;

export function createEmitter(db: Kysely<Database>, ids: { workspaceId: string; threadId: string; runId: string }): Emitter {
  return async (kind, data = {}) => {
    await insertRunEvent(db, { ...ids, kind, data });
    bus.emit(ids.threadId);
  };
}

export async function eventsAfter(db: Kysely<Database>, workspaceId: string, threadId: string, afterId: number): Promise<ProgressEvent[]> {
  const rows = await listRunEventsAfter(db, workspaceId, threadId, afterId, 500);
  return rows.map((r) => ({ id: r.id, runId: r.run_id, threadId: r.thread_id, kind: r.kind as ProgressKind, data: r.data, at: r.created_at.toISOString() }));
}
