import { sql } from 'kysely';
import type { CrmCtx } from '../../crm/context';
import type { Stage } from '../../db/schema';

export type StageFigures = {
  stage: Stage;
  count: number;
  amountCents: number;
  /** Σ amount × probability (a deal's own probability replaces its stage's) / 100 */
  weightedCents: number;
  /** deals that reached this stage since the start of the month (closed_at) */
  monthCount: number;
  monthAmountCents: number;
};

/**
 * Every figure the Dashboard, Reports and Forecasts need, read from the counter rows kept by
 * triggers on deals (db/migrations/0005_portal.ts): a handful of rows, whatever the deal count.
 * "This month" is the workspace's month, in its own time zone.
 */
export async function pipelineFigures(ctx: CrmCtx): Promise<StageFigures[]> {
  // one round trip: the stages, each with its counters summed (a left join keeps empty stages)
  const rows = await ctx.db
    .selectFrom('pipeline_stages as s')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .leftJoin('deal_stage_totals as t', (j) => j.onRef('t.stage_id', '=', 's.id').onRef('t.workspace_id', '=', 's.workspace_id'))
    .where('s.workspace_id', '=', ctx.workspaceId)
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
  return rows.map(({ count, amount, amount_stage_prob, amount_x_override, month_count, month_amount, ...stage }) => ({
    stage,
    count: Number(count),
    amountCents: Number(amount),
    weightedCents: Math.round((Number(amount_stage_prob) * stage.probability + Number(amount_x_override)) / 100),
    monthCount: Number(month_count),
    monthAmountCents: Number(month_amount),
  }));
}

export type PipelineTotals = { openCount: number; openCents: number; wonMonthCount: number; wonMonthCents: number; total: number };

export function totals(figures: StageFigures[]): PipelineTotals {
  const open = figures.filter((f) => f.stage.outcome === 'open');
  const won = figures.filter((f) => f.stage.outcome === 'won');
  return {
    openCount: open.reduce((s, f) => s + f.count, 0),
    openCents: open.reduce((s, f) => s + f.amountCents, 0),
    wonMonthCount: won.reduce((s, f) => s + f.monthCount, 0),
    wonMonthCents: won.reduce((s, f) => s + f.monthAmountCents, 0),
    total: figures.reduce((s, f) => s + f.count, 0),
  };
}

export type MonthForecast = { month: string; count: number; amountCents: number; weightedCents: number };

/** Open deals by expected close month (undated ones under ''), weighted by probability. */
export async function forecastByMonth(ctx: CrmCtx): Promise<MonthForecast[]> {
  const rows = await ctx.db
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .where('d.workspace_id', '=', ctx.workspaceId)
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
  return rows.map((r) => ({ month: r.month, count: r.count, amountCents: Number(r.amount), weightedCents: Number(r.weighted) }));
}
