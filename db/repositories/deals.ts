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
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return toPage(rows, f.limit);
}

/** Titles for a page of ids (callers pass at least one id). */
export function findDealTitles(db: Executor, workspaceId: string, ids: readonly string[]) {
  return db.selectFrom('deals').select(['id', 'title']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
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

/**
 * Every stage with its counters summed, read from the rows kept by triggers on deals
 * (db/migrations/0005_portal.ts): a handful of rows whatever the deal count. The left join keeps
 * empty stages; "month" is the current month in the workspace's time zone.
 */
export function stageCounters(db: Executor, workspaceId: string) {
  return db
    .selectFrom('pipeline_stages as s')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .leftJoin('deal_stage_totals as t', (j) => j.onRef('t.stage_id', '=', 's.id').onRef('t.workspace_id', '=', 's.workspace_id'))
    .where('s.workspace_id', '=', workspaceId)
    .groupBy(['s.id', 'w.timezone'])
    .selectAll('s')
    .select([
      sql<number>`coalesce(sum(t.n), 0)::bigint`.as('count'),
      sql<number>`coalesce(sum(t.amount), 0)::bigint`.as('amount'),
      sql<number>`coalesce(sum(t.amount_stage_prob), 0)::bigint`.as('amount_stage_prob'),
      sql<number>`coalesce(sum(t.amount_x_override), 0)::bigint`.as('amount_x_override'),
      sql<number>`coalesce(sum(t.n) filter (where t.closed_month = to_char(now() at time zone w.timezone, 'YYYY-MM')), 0)::bigint`.as('month_count'),
      sql<number>`coalesce(sum(t.amount) filter (where t.closed_month = to_char(now() at time zone w.timezone, 'YYYY-MM')), 0)::bigint`.as('month_amount'),
    ])
    .orderBy('s.position')
    .execute();
}

/** Open deals grouped by expected close month ('' when undated), weighted by probability. */
export function openDealsByCloseMonth(db: Executor, workspaceId: string) {
  return db
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .where('d.workspace_id', '=', workspaceId)
    .where('s.outcome', '=', 'open')
    .groupBy(sql`1`)
    .select([
      sql<string>`coalesce(to_char(d.expected_close_date, 'YYYY-MM'), '')`.as('month'),
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(d.amount_cents), 0)::bigint`.as('amount'),
      sql<number>`coalesce(sum(d.amount_cents * coalesce(d.probability_override, s.probability)) / 100, 0)::bigint`.as('weighted'),
    ])
    .orderBy(sql`1`)
    .execute();
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

/** One keyset page of the CSV export with each deal's company name, newest first. */
export function exportDealsPage(db: Executor, workspaceId: string, page: { after: string | null; limit: number }) {
  let q = db.selectFrom('deals as d').leftJoin('companies as c', 'c.id', 'd.company_id').selectAll('d').select('c.name as company_name').where('d.workspace_id', '=', workspaceId);
  if (page.after) q = q.where('d.id', '<', page.after);
  return q.orderBy('d.id', 'desc').limit(page.limit).execute();
}
