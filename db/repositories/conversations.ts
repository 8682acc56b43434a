import { sql } from 'kysely';
import type { ActionStatus } from '../tables/approval';
import type { ConversationsTable, InboundConnectorsTable, InboundSyncState, MessagesTable } from '../tables/conversations';
import type { Insertable } from 'kysely';
import { escapeLike } from './companies';
import type { Executor } from './executor';
import { toPage } from './pagination';

// Conversations and their messages (db/migrations/0014_conversations.ts), and the lookups that
// thread an inbound message: our Message-IDs name actions, earlier messages' ids, addresses.

/** The actions named by Message-IDs we generated, with the person each was written to. */
export function findActionRecipients(db: Executor, workspaceId: string, actionIds: readonly string[]) {
  return db
    .selectFrom('actions')
    .select(['id', 'person_id', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', actionIds)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The conversation of the newest stored message among these Message-IDs. */
export function findConversationByMessageIds(db: Executor, workspaceId: string, messageIds: readonly string[]) {
  return db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['c.id', 'c.person_id'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.message_id', 'in', messageIds)
    .orderBy('m.received_at', 'desc')
    .executeTakeFirst();
}

/** People whose address is exactly this one (case-insensitive), newest first. */
export function findPeopleByEmail(db: Executor, workspaceId: string, email: string) {
  return db
    .selectFrom('people')
    .select(['id', 'company_id'])
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .orderBy('id', 'desc')
    .execute();
}

/** People whose address is at this domain, newest first (a weaker match, shown as such). */
export function findPeopleByDomain(db: Executor, workspaceId: string, domain: string) {
  return db
    .selectFrom('people')
    .select(['id', 'company_id'])
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`lower(email) like ${`%@${escapeLike(domain.toLowerCase())}`}`)
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
}

/** The person's most recent conversation. */
export function findLatestConversationOf(db: Executor, workspaceId: string, personId: string) {
  return db
    .selectFrom('conversations')
    .select(['id', 'person_id'])
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', personId)
    .orderBy('last_message_at', 'desc')
    .executeTakeFirst();
}

export function insertConversation(db: Executor, values: Insertable<ConversationsTable>) {
  return db.insertInto('conversations').values(values).returning(['id', 'person_id']).executeTakeFirstOrThrow();
}

/** Stores a message once per workspace: null when its Message-ID is already there. */
export async function insertMessageOnce(db: Executor, values: Insertable<MessagesTable>): Promise<string | null> {
  const row = await db
    .insertInto('messages')
    .values(values)
    .onConflict((oc) => oc.columns(['workspace_id', 'message_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function messageExists(db: Executor, workspaceId: string, messageId: string) {
  return db.selectFrom('messages').select('id').where('workspace_id', '=', workspaceId).where('message_id', '=', messageId).executeTakeFirst();
}

/** A new inbound message: the thread rises to the top, unread, with the message's category. */
export async function touchConversation(db: Executor, workspaceId: string, id: string, c: { at: Date; category: string | null; needsHuman: boolean }): Promise<void> {
  await db
    .updateTable('conversations')
    .set({
      last_message_at: sql`greatest(last_message_at, ${c.at})`,
      category: c.category,
      needs_human: c.needsHuman,
      unread: true,
      handled_at: null,
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export type ConversationFilter = { category?: string; needsHuman?: boolean; personId?: string; after?: string | null; limit: number };

/** Threads with their latest activity first; the cursor is the last thread's id. */
export async function listConversations(db: Executor, workspaceId: string, f: ConversationFilter) {
  let q = db
    .selectFrom('conversations as c')
    .leftJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.person_id', 'c.subject', 'c.match', 'c.category', 'c.needs_human', 'c.unread', 'c.handled_at', 'c.last_message_at', 'c.version', 'c.created_at'])
    .select(['p.first_name', 'p.last_name', 'p.email'])
    .select((eb) =>
      eb
        .selectFrom('messages as m')
        .select('m.from_email')
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.direction', '=', 'in')
        .orderBy('m.received_at', 'desc')
        .limit(1)
        .as('last_from'),
    )
    .where('c.workspace_id', '=', workspaceId);
  if (f.category) q = q.where('c.category', '=', f.category);
  if (f.needsHuman !== undefined) q = q.where('c.needs_human', '=', f.needsHuman);
  if (f.personId) q = q.where('c.person_id', '=', f.personId);
  if (f.after) {
    const after = f.after;
    q = q.where(sql<boolean>`(c.last_message_at, c.id) < (select last_message_at, id from conversations where id = ${after} and workspace_id = ${workspaceId})`);
  }
  const rows = await q
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return toPage(rows, f.limit);
}

export function findConversation(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('conversations as c')
    .leftJoin('people as p', 'p.id', 'c.person_id')
    .selectAll('c')
    .select(['p.first_name', 'p.last_name', 'p.email'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function listMessages(db: Executor, conversationId: string) {
  return db
    .selectFrom('messages')
    .select([
      'id',
      'direction',
      'action_id',
      'message_id',
      'from_email',
      'from_name',
      'subject',
      'new_text',
      'full_text',
      'category',
      'language',
      'details',
      'parse_error',
      'dated_at',
      'received_at',
    ])
    .where('conversation_id', '=', conversationId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

/** The emails Relais sent to this person, to show beside their replies. */
export function listSentTo(db: Executor, workspaceId: string, personId: string) {
  const sent: ActionStatus = 'sent';
  return db
    .selectFrom('actions')
    .select(['id', 'kind', 'executed_payload', 'sent_at', 'message_id'])
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', personId)
    .where('status', '=', sent)
    .orderBy('sent_at')
    .execute();
}

/** "Marquer comme traité" (or read): the thread no longer waits for a human. */
export function markConversation(db: Executor, workspaceId: string, id: string, version: number, change: { handled?: boolean; read?: boolean }) {
  return db
    .updateTable('conversations')
    .set({
      ...(change.handled ? { handled_at: new Date(), needs_human: false, unread: false } : {}),
      ...(change.read ? { unread: false } : {}),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** An erasure or a retention purge forgets the person's conversations with them. */
export async function deleteConversationsOf(db: Executor, workspaceId: string, personId: string): Promise<void> {
  await db.deleteFrom('conversations').where('workspace_id', '=', workspaceId).where('person_id', '=', personId).execute();
}

/** Not-yet-sent actions to a person: what a reply stops or postpones. */
export function findUnsentActionsTo(db: Executor, workspaceId: string, personId: string, statuses: readonly ActionStatus[]) {
  return db.selectFrom('actions').select(['id', 'status']).where('workspace_id', '=', workspaceId).where('person_id', '=', personId).where('status', 'in', statuses).execute();
}

/** A hard bounce: the address is marked undeliverable. */
export async function markEmailBounced(db: Executor, workspaceId: string, personId: string, at: Date): Promise<void> {
  await db
    .updateTable('people')
    .set({ email_bounced_at: at, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', personId)
    .execute();
}

/**
 * A reply from the person: when they last wrote, and their status moves on — forward only: a
 * "replied" never undoes a "qualified" a human set.
 */
export async function recordInboundContact(db: Executor, workspaceId: string, personId: string, at: Date, status: string): Promise<void> {
  const movable = status === 'replied' ? ['new', 'contacted'] : ['new', 'contacted', 'replied'];
  await db
    .updateTable('people')
    .set({
      last_inbound_at: sql`greatest(coalesce(last_inbound_at, ${at}), ${at})`,
      status: sql`case when status = any(${movable}::text[]) then ${status} else status end`,
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', personId)
    .execute();
}

// ─── inbound connectors ─────────────────────────────────────────────────────────────────────

export function insertInboundConnector(db: Executor, values: Insertable<InboundConnectorsTable>) {
  return db.insertInto('inbound_connectors').values(values).returningAll().executeTakeFirstOrThrow();
}

export function listInboundConnectors(db: Executor, workspaceId: string) {
  return db.selectFrom('inbound_connectors').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
}

export function findInboundConnector(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('inbound_connectors').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The webhook's connector by id alone: the request proves its workspace by its signature. */
export function findWebhookConnector(db: Executor, id: string) {
  return db.selectFrom('inbound_connectors').selectAll().where('id', '=', id).where('type', '=', 'inbound_webhook').where('enabled', '=', true).executeTakeFirst();
}

export async function deleteInboundConnector(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('inbound_connectors').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Every enabled IMAP connector (the sync ticker enqueues one job each). */
export function listEnabledImapConnectors(db: Executor) {
  return db.selectFrom('inbound_connectors').select(['id', 'workspace_id']).where('type', '=', 'imap').where('enabled', '=', true).execute();
}

/** After a sync: where it got to, or why it failed (failures count for the backoff). */
export async function recordSync(db: Executor, id: string, r: { state?: InboundSyncState; error: string | null }): Promise<void> {
  await db
    .updateTable('inbound_connectors')
    .set({
      ...(r.state ? { sync_state: JSON.stringify(r.state) } : {}),
      last_sync_at: new Date(),
      last_error: r.error,
      failures: r.error ? sql`failures + 1` : 0,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}
