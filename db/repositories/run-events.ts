import type { Executor } from './executor';

// Progress events of teammate runs: any process can replay them (SSE) after the fact.

export function insertRunEvent(db: Executor, e: { workspaceId: string; threadId: string; runId: string; kind: string; data: Record<string, unknown> }) {
  return db
    .insertInto('run_events')
    .values({ workspace_id: e.workspaceId, thread_id: e.threadId, run_id: e.runId, kind: e.kind, data: JSON.stringify(e.data) })
    .execute();
}

export function listRunEventsAfter(db: Executor, workspaceId: string, threadId: string, afterId: number, limit: number) {
  return db
    .selectFrom('run_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('thread_id', '=', threadId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
