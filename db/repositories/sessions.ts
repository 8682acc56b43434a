import type { Executor } from './executor';

// Portal sign-in sessions. Only sha256(secret) is stored (identity/sessions.ts makes and checks it).

export type NewSession = { id: string; workspaceId: string; userId: string; secretHash: string; csrfToken: string; expiresAt: Date };

export function insertSession(db: Executor, s: NewSession) {
  return db
    .insertInto('sessions')
    .values({
      id: s.id,
      workspace_id: s.workspaceId,
      user_id: s.userId,
      secret_hash: s.secretHash,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
    })
    .execute();
}

export function deleteExpiredSessions(db: Executor, userId: string, now: Date) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<', now).execute();
}

/** The session with its holder's membership still in force, in one indexed query (it runs on every page). */
export function findSessionWithMember(db: Executor, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('memberships as m', (j) => j.onRef('m.workspace_id', '=', 's.workspace_id').onRef('m.user_id', '=', 's.user_id'))
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .select(['s.id', 's.secret_hash', 's.csrf_token', 's.expires_at', 's.workspace_id', 's.user_id', 'w.name as workspace_name', 'u.display_name', 'u.language', 'm.role'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function deleteSession(db: Executor, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** A member removed from a workspace is signed out of it everywhere. */
export async function deleteMemberSessions(db: Executor, workspaceId: string, userId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
