import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { RunKind, RunStatus, TeammateMode } from '../../db/tables/teammates';
import type { MeterTotals } from '../model/meter';

// Per-run records: status, duration, model calls, tokens in/out, estimated cost.

export async function insertRun(db: Kysely<Database>, r: { id: string; workspaceId: string; threadId: string; requestId: string; kind: RunKind; mode: TeammateMode; model: string | null }) {
  return db
    .insertInto('teammate_runs')
    .values({ id: r.id, workspace_id: r.workspaceId, thread_id: r.threadId, request_id: r.requestId, kind: r.kind, mode: r.mode, model: r.model, status: 'running', finished_at: null, duration_ms: null, error: null, result: JSON.stringify({}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findRun(db: Kysely<Database>, id: string) {
  return db.selectFrom('teammate_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRunByRequest(db: Kysely<Database>, workspaceId: string, requestId: string) {
  return db.selectFrom('teammate_runs').selectAll().where('workspace_id', '=', workspaceId).where('request_id', '=', requestId).orderBy('started_at', 'desc').executeTakeFirst();
}

export function latestRun(db: Kysely<Database>, workspaceId: string, threadId: string) {
  return db.selectFrom('teammate_runs').selectAll().where('workspace_id', '=', workspaceId).where('thread_id', '=', threadId).orderBy('started_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

/** Runs left "running", oldest first (a stopped process's, or this one's in flight). */
export function runningRuns(db: Kysely<Database>) {
  return db.selectFrom('teammate_runs').selectAll().where('status', '=', 'running').orderBy('started_at').execute();
}

/** Usage adds up: a run resumed in another process keeps what the first one spent. */
export async function finishRun(db: Kysely<Database>, id: string, f: { status: RunStatus; usage: MeterTotals; error?: string | null; result?: Record<string, unknown> }) {
  const run = await findRun(db, id);
  if (!run) return;
  const finished = f.status === 'running' ? null : new Date();
  await db
    .updateTable('teammate_runs')
    .set({
      status: f.status,
      finished_at: finished,
      duration_ms: finished ? finished.getTime() - run.started_at.getTime() : null,
      model_calls: run.model_calls + f.usage.modelCalls,
      tokens_in: run.tokens_in + f.usage.tokensIn,
      tokens_out: run.tokens_out + f.usage.tokensOut,
      cost_usd: run.cost_usd + f.usage.costUsd,
      error: f.error ?? null,
      result: JSON.stringify(f.result ?? run.result ?? {}),
    })
    .where('id', '=', id)
    .execute();
}
