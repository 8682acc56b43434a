import type { Executor } from './executor';

export type TokenKind = 'api' | 'login';

export function insertToken(db: Executor, t: { id: string; workspaceId: string; userId: string; kind: TokenKind; secretHash: string; name?: string; expiresAt?: Date | null }) {
  return db
    .insertInto('api_tokens')
    .values({ id: t.id, workspace_id: t.workspaceId, user_id: t.userId, kind: t.kind, secret_hash: t.secretHash, name: t.name ?? '', expires_at: t.expiresAt ?? null })
    .execute();
}

/** The token with its holder's membership, in one round trip (it runs on every request). */
export function findActiveTokenWithMember(db: Executor, id: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('memberships as m', (j) => j.onRef('m.workspace_id', '=', 't.workspace_id').onRef('m.user_id', '=', 't.user_id'))
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.workspace_id', 't.user_id', 't.kind', 't.secret_hash', 't.used_at', 't.expires_at', 'm.role', 'u.display_name', 'u.language'])
    .where('t.id', '=', id)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** A login token works once: the update only succeeds for the first caller. */
export async function consumeLoginToken(db: Executor, id: string) {
  const r = await db.updateTable('api_tokens').set({ used_at: new Date() }).where('id', '=', id).where('kind', '=', 'login').where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function touchToken(db: Executor, id: string) {
  return db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

/** A token as Settings shows it, with its holder's name (never the hash). */
function tokenViews(db: Executor, workspaceId: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.kind', 't.name', 't.user_id', 'u.display_name', 't.created_at', 't.last_used_at', 't.expires_at'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.revoked_at', 'is', null);
}

/**
 * Tokens a person can still do something about (Settings, GET /api/tokens): not revoked, and not
 * a sign-in link already spent. One holder's, or the whole workspace's (userId null), newest first.
 */
export function listLiveTokens(db: Executor, workspaceId: string, userId: string | null) {
  let q = tokenViews(db, workspaceId).where((eb) => eb.or([eb('t.kind', '=', 'api'), eb('t.used_at', 'is', null)]));
  if (userId) q = q.where('t.user_id', '=', userId);
  return q.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(500).execute();
}

export function findTokenView(db: Executor, workspaceId: string, id: string) {
  return tokenViews(db, workspaceId).where('t.id', '=', id).executeTakeFirstOrThrow();
}

export function findLiveToken(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'kind', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeToken(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A member who leaves a workspace keeps no way back in: every token they hold there is revoked. */
export async function revokeMemberTokens(db: Executor, workspaceId: string, userId: string): Promise<number> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
