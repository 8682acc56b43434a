import { uuidv7 } from '../../lib/ids';
import type { Role, WorkspaceSettings } from '../schema';
import type { Executor } from './executor';
import { insertDefaultStages } from './stages';
import type { Language } from '../../lib/language';

export type NewWorkspace = { name: string; legalName?: string; address?: string; defaultLanguage?: Language };

export async function insertWorkspace(db: Executor, w: NewWorkspace) {
  const ws = await db
    .insertInto('workspaces')
    .values({
      id: uuidv7(),
      name: w.name,
      legal_name: w.legalName ?? w.name,
      address: w.address ?? '',
      siret: null,
      vat_number: null,
      default_language: w.defaultLanguage ?? 'fr',
      settings: JSON.stringify({} satisfies WorkspaceSettings),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertDefaultStages(db, ws.id);
  return ws;
}

export function findWorkspace(db: Executor, id: string) {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The oldest workspace: the one first start and the CLI act on by default. */
export function findDefaultWorkspace(db: Executor) {
  return db.selectFrom('workspaces').selectAll().orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}

export async function insertUserWithRole(db: Executor, workspaceId: string, displayName: string, role: Role, email?: string) {
  const user = await db
    .insertInto('users')
    .values({ id: uuidv7(), display_name: displayName, email: email ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: user.id, role }).execute();
  return user;
}

export function findMembership(db: Executor, workspaceId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.role', 'users.id as user_id', 'users.display_name', 'users.email', 'users.language'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}
