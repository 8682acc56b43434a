import type { Executor } from './executor';

export type TokenKind = 'api' | 'login';

export function insertToken(db: Executor, t: { id: string; workspaceId: string; userId: string; kind: TokenKind; secretHash: string; name?: string }) {
  return db
    .insertInto('api_tokens')
    .values({ id: t.id, workspace_id: t.workspaceId, user_id: t.userId, kind: t.kind, secret_hash: t.secretHash, name: t.name ?? '' })
    .execute();
}

/** The token with its holder's membership, in one round trip (it runs on every request). */
export function findActiveTokenWithMember(db: Executor, id: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('memberships as m', (j) => j.onRef('m.workspace_id', '=', 't.workspace_id').onRef('m.user_id', '=', 't.user_id'))
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.workspace_id', 't.user_id', 't.kind', 't.secret_hash', 'm.role', 'u.display_name', 'u.language'])
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
