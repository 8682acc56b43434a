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

export function updateUserLanguage(db: Executor, userId: string, language: Language) {
  return db.updateTable('users').set({ language }).where('id', '=', userId).execute();
}

/** Serialises concurrent first starts (two processes on one server): locks the first workspace row, if any. */
export async function lockFirstWorkspace(db: Executor): Promise<void> {
  await db.selectFrom('workspaces').select('id').forUpdate().limit(1).execute();
}

/** The workspace, locked until the transaction ends (settings edits, role changes). */
export function lockWorkspace(db: Executor, id: string) {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type WorkspaceIdentity = {
  name: string;
  legal_name: string;
  address: string;
  siret: string | null;
  vat_number: string | null;
  default_language: Language;
  settings: WorkspaceSettings;
};

export function updateWorkspace(db: Executor, id: string, w: WorkspaceIdentity) {
  return db
    .updateTable('workspaces')
    .set({ ...w, settings: JSON.stringify(w.settings) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The people of a workspace with their role. */
function members(db: Executor, workspaceId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.email', 'm.role', 'm.created_at'])
    .where('m.workspace_id', '=', workspaceId);
}

/** Oldest membership first. */
export function listMembers(db: Executor, workspaceId: string) {
  return members(db, workspaceId).orderBy('m.created_at').orderBy('u.id').execute();
}

export function findMember(db: Executor, workspaceId: string, userId: string) {
  return members(db, workspaceId).where('m.user_id', '=', userId).executeTakeFirst();
}

export async function countAdmins(db: Executor, workspaceId: string): Promise<number> {
  const { n } = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function deleteMembership(db: Executor, workspaceId: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function setMemberRole(db: Executor, workspaceId: string, userId: string, role: Role): Promise<void> {
  await db.updateTable('memberships').set({ role }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
}
