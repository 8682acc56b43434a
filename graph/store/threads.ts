import type { Kysely } from 'kysely';
import {
  countUserMessages as countUserMessagesRow,
  findRunReply,
  findThread as findThreadRow,
  insertMessage,
  listMessages as listMessageRows,
  listRecentThreads,
  upsertThread,
} from '../../db/repositories/chat';
import type { Database } from '../../db/schema';
import type { ChatRole } from '../../db/tables/teammates';
import { uuidv7 } from '../../lib/ids';

// Chat threads and their messages: the conversation as the Portal and GET /api/chat show it.

export function ensureThread(db: Kysely<Database>, t: { id: string; workspaceId: string; userId: string | null; title: string }) {
  return upsertThread(db, t);
}

/** The workspace's latest conversations, newest first. */
export function recentThreads(db: Kysely<Database>, workspaceId: string, limit = 12) {
  return listRecentThreads(db, workspaceId, limit);
}

export function findThread(db: Kysely<Database>, workspaceId: string, id: string) {
  return findThreadRow(db, workspaceId, id);
}

export function addMessage(
  db: Kysely<Database>,
  m: { workspaceId: string; threadId: string; runId: string | null; role: ChatRole; content: string; data?: Record<string, unknown> },
) {
  return insertMessage(db, { id: uuidv7(), ...m, data: m.data ?? {} });
}

export function listMessages(db: Kysely<Database>, workspaceId: string, threadId: string) {
  return listMessageRows(db, workspaceId, threadId);
}

export function countUserMessages(db: Kysely<Database>, threadId: string): Promise<number> {
  return countUserMessagesRow(db, threadId);
}

/** What the teammate answered in a run (its last message), if it has answered. */
export function runReply(db: Kysely<Database>, runId: string) {
  return findRunReply(db, runId);
}
