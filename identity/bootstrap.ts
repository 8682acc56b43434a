import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import { findDefaultWorkspace, insertUserWithRole, insertWorkspace, lockFirstWorkspace } from '../db/repositories/workspaces';
import { issueToken } from './tokens';

import { PLACEHOLDER_WORKSPACE_NAME } from './profile';

/** First start on an empty database: one workspace, one admin, one single-use login token. */
export async function bootstrapIfEmpty(db: Kysely<Database>): Promise<{ loginToken: string } | null> {
  return db.transaction().execute(async (trx) => {
    // serialise concurrent first starts (two processes on one server)
    await lockFirstWorkspace(trx);
    if (await findDefaultWorkspace(trx)) return null;
    const ws = await insertWorkspace(trx, { name: PLACEHOLDER_WORKSPACE_NAME });
    const admin = await insertUserWithRole(trx, ws.id, 'Administrateur', 'admin');
    const loginToken = await issueToken(trx, ws.id, admin.id, 'login', 'first start');
    return { loginToken };
  });
}

/** `cli token create --role R`: a new user with that role in the default workspace. */
export async function createUserToken(db: Kysely<Database>, role: Role, name?: string) {
  return db.transaction().execute(async (trx) => {
    const ws = (await findDefaultWorkspace(trx)) ?? (await insertWorkspace(trx, { name: PLACEHOLDER_WORKSPACE_NAME }));
    const user = await insertUserWithRole(trx, ws.id, name ?? (role === 'admin' ? 'Administrateur' : 'Membre'), role);
    const token = await issueToken(trx, ws.id, user.id, 'api', name ?? `${role} token`);
    return { token, workspaceId: ws.id, userId: user.id };
  });
}
