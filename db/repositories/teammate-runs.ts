import { sql } from 'kysely';
import type { RunKind, RunStatus, TeammateMode } from '../tables/teammates';
import type { Executor } from './executor';

// Teammate runs: one row per chat turn or revision. A run is held by one worker at a time under
// a lease; its usage (calls, tokens, cost) adds up over the attempts that worked on it.

export type NewRun = {
  id: string;
  workspaceId: string;
  threadId: string;
  requestId: string;
  kind: RunKind;
  mode: TeammateMode;
  model: string | null;
  input: Record<string, unknown>;
};

export function insertRun(db: Executor, r: NewRun) {
  return db
    .insertInto('teammate_runs')
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      thread_id: r.threadId,
      request_id: r.requestId,
      kind: r.kind,
      mode: r.mode,
      model: r.model,
      status: 'running',
      finished_at: null,
      duration_ms: null,
      error: null,
      result: JSON.stringify({}),
      input: JSON.stringify(r.input),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findRun(db: Executor, id: string) {
  return db.selectFrom('teammate_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRunInWorkspace(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('teammate_runs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findRunByRequest(db: Executor, workspaceId: string, requestId: string) {
  return db.selectFrom('teammate_runs').selectAll().where('workspace_id', '=', workspaceId).where('request_id', '=', requestId).orderBy('started_at', 'desc').executeTakeFirst();
}

export function latestRun(db: Executor, workspaceId: string, threadId: string) {
  return db
    .selectFrom('teammate_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('thread_id', '=', threadId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * Takes the run for `owner` when nobody holds it (never started, or its holder's lease lapsed):
 * one statement, so two workers never both get it. Undefined when it is held, over or gone.
 */
export function claimRun(db: Executor, id: string, owner: string, leaseMs: number) {
  return db
    .updateTable('teammate_runs')
    .set({ lease_owner: owner, lease_expires_at: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'`, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', sql<Date>`now()`), eb('lease_owner', '=', owner)]))
    .returningAll()
    .executeTakeFirst();
}

/** Keeps the lease alive while the run works; false when another worker took it over. */
export async function renewRunLease(db: Executor, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const r = await db
    .updateTable('teammate_runs')
    .set({ lease_expires_at: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'` })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Lets go of a run still running (this worker is stopping): another may take it at once. */
export function releaseRun(db: Executor, id: string, owner: string) {
  return db.updateTable('teammate_runs').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/** Runs left running by a worker that died (lease lapsed), oldest first. */
export function findLapsedRuns(db: Executor, limit: number) {
  return db
    .selectFrom('teammate_runs')
    .select(['id', 'workspace_id', 'kind', 'attempts'])
    .where('status', '=', 'running')
    .where('lease_expires_at', '<', sql<Date>`now()`)
    .orderBy('lease_expires_at')
    .limit(limit)
    .execute();
}

export type RunUsage = { modelCalls: number; tokensIn: number; tokensOut: number; costUsd: number };

/** One model call's usage, added as it happens: a worker killed mid-run loses none of it. */
export function addRunUsage(db: Executor, id: string, u: RunUsage) {
  return db
    .updateTable('teammate_runs')
    .set({
      model_calls: sql<number>`model_calls + ${u.modelCalls}`,
      tokens_in: sql<number>`tokens_in + ${u.tokensIn}`,
      tokens_out: sql<number>`tokens_out + ${u.tokensOut}`,
      cost_usd: sql<number>`cost_usd + ${u.costUsd}`,
    })
    .where('id', '=', id)
    .execute();
}

/** Ends (or pauses) a run: status, result and error, the lease released (its usage is recorded per call). */
export function finishRun(db: Executor, id: string, f: { status: RunStatus; error: string | null; result: Record<string, unknown> | null }) {
  const over = f.status !== 'running';
  return db
    .updateTable('teammate_runs')
    .set({
      status: f.status,
      finished_at: over ? sql<Date>`now()` : null,
      duration_ms: over ? sql<number>`(extract(epoch from now() - started_at) * 1000)::int` : null,
      error: f.error,
      ...(f.result ? { result: JSON.stringify(f.result) } : {}),
      lease_owner: null,
      lease_expires_at: null,
    })
    .where('id', '=', id)
    .execute();
}

/** The workspace's failed runs, newest first, with the reason (the Settings' background problems). */
export function listFailedRuns(db: Executor, workspaceId: string, limit: number) {
  return db
    .selectFrom('teammate_runs')
    .select(['id', 'kind', 'thread_id', 'error', 'attempts', 'finished_at', 'started_at'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'failed')
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
