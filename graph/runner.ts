import type { Kysely } from 'kysely';
import { addRunUsage, claimRun, findLapsedRuns, findRun, finishRun, insertRun, releaseRun, renewRunLease, type NewRun } from '../db/repositories/teammate-runs';
import { AppError } from '../lib/errors';
import type { Language } from '../lib/language';
import { costOf } from './model/meter';
import { ModelOutputError, ModelUnavailableError, type TokenUsage } from './model/types';
import type { JobQueue } from '../db/jobs/queue';
import type { Database } from '../db/schema';
import type { RunKind, RunStatus, TeammateRun } from '../db/tables/teammates';
import { replies } from '../prompts';
import { loadWorkspaceProfile } from '../identity/profile';
import type { RunScope, TeammateDeps } from './deps';
import { teammateRunJob } from './jobs';
import { runScope } from './run-scope';
import { addMessage } from './store/threads';

// Executes teammate runs as jobs, on any worker. A run is held under a lease that its worker
// renews while it works; a worker that dies lets the lease lapse, and the sweep hands the run to
// another worker, which resumes it from its checkpoint. Each teammate (chat turn, revision) is a
// program: what it does with the run; the runner does the holding, the accounting and the reply.

export type ProgramResult = {
  status: Exclude<RunStatus, 'running'>;
  /** the teammate's answer in the thread (null: it says nothing) */
  reply: string | null;
  /** stored on the run: counts, action ids… */
  result: Record<string, unknown>;
  error: string | null;
  /** extra data on the reply message */
  data?: Record<string, unknown>;
};

export type RunProgram = (deps: TeammateDeps, run: TeammateRun, scope: RunScope, signal: AbortSignal) => Promise<ProgramResult>;
export type RunPrograms = Partial<Record<RunKind, RunProgram>>;

export type ExecuteOutcome = 'finished' | 'held_elsewhere' | 'not_running' | 'interrupted';

/**
 * Records a run and queues it in one transaction (`tx`): no run without its job, no job without its run.
 * Any worker then executes it (`executeRun`).
 */
export async function queueRun(tx: Kysely<Database>, jobs: JobQueue, run: Omit<NewRun, 'mode' | 'model'> & { model: string | null }) {
  const row = await insertRun(tx, { ...run, mode: run.model ? 'model' : 'offline' });
  await jobs.send(teammateRunJob, { runId: row.id }, { tx });
  return row;
}

/** Why a run failed, in the user's language; the technical detail stays on the run (and in the logs). */
export function failureReply(err: unknown, language: Language): string {
  const say = replies(language);
  const reason =
    err instanceof ModelUnavailableError
      ? say.reasons.modelUnavailable
      : err instanceof ModelOutputError
        ? say.reasons.modelInvalid
        : err instanceof Error && /abort|interrupt|lease lost|terminated/i.test(err.message)
          ? say.reasons.interrupted
          : err instanceof AppError
            ? err.message
            : say.reasons.internal;
  return say.failed(reason);
}

/** The run's lease is renewed this often (a third of the lease: two renewals may fail before it lapses). */
const renewEvery = (leaseMs: number) => Math.max(100, Math.floor(leaseMs / 3));

/**
 * Runs (or resumes) one run on this worker. Never runs a run another live worker holds, never
 * runs a finished one. A program failure is recorded as a failed run with its reason; a stop of
 * this worker (signal) releases the run for another worker and asks for it to be picked up.
 */
