import { sql } from 'kysely';
import type { Insertable, Updateable } from 'kysely';
import type { ChannelsTable } from '../tables/approval';
import type { WorkspaceSettings } from '../schema';
import type { Executor } from './executor';

export function insertChannel(db: Executor, values: Insertable<ChannelsTable>) {
  return db.insertInto('channels').values(values).returningAll().executeTakeFirstOrThrow();
}

export function listChannels(db: Executor, workspaceId: string) {
  return db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId).orderBy('id', 'desc').execute();
}

export function findChannel(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function updateChannel(db: Executor, workspaceId: string, id: string, version: number, patch: Updateable<ChannelsTable>) {
  return db
    .updateTable('channels')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteChannel(db: Executor, workspaceId: string, id: string) {
  const r = await db.deleteFrom('channels').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function recordChannelTest(db: Executor, id: string, ok: boolean, error: string | null) {
  return db.updateTable('channels').set({ last_test_at: new Date(), last_test_ok: ok, last_test_error: error }).where('id', '=', id).execute();
}

/**
 * Reserves up to `want` sends on a mailbox's daily cap in one atomic statement: SET expressions
 * read the row as it was, so `granted` is what this call got even with concurrent workers.
 */
export async function reserveDailySends(db: Executor, channelId: string, day: string, want: number, cap: number): Promise<number> {
  const r = await sql<{ granted: number }>`
    insert into channel_daily_sends as t (channel_id, day, sent, granted)
    values (${channelId}, ${day}::date, least(${want}::int, ${cap}::int), least(${want}::int, ${cap}::int))
    on conflict (channel_id, day) do update
      set granted = least(${want}::int, greatest(${cap}::int - t.sent, 0)),
          sent = t.sent + least(${want}::int, greatest(${cap}::int - t.sent, 0))
    returning granted
  `.execute(db);
  return r.rows[0]?.granted ?? 0;
}

/** Sends already counted against a mailbox's daily cap on one local day. */
export async function dailySendsOf(db: Executor, channelId: string, day: string): Promise<number> {
  const r = await db.selectFrom('channel_daily_sends').select('sent').where('channel_id', '=', channelId).where('day', '=', day).executeTakeFirst();
  return r?.sent ?? 0;
}

export type DispatchWorkspace = {
  id: string;
  legal_name: string;
  address: string;
  siret: string | null;
  timezone: string;
  settings: WorkspaceSettings;
};

/** What the dispatcher needs around a claimed batch: workspaces, their first enabled SMTP channel, suppressed recipients. */
export async function dispatchContext(db: Executor, workspaceIds: string[], recipientHashes: string[]) {
  const [workspaces, channels, suppressed] = await Promise.all([
    db.selectFrom('workspaces').select(['id', 'legal_name', 'address', 'siret', 'timezone', 'settings']).where('id', 'in', workspaceIds).execute(),
    db.selectFrom('channels').selectAll().where('workspace_id', 'in', workspaceIds).where('enabled', '=', true).where('type', '=', 'smtp').orderBy('id').execute(),
    recipientHashes.length
      ? db.selectFrom('suppressions').select(['workspace_id', 'email_hash']).where('workspace_id', 'in', workspaceIds).where('email_hash', 'in', recipientHashes).execute()
      : Promise.resolve([]),
  ]);
  const channelByWorkspace = new Map<string, (typeof channels)[number]>();
  for (const c of channels) if (!channelByWorkspace.has(c.workspace_id)) channelByWorkspace.set(c.workspace_id, c);
  return {
    workspaces: new Map(workspaces.map((w) => [w.id, w satisfies DispatchWorkspace])),
    channelByWorkspace,
    suppressed: new Set(suppressed.map((s) => `${s.workspace_id}:${s.email_hash}`)),
  };
}

/** The address the workspace sends from: its first enabled channel (the Library preview shows it). */
export function findSender(db: Executor, workspaceId: string) {
  return db
    .selectFrom('channels')
    .select(['from_email', 'from_name'])
    .where('workspace_id', '=', workspaceId)
    .where('enabled', '=', true)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
