import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type PgBoss from 'pg-boss';
import type { Logger } from '../../lib/log';
import type { JobDefinition } from './definition';
import { deadLetterName, queueInternals, type JobQueue } from './queue';

// Our own fetch loop over pg-boss fetch/complete/fail: a busy worker fetches again at once, an
// idle one sleeps pollMs (pg-boss's work() always waits its interval), and completions of a batch
// go back in one statement.
//
// Once: pg-boss's fetch claims jobs with FOR UPDATE SKIP LOCKED and marks them active in the same
// statement, so two workers never get the same job. An attempt belongs to its worker for the job's
// expireInSeconds; past that, maintenance fails it ("timeout") and it is retried elsewhere — which
// is how the jobs of a SIGKILLed worker come back. So that a slow handler never runs beside its own
// retry, the worker aborts ctx.signal a margin before the expiry and, if the handler ends after
// that, neither completes nor fails the job (it is no longer this attempt's). A handler that
// ignores its signal can still overlap its retry: expireInSeconds must exceed its worst case.
//
// Last failure: a job whose last attempt failed (its handler threw, or it expired: its worker
// died) is copied by pg-boss into `<name>__dead` in the same statement; this worker runs
// onFinalFailure from there, so it is not lost when a worker dies between the two. At least once:
// onFinalFailure must be idempotent (marking a run failed is).
//
// Stop: no more fetches; running handlers get graceMs, then their signal is aborted; a job whose
// handler then throws goes back to the queue as it was (`release`), its attempt not used up.

export type JobContext = { id: string; attempt: number; lastAttempt: boolean; signal: AbortSignal; log: Logger };

// Method syntax on purpose: a list can then mix registrations of different payload types
// (JobRegistration<Foo> is assignable to JobRegistration<unknown>). Build each with jobHandler()
// so its handler's data is typed from the job.
export type JobRegistration<T> = {
  job: JobDefinition<T>;
  handle(data: T, ctx: JobContext): Promise<void>;
  /** handlers of this job running at once in this worker (default 1) */
  concurrency?: number;
  /** jobs claimed per fetch (default: concurrency) */
  batchSize?: number;
  /** called once when the last attempt failed (e.g. mark the run failed with its reason) */
  onFinalFailure?(data: T, error: Error): Promise<void>;
};

export function jobHandler<T>(registration: JobRegistration<T>): JobRegistration<T> {
  return registration;
}

export type JobWorker = {
  owner: string;
  /** stop fetching, abort signals after the grace period, wait for handlers */
  stop(): Promise<void>;
};

export type JobWorkerOptions = {
  logger: Logger;
  /** idle sleep between fetches of an empty queue (default 500 ms) */
  pollMs?: number;
  owner?: string;
  /** stop(): how long running handlers get before their signal is aborted (default 10 s) */
  graceMs?: number;
};

type FetchedJob = PgBoss.JobWithMetadata<unknown>;

/** host:pid:random, the rule of channels/dispatcher.ts newOwnerId */
export function newWorkerOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The part of an attempt's expiry a worker gives up early, so maintenance never expires an attempt still finishing. */
function leaseMs(expireInSeconds: number): number {
  const ms = expireInSeconds * 1000;
  return ms - Math.min(5000, Math.max(250, ms * 0.1));
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * One queue's fetch loop state: slots in use, and its sleep, which a freed slot ends when it
 * waits for one, a local send when it idles, stop() in any case.
 */
type Lane = {
  used: number;
  /** fetch once this many slots are free (or some have been for an idle period): no one-job fetches while the rest finish */
  threshold: number;
  release(): void;
  sleep(reason: 'slot' | 'idle', ms: number): Promise<void>;
  wake(reason: 'slot' | 'idle' | 'any'): void;
};

function newLane(concurrency: number, batchSize: number): Lane {
  let waiting: { reason: 'slot' | 'idle'; done: () => void } | null = null;
  const lane: Lane = {
    used: 0,
    threshold: Math.max(1, Math.ceil(Math.min(batchSize, concurrency) / 2)),
    release() {
      lane.used--;
      lane.wake('slot');
    },
    sleep(reason, ms) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => done(), ms);
        const done = () => {
          clearTimeout(timer);
          waiting = null;
          resolve();
        };
        waiting = { reason, done };
      });
    },
    wake(reason) {
      if (waiting && (reason === 'any' || waiting.reason === reason)) waiting.done();
    },
  };
  return lane;
}

