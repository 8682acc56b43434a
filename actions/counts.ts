import type { Kysely } from 'kysely';
import type { CrmCtx } from '../crm/context';
import { countFlaggedPending, statusCounts, statusCountsInstalled } from '../db/repositories/actions';
import type { Database } from '../db/schema';
import { NEEDS_ATTENTION } from './states';

// The "À valider / Needs attention" number shown on every Portal page: the approval gate's own
// definition (waiting for approval, failed, delivery unknown), read from its trigger-kept
// counters — O(1) whatever the number of actions. Null while the gate's tables are missing.
const tableKnown = new WeakMap<Kysely<Database>, boolean>();

export async function actionsInstalled(db: Kysely<Database>): Promise<boolean> {
  if (tableKnown.get(db)) return true;
  const ok = await statusCountsInstalled(db);
  // a positive answer never changes; a negative one is asked again (migrations may run later)
  if (ok) tableKnown.set(db, true);
  return ok;
}

export type AttentionSummary = { counts: Record<string, number>; needsAttention: number; channelConnected: boolean };

export async function attentionSummary(ctx: CrmCtx): Promise<AttentionSummary | null> {
  if (!(await actionsInstalled(ctx.db))) return null;
  const { counts, hasChannel } = await statusCounts(ctx.db, ctx.workspaceId);
  const numbers = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
  return { counts: numbers, needsAttention: NEEDS_ATTENTION.reduce((n, s) => n + (numbers[s] ?? 0), 0), channelConnected: hasChannel };
}

/** Drafts and proposals waiting for a human decision. */
export async function pendingApprovalCount(ctx: CrmCtx): Promise<number> {
  return (await attentionSummary(ctx))?.counts.pending_approval ?? 0;
}

export async function needsAttentionCount(ctx: CrmCtx): Promise<number | null> {
  return (await attentionSummary(ctx))?.needsAttention ?? null;
}

export type ActionCounts = Record<string, number> & { flagged?: number };

/** Flagged drafts are counted up to this many: beyond it the Dashboard says "100+". */
export const FLAGGED_CAP = 100;

/**
 * Actions per status for the Dashboard, plus drafts waiting for approval that the reviewer
 * flagged (a bounded count).
 */
export async function actionCountsByStatus(ctx: CrmCtx): Promise<ActionCounts | null> {
  const summary = await attentionSummary(ctx);
  if (!summary) return null;
  let flagged = 0;
  if ((summary.counts.pending_approval ?? 0) > 0) flagged = await countFlaggedPending(ctx.db, ctx.workspaceId, FLAGGED_CAP);
  return { ...summary.counts, flagged };
}
