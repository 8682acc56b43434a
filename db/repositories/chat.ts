import type { Executor } from './executor';

// Chat threads and their messages (graph/store/threads.ts is the domain side).

/** The workspace's latest conversations, newest first. */
export function listRecentThreads(db: Executor, workspaceId: string, limit: number) {
  return db.selectFrom('chat_threads').select(['id', 'title', 'updated_at']).where('workspace_id', '=', workspaceId).orderBy('updated_at', 'desc').limit(limit).execute();
}

/** A thread is created once (its id is deterministic); a second call returns the same row. */
export async function upsertThread(db: Executor, t: { id: string; workspaceId: string; userId: string | null; title: string }) {
  await db
    .insertInto('chat_threads')
    .values({ id: t.id, workspace_id: t.workspaceId, user_id: t.userId, title: t.title.slice(0, 200) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return db.selectFrom('chat_threads').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
}

export function findThread(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('chat_threads').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export type NewChatMessage = {
  id: string;
  workspaceId: string;
  threadId: string;
  runId: string | null;
  role: 'user' | 'assistant';
  content: string;
  data: Record<string, unknown>;
};

/** A message, and the thread moves to the top of the list. */
export async function insertMessage(db: Executor, m: NewChatMessage) {
  const row = await db
    .insertInto('chat_messages')
    .values({ id: m.id, workspace_id: m.workspaceId, thread_id: m.threadId, run_id: m.runId, role: m.role, content: m.content, data: JSON.stringify(m.data) })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.updateTable('chat_threads').set({ updated_at: new Date() }).where('id', '=', m.threadId).execute();
  return row;
}

export function listMessages(db: Executor, workspaceId: string, threadId: string) {
  return db.selectFrom('chat_messages').selectAll().where('workspace_id', '=', workspaceId).where('thread_id', '=', threadId).orderBy('created_at').orderBy('id').execute();
}

/** The assistant's last word in a run: its reply. */
export function findRunReply(db: Executor, runId: string) {
  return db
    .selectFrom('chat_messages')
    .select(['content', 'data'])
    .where('run_id', '=', runId)
    .where('role', '=', 'assistant')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countUserMessages(db: Executor, threadId: string): Promise<number> {
  const r = await db
    .selectFrom('chat_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('thread_id', '=', threadId)
    .where('role', '=', 'user')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