export async function executeRun(deps: TeammateDeps, runId: string, programs: RunPrograms, opts: { owner: string; leaseMs: number; signal: AbortSignal }): Promise<ExecuteOutcome> {
  const db = deps.db.kysely;
  const run = await claimRun(db, runId, opts.owner, opts.leaseMs);
  if (!run) return (await isRunning(deps, runId)) ? 'held_elsewhere' : 'not_running';
  const program = programs[run.kind];
  // every model call's usage is on the run as it happens: a worker killed mid-run loses none of it
  const onUsage = (_purpose: string, model: string, usage: TokenUsage) =>
    addRunUsage(db, run.id, { modelCalls: 1, tokensIn: usage.inputTokens, tokensOut: usage.outputTokens, costUsd: costOf(model, usage) }).then(() => undefined);
  const scope = runScope(deps, { runId: run.id, workspaceId: run.workspace_id, threadId: run.thread_id, userId: null, kind: run.kind }, onUsage);
  // the program stops when this worker stops, or when another worker took the run over
  const stop = new AbortController();
  const onAbort = () => stop.abort(opts.signal.reason);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  let lost = false;
  const renew = setInterval(() => {
    renewRunLease(db, run.id, opts.owner, opts.leaseMs).then(
      (held) => {
        if (!held && !lost) {
          lost = true;
          scope.log.warn('the run was taken over by another worker; stopping here');
          stop.abort(new Error('lease lost'));
        }
      },
      (err: unknown) => scope.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not renew the run lease'),
    );
  }, renewEvery(opts.leaseMs));
  try {
    if (!program) throw new Error(`no teammate runs ${run.kind} runs here`);
    scope.log.info({ kind: run.kind, attempt: run.attempts, mode: scope.mode }, run.attempts > 1 ? 'run resumed' : 'run started');
    const out = await program(deps, run, scope, stop.signal);
    await record(deps, run, scope, out);
    return 'finished';
  } catch (err) {
    if (stop.signal.aborted) {
      if (lost) return 'held_elsewhere';
      // this worker is stopping: the run stays running, and another worker resumes it from its checkpoint
      await releaseRun(db, run.id, opts.owner).catch(() => undefined);
      await deps.jobs.send(teammateRunJob, { runId: run.id }, { singletonKey: `${run.id}:${run.attempts}:handover` }).catch(() => undefined);
      scope.log.warn('run interrupted by shutdown; another worker resumes it');
      return 'interrupted';
    }
    const message = err instanceof Error ? err.message : String(err);
    scope.log.error({ err: message }, 'run failed');
    const language = (await loadWorkspaceProfile(db, run.workspace_id).catch(() => null))?.defaultLanguage ?? 'fr';
    await record(deps, run, scope, { status: 'failed', reply: failureReply(err, language), result: {}, error: message });
    return 'finished';
  } finally {
    clearInterval(renew);
    opts.signal.removeEventListener('abort', onAbort);
  }
}

async function isRunning(deps: TeammateDeps, runId: string): Promise<boolean> {
  return (await findRun(deps.db.kysely, runId))?.status === 'running';
}

/** The reply in the thread, the run's status, usage and result, the closing event. */
async function record(deps: TeammateDeps, run: TeammateRun, scope: RunScope, out: ProgramResult): Promise<void> {
  const db = deps.db.kysely;
  const usage = scope.meter.snapshot();
  const degraded = scope.budget.degraded;
  if (out.reply) {
    const language = (await loadWorkspaceProfile(db, run.workspace_id).catch(() => null))?.defaultLanguage ?? 'fr';
    // the model stopped answering and the offline teammate finished: the reply says so, plainly
    const content = degraded && out.status !== 'failed' ? `${out.reply}\n\n${replies(language).degraded}` : out.reply;
    await addMessage(db, {
      workspaceId: run.workspace_id,
      threadId: run.thread_id,
      runId: run.id,
      role: 'assistant',
      content,
      data: { mode: scope.mode, status: out.status, ...(degraded ? { degraded } : {}), ...out.data },
    });
  }
  if (degraded) scope.log.warn({ reason: degraded }, 'the model stopped answering; the run finished offline');
  await finishRun(db, run.id, { status: out.status, error: out.error, result: { ...out.result, byPurpose: usage.byPurpose, ...(degraded ? { degraded } : {}) } });
  if (out.status === 'failed') await scope.emit('error', { message: out.error ?? 'failed' }).catch(() => undefined);
  await scope.emit('run_finished', {
    status: out.status,
    modelCalls: usage.modelCalls,
    tokensIn: usage.tokensIn,
    tokensOut: usage.tokensOut,
    ...(run.kind === 'revise' ? { revision: true } : {}),
  });
  scope.log.info({ status: out.status, modelCalls: usage.modelCalls, tokensIn: usage.tokensIn, tokensOut: usage.tokensOut }, 'run finished');
}

/** The job's last attempt failed (the worker kept dying, or the runner itself failed): the run fails with the reason. */
export async function failAbandonedRun(deps: TeammateDeps, runId: string, error: Error): Promise<void> {
  const db = deps.db.kysely;
  const run = await findRun(db, runId);
  if (run?.status !== 'running') return;
  const scope = runScope(deps, { runId: run.id, workspaceId: run.workspace_id, threadId: run.thread_id, userId: null, kind: run.kind });
  const language = (await loadWorkspaceProfile(db, run.workspace_id).catch(() => null))?.defaultLanguage ?? 'fr';
  await record(deps, run, scope, { status: 'failed', reply: failureReply(error, language), result: {}, error: error.message });
}

/** Runs whose worker died: each is sent to the queue again, once per lapse. */
export async function resumeLapsedRuns(deps: TeammateDeps, limit = 100): Promise<number> {
  const runs = await findLapsedRuns(deps.db.kysely, limit);
  for (const r of runs) await deps.jobs.send(teammateRunJob, { runId: r.id }, { singletonKey: `${r.id}:lapsed:${r.attempts}` });
  if (runs.length) deps.logger.warn({ runs: runs.length }, 'runs left by a stopped worker are resumed');
  return runs.length;
}
