import { sql } from 'kysely';
import type { CompanyUpdate, NewCompany } from '../schema';
import type { Executor } from './executor';
import { toPage } from './pagination';

export type CompanyFilter = {
  q?: string;
  nafCode?: string;
  postcode?: string;
  communeCode?: string;
  siren?: string;
  after?: string | null;
  limit: number;
};

export async function listCompanies(db: Executor, workspaceId: string, f: CompanyFilter) {
  let q = db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId);
  if (f.q) q = q.where((eb) => eb.or([eb('name', 'ilike', `%${escapeLike(f.q!)}%`), eb('siren', '=', f.q!.replace(/\s/g, ''))]));
  if (f.nafCode) q = q.where('naf_code', '=', f.nafCode);
  if (f.postcode) q = q.where('postcode', '=', f.postcode);
  if (f.communeCode) q = q.where('commune_code', '=', f.communeCode);
  if (f.siren) q = q.where('siren', '=', f.siren);
  if (f.after) q = q.where('id', '<', f.after);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return toPage(rows, f.limit);
}

export function findCompany(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Names for a page of ids (callers pass at least one id). */
export function findCompanyNames(db: Executor, workspaceId: string, ids: readonly string[]) {
  return db.selectFrom('companies').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export function insertCompany(db: Executor, values: NewCompany) {
  return db.insertInto('companies').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic concurrency: the update applies only at the expected version. */
export function updateCompany(db: Executor, workspaceId: string, id: string, version: number, patch: CompanyUpdate) {
  return db
    .updateTable('companies')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteCompany(db: Executor, workspaceId: string, id: string) {
  const r = await db.deleteFrom('companies').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Forgetting a person (erasure, the retention purge): their company goes too when nothing else
 * refers to it — no other person, deal, note or task, and no action but theirs — with its timeline.
 * Called before the person is deleted (their actions still name them).
 */
export async function deleteUnreferencedCompany(db: Executor, workspaceId: string, id: string, personId: string): Promise<boolean> {
  const r = await sql<{ id: string }>`
    delete from companies c
    where c.workspace_id = ${workspaceId} and c.id = ${id}
      and not exists (select 1 from people p where p.company_id = c.id and p.id <> ${personId}::uuid)
      and not exists (select 1 from deals d where d.company_id = c.id)
      and not exists (select 1 from actions a where a.company_id = c.id and a.person_id is distinct from ${personId}::uuid)
      and not exists (select 1 from notes n where n.workspace_id = c.workspace_id and n.subject_type = 'company' and n.subject_id = c.id)
      and not exists (select 1 from tasks t where t.workspace_id = c.workspace_id and t.subject_type = 'company' and t.subject_id = c.id)
    returning c.id
  `.execute(db);
  if (r.rows.length === 0) return false;
  await db.deleteFrom('activities').where('workspace_id', '=', workspaceId).where('subject_type', '=', 'company').where('subject_id', '=', id).execute();
  return true;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * Many companies at once (lead creation, imports), 500 rows per statement to stay under the
 * protocol's parameter limit. `embedding` is the pgvector literal, given only when the column exists.
 */
export async function insertCompanies(db: Executor, rows: readonly (NewCompany & { embedding?: string })[]): Promise<void> {
  for (let k = 0; k < rows.length; k += 500)
    await db
      .insertInto('companies')
      .values(rows.slice(k, k + 500))
      .execute();
}

/** Whether any company came from this source (the demo seed runs once). */
export async function hasCompaniesFromSource(db: Executor, workspaceId: string, source: string): Promise<boolean> {
  const rows = await db.selectFrom('companies').select('id').where('workspace_id', '=', workspaceId).where('source', '=', source).limit(1).execute();
  return rows.length > 0;
}

/** One keyset page of the CSV export, newest first. */
export function exportCompaniesPage(db: Executor, workspaceId: string, page: { after: string | null; limit: number }) {
  let q = db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId);
  if (page.after) q = q.where('id', '<', page.after);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

export async function countCompanies(db: Executor, workspaceId: string): Promise<number> {
  const r = await db
    .selectFrom('companies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
