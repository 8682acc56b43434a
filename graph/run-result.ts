import type { Kysely } from 'kysely';
import { findActionSummaries } from '../db/repositories/actions';
import { findRun } from '../db/repositories/teammate-runs';
import type { Database } from '../db/schema';
import type { RunStatus, TeammateMode } from '../db/tables/teammates';
import { isLanguage, type Language } from '../lib/language';
import { onThreadEvent } from './store/events';
import { runReply } from './store/threads';

// What a finished run produced, read back from the database: any process can wait for a run
// that any worker executes (the CLI, tests, the bench).

export type QueuedAction = { id: string; status: string; subject: string; body: string; language: Language; personId: string };
export type RunResult = {
  threadId: string;
  runId: string;
  status: RunStatus;
  mode: TeammateMode;
  reply: string | null;
  leads: { created: number; known: number };
  actions: QueuedAction[];
  error: string | null;
};

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The run as it stands (running, or over with its reply, counts and the actions it queued). */
export async function readRunResult(db: Kysely<Database>, runId: string): Promise<RunResult | null> {
  const run = await findRun(db, runId);
  if (!run) return null;
  const ids = Array.isArray(run.result.actionIds) ? run.result.actionIds.filter((x): x is string => typeof x === 'string') : [];
  const [reply, rows] = await Promise.all([runReply(db, runId), findActionSummaries(db, run.workspace_id, ids)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const actions = ids.flatMap((id) => {
    const a = byId.get(id);
    return a ? [{ id: a.id, status: a.status, subject: a.subject, body: a.body, language: isLanguage(a.language) ? a.language : 'fr', personId: a.person_id ?? '' }] : [];
  });
  return {
    threadId: run.thread_id,
    runId,
    status: run.status,
    mode: run.mode,
    reply: run.status === 'running' ? null : (reply?.content ?? null),
    leads: { created: num(run.result.created), known: num(run.result.known) },
    actions,
    error: run.error,
  };
}

/** Waits until the run is no longer running (a worker, here or elsewhere, executes it). */
export async function waitForRun(db: Kysely<Database>, runId: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<RunResult> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
  const first = await findRun(db, runId);
  if (!first) throw new Error(`no run ${runId}`);
  let wake: () => void = () => undefined;
  // progress events of this process wake the loop at once; the poll covers other processes
  const unsubscribe = onThreadEvent(first.thread_id, () => wake());
  try {
    for (;;) {
      const run = await findRun(db, runId);
      if (run && run.status !== 'running') return (await readRunResult(db, runId))!;
      if (Date.now() > deadline) throw new Error(`run ${runId} still running after ${opts.timeoutMs ?? 600_000} ms`);
      opts.signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unsubscribe();
  }
}