export function startJobWorker(queue: JobQueue, registrations: JobRegistration<unknown>[], opts: JobWorkerOptions): JobWorker {
  const { boss, events, release, ensureQueues } = queueInternals(queue);
  const owner = opts.owner ?? newWorkerOwner();
  const log = opts.logger.child({ component: 'jobs', owner });
  const pollMs = opts.pollMs ?? 500;
  const graceMs = opts.graceMs ?? 10_000;
  const names = registrations.map((r) => r.job.name);
  if (new Set(names).size !== names.length) throw new Error(`a job is registered twice: ${names.join(', ')}`);

  let stopping = false;
  let requestStop = () => {};
  const stopRequested = new Promise<void>((resolve) => {
    requestStop = resolve;
  });
  const running = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  /** handlers aborted by stop(): their jobs go back to the queue, not counted as failed attempts */
  const stopAborted = new WeakSet<AbortController>();
  const lanes = new Set<Lane>();

  // completions, one statement per queue for everything finished since the last one
  const completions = new Map<string, string[]>();
  const flushing = new Map<string, Promise<void>>();
  const complete = (name: string, id: string) => {
    const ids = completions.get(name) ?? [];
    ids.push(id);
    completions.set(name, ids);
    if (!flushing.has(name)) flushing.set(name, flush(name));
  };
  const flush = async (name: string): Promise<void> => {
    try {
      for (let ids = completions.get(name); ids?.length; ids = completions.get(name)) {
        completions.delete(name);
        for (let attempt = 1; ; attempt++) {
          try {
            await boss.complete(name, ids);
            break;
          } catch (err) {
            // given up: the attempts expire and run again (at least once)
            if (attempt >= 5) {
              log.error({ job: name, n: ids.length, err: asError(err).message }, 'could not mark jobs completed');
              break;
            }
            await sleep(100 * attempt);
          }
        }
      }
    } finally {
      flushing.delete(name);
    }
  };

  const track = (p: Promise<void>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };

  /** One attempt of one job; never rejects. */
  async function attempt(reg: JobRegistration<unknown>, job: FetchedJob, claimedAt: number, lane: Lane): Promise<void> {
    const name = reg.job.name;
    const lease = leaseMs(Number(job.expireInSeconds));
    const attemptNo = job.retryCount + 1;
    const ac = new AbortController();
    controllers.add(ac);
    const ctx: JobContext = {
      id: job.id,
      attempt: attemptNo,
      lastAttempt: job.retryCount >= job.retryLimit,
      signal: ac.signal,
      log: log.child({ job: name, jobId: job.id, attempt: attemptNo }),
    };
    let expired = false;
    const timer = setTimeout(
      () => {
        expired = true;
        ac.abort(new Error(`job ${name} reached its expiry (${job.expireInSeconds} s)`));
      },
      Math.max(0, claimedAt + lease - performance.now()),
    );
    const t0 = performance.now();
    let error: Error | null = null;
    try {
      await reg.handle(reg.job.schema.parse(job.data), ctx);
    } catch (err) {
      error = asError(err);
    } finally {
      clearTimeout(timer);
      controllers.delete(ac);
      lane.release();
    }
    const ms = Math.round(performance.now() - t0);
    // (a timer may fire a little early: the flag, not only the clock)
    if (expired || performance.now() >= claimedAt + lease) {
      ctx.log.warn({ ms, err: error?.message }, 'job outlived its expiry: left to maintenance, which retries it');
      return;
    }
    if (!error) {
      ctx.log.debug({ ms }, 'job done');
      complete(name, job.id);
      return;
    }
    if (stopAborted.has(ac)) {
      ctx.log.info({ ms }, 'job interrupted by the worker stopping: back to the queue');
      await release(name, [job.id]).catch((err: unknown) => ctx.log.error({ err: asError(err).message }, 'could not hand the job back: it is retried after its expiry'));
      return;
    }
    ctx.log.warn({ ms, err: error.message, lastAttempt: ctx.lastAttempt }, ctx.lastAttempt ? 'job failed on its last attempt' : 'job failed: retried later');
    try {
      await boss.fail(name, job.id, { name: error.name, message: error.message, stack: error.stack });
    } catch (err) {
      ctx.log.error({ err: asError(err).message }, 'could not mark job failed: it is retried after its expiry');
    }
  }

  /** The dead-letter copy of a job whose last attempt failed: onFinalFailure, then done. */
  async function finalFailure(reg: JobRegistration<unknown>, job: FetchedJob, lane: Lane): Promise<void> {
    const queueName = deadLetterName(reg.job.name);
    const output = (job.output ?? {}) as { message?: string; name?: string; value?: { message?: string } };
    const error = new Error(output.message ?? output.value?.message ?? 'job failed');
    if (output.name) error.name = output.name;
    const jlog = log.child({ job: reg.job.name, deadJobId: job.id });
    try {
      jlog.error({ err: error.message }, 'job failed for good');
      await reg.onFinalFailure?.(reg.job.schema.parse(job.data), error);
      complete(queueName, job.id);
    } catch (err) {
      jlog.error({ err: asError(err).message }, 'onFinalFailure failed: retried');
      await boss.fail(queueName, job.id, { message: asError(err).message }).catch(() => undefined);
    } finally {
      lane.release();
    }
  }

  /** Fetch loop of one queue: claims up to the free slots, runs each claimed job. */
  async function loop(queueName: string, concurrency: number, batchSize: number, idleMs: number, run: (job: FetchedJob, claimedAt: number, lane: Lane) => Promise<void>) {
    const lane = newLane(concurrency, batchSize);
    lanes.add(lane);
    // a local send of this queue's job ends an idle sleep (it may be committed already)
    const onSent = (name: string) => {
      if (name === queueName) lane.wake('idle');
    };
    events.on('sent', onSent);
    let fewFreeSince: number | null = null;
    try {
      while (!stopping) {
        const free = concurrency - lane.used;
        if (free === 0) {
          await lane.sleep('slot', idleMs);
          continue;
        }
        // a few free slots: wait a moment for more (short jobs end together), not longer (long ones)
        if (free < lane.threshold) {
          fewFreeSince ??= performance.now();
          const left = fewFreeSince + idleMs - performance.now();
          if (left > 0) {
            await lane.sleep('slot', left);
            continue;
          }
        }
        fewFreeSince = null;
        const want = Math.min(batchSize, free);
        const claimedAt = performance.now();
        let jobs: FetchedJob[] = [];
        try {
          jobs = await boss.fetch<unknown>(queueName, { batchSize: want, includeMetadata: true });
        } catch (err) {
          log.warn({ job: queueName, err: asError(err).message }, 'fetch failed');
        }
        // claimed jobs are ours even if stop() came meanwhile: run them, stop() waits
        for (const job of jobs) {
          lane.used++;
          track(run(job, claimedAt, lane));
        }
        // fewer than asked: the queue is drained for now
        if (jobs.length < want && !stopping) await lane.sleep('idle', idleMs);
      }
    } finally {
      events.off('sent', onSent);
      lanes.delete(lane);
    }
  }

  // a worker started while the database is unreachable keeps trying (fetch errors are retried too)
  const queuesReady = async (reg: JobRegistration<unknown>): Promise<boolean> => {
    for (let wait = 500; !stopping; wait = Math.min(wait * 2, 30_000)) {
      try {
        await ensureQueues(reg.job);
        return true;
      } catch (err) {
        log.warn({ job: reg.job.name, err: asError(err).message }, 'could not create the job queue: retrying');
        await Promise.race([new Promise((resolve) => setTimeout(resolve, wait).unref()), stopRequested]);
      }
    }
    return false;
  };

  const loops: Promise<void>[] = [];
  for (const reg of registrations) {
    const concurrency = Math.max(1, reg.concurrency ?? 1);
    const batchSize = Math.max(1, reg.batchSize ?? concurrency);
    const ready = queuesReady(reg);
    const start = (...args: Parameters<typeof loop>) => loops.push(ready.then((ok) => (ok ? loop(...args) : undefined)));
    start(reg.job.name, concurrency, batchSize, pollMs, (job, at, lane) => attempt(reg, job, at, lane));
    // dead letters are rare: polled less often
    if (reg.onFinalFailure) start(deadLetterName(reg.job.name), 1, 10, pollMs * 4, (job, _at, lane) => finalFailure(reg, job, lane));
  }
  const loopsDone = Promise.all(loops).catch((err: unknown) => {
    log.error({ err: asError(err).message }, 'job worker stopped on an error');
  });
  log.info({ jobs: names, pollMs }, 'job worker started');

  let stopped: Promise<void> | null = null;
  return {
    owner,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        requestStop();
        for (const lane of lanes) lane.wake('any');
        await loopsDone;
        const settled = Promise.all([...running]);
        const grace = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
        if ((await Promise.race([settled, grace])) === 'late') {
          log.warn({ running: running.size }, 'handlers still running after the grace period: aborting them');
          for (const ac of controllers) {
            stopAborted.add(ac);
            ac.abort(new Error('worker stopping'));
          }
        }
        await settled;
        while (flushing.size > 0) await Promise.all([...flushing.values()]);
        log.info('job worker stopped');
      })();
      return stopped;
    },
  };
}
