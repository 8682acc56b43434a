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
  const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  return toPage(rows, f.limit);
}

export function findCompany(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
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

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}
