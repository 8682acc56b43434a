import { sql } from 'kysely';
import type { NewPerson, PersonKind, PersonUpdate } from '../schema';
import { escapeLike } from './companies';
import type { Executor } from './executor';
import { toPage } from './pagination';

export type PersonFilter = {
  kind?: PersonKind;
  q?: string;
  companyId?: string;
  status?: string;
  email?: string;
  after?: string | null;
  limit: number;
};

export async function listPeople(db: Executor, workspaceId: string, f: PersonFilter) {
  let q = db.selectFrom('people').selectAll().where('workspace_id', '=', workspaceId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where(sql<boolean>`(first_name || ' ' || last_name || ' ' || coalesce(email, '')) ilike ${like}`);
  }
  if (f.companyId) q = q.where('company_id', '=', f.companyId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.email) q = q.where(sql<boolean>`lower(email) = ${f.email.toLowerCase()}`);
  if (f.after) q = q.where('id', '<', f.after);
  const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  return toPage(rows, f.limit);
}

export function findPerson(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('people').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function insertPerson(db: Executor, values: NewPerson) {
  return db.insertInto('people').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePerson(db: Executor, workspaceId: string, id: string, version: number, patch: PersonUpdate) {
  return db
    .updateTable('people')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deletePerson(db: Executor, workspaceId: string, id: string) {
  const r = await db.deleteFrom('people').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** People of one workspace by id, each with its company (null when none): the lead-facts read. */
export async function findPeopleWithCompanies(db: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const people = await db.selectFrom('people').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  const companyIds = [...new Set(people.map((p) => p.company_id).filter((id): id is string => id !== null))];
  const companies = companyIds.length ? await db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', companyIds).execute() : [];
  const byId = new Map(companies.map((c) => [c.id, c]));
  return people.map((person) => ({ person, company: person.company_id ? (byId.get(person.company_id) ?? null) : null }));
}
