import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ChatRole } from '../../db/tables/teammates';
import { uuidv7 } from '../../lib/ids';

// Chat threads and their messages: the conversation as the Portal and GET /api/chat show it.

export async function ensureThread(db: Kysely<Database>, t: { id: string; workspaceId: string; userId: string | null; title: string }) {
  await db
    .insertInto('chat_threads')
    .values({ id: t.id, workspace_id: t.workspaceId, user_id: t.userId, title: t.title.slice(0, 200) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('chat_threads').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
  return row;
}

export function findThread(db: Kysely<Database>, workspaceId: string, id: string) {
  return db.selectFrom('chat_threads').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function addMessage(db: Kysely<Database>, m: { workspaceId: string; threadId: string; runId: string | null; role: ChatRole; content: string; data?: Record<string, unknown> }) {
  const row = await db
    .insertInto('chat_messages')
    .values({ id: uuidv7(), workspace_id: m.workspaceId, thread_id: m.threadId, run_id: m.runId, role: m.role, content: m.content, data: JSON.stringify(m.data ?? {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.updateTable('chat_threads').set({ updated_at: new Date() }).where('id', '=', m.threadId).execute();
  return row;
}

export function listMessages(db: Kysely<Database>, workspaceId: string, threadId: string) {
  return db.selectFrom('chat_messages').selectAll().where('workspace_id', '=', workspaceId).where('thread_id', '=', threadId).orderBy('created_at').orderBy('id').execute();
}

export async function countUserMessages(db: Kysely<Database>, threadId: string): Promise<number> {
  const r = await db.selectFrom('chat_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('thread_id', '=', threadId).where('role', '=', 'user').executeTakeFirstOrThrow();
  return Number(r.n);
}
