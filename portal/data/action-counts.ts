import { sql } from 'kysely';
import type { CrmCtx } from '../../crm/context';
import { attentionSummary } from './needs-attention';

export type ActionCounts = Record<string, number> & { flagged?: number };

/** Flagged drafts are counted up to this many: beyond it the Dashboard says "100+". */
export const FLAGGED_CAP = 100;

/**
 * Actions per status for the Dashboard, plus drafts waiting for approval that the reviewer
 * flagged (bounded count: an index range on pending actions, never the whole table).
 */
export async function actionCountsByStatus(ctx: CrmCtx): Promise<ActionCounts | null> {
  const summary = await attentionSummary(ctx);
  if (!summary) return null;
  let flagged = 0;
  if ((summary.counts.pending_approval ?? 0) > 0) {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from (
        select 1 from actions
        where workspace_id = ${ctx.workspaceId} and status = 'pending_approval' and coalesce(reviewer->>'verdict', 'passed') <> 'passed'
        limit ${FLAGGED_CAP}
      ) x`.execute(ctx.db);
    flagged = r.rows[0]?.n ?? 0;
  }
  return { ...summary.counts, flagged };
}
