import { openDealsByCloseMonth, stageCounters } from '../db/repositories/deals';
import type { Stage } from '../db/schema';
import type { CrmCtx } from './context';

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
  const rows = await stageCounters(ctx.db, ctx.workspaceId);
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
  const rows = await openDealsByCloseMonth(ctx.db, ctx.workspaceId);
  return rows.map((r) => ({ month: r.month, count: r.count, amountCents: Number(r.amount), weightedCents: Number(r.weighted) }));
}
