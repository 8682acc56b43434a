import { sql, type Kysely } from 'kysely';
import { NEEDS_ATTENTION } from '../../actions/states';
import type { CrmCtx } from '../../crm/context';
import { statusCounts } from '../../db/repositories/actions';
import type { Database } from '../../db/schema';

// The "À valider / Needs attention" number shown on every page: the approval gate's own
// definition (waiting for approval, failed, delivery unknown), read from its trigger-kept
// counters — O(1) whatever the number of actions. Null while the gate's tables are missing.
const tableKnown = new WeakMap<Kysely<Database>, boolean>();

export async function actionsInstalled(db: Kysely<Database>): Promise<boolean> {
  if (tableKnown.get(db)) return true;
  const r = await sql<{ ok: boolean }>`select to_regclass('action_status_counts') is not null as ok`.execute(db);
  const ok = Boolean(r.rows[0]?.ok);
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

export async function needsAttentionCount(ctx: CrmCtx): Promise<number | null> {
  return (await attentionSummary(ctx))?.needsAttention ?? null;
}
