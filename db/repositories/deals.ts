import { sql } from 'kysely';
import type { DealUpdate, NewDeal } from '../schema';
import { escapeLike } from './companies';
import type { Executor } from './executor';
import { toPage } from './pagination';

export type DealFilter = {
  q?: string;
  stageId?: string;
  companyId?: string;
  personId?: string;
  after?: string | null;
  limit: number;
};

export async function listDeals(db: Executor, workspaceId: string, f: DealFilter) {
  let q = db.selectFrom('deals').selectAll().where('workspace_id', '=', workspaceId);
  if (f.q) q = q.where('title', 'ilike', `%${escapeLike(f.q)}%`);
  if (f.stageId) q = q.where('stage_id', '=', f.stageId);
  if (f.companyId) q = q.where('company_id', '=', f.companyId);
  if (f.personId) q = q.where('person_id', '=', f.personId);
  if (f.after) q = q.where('id', '<', f.after);
  const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  return toPage(rows, f.limit);
}

export function findDeal(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('deals').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function insertDeal(db: Executor, values: NewDeal) {
  return db.insertInto('deals').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateDeal(db: Executor, workspaceId: string, id: string, version: number, patch: DealUpdate) {
  return db
    .updateTable('deals')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteDeal(db: Executor, workspaceId: string, id: string) {
  const r = await db.deleteFrom('deals').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Pipeline summary for the Dashboard and reports: count and amount per stage. */
export function summarizeByStage(db: Executor, workspaceId: string) {
  return db
    .selectFrom('pipeline_stages as s')
    .leftJoin('deals as d', (j) => j.onRef('d.stage_id', '=', 's.id').on('d.workspace_id', '=', workspaceId))
    .where('s.workspace_id', '=', workspaceId)
    .groupBy(['s.id', 's.key', 's.name', 's.position', 's.probability', 's.outcome'])
    .select(['s.id', 's.key', 's.name', 's.position', 's.probability', 's.outcome'])
    .select((eb) => [eb.fn.count<number>('d.id').as('count'), sql<number>`coalesce(sum(d.amount_cents), 0)::bigint`.as('amount_cents')])
    .orderBy('s.position')
    .execute();
}
