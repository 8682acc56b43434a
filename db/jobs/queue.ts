import { EventEmitter } from 'node:events';
import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from '../../lib/log';
import type { Db } from '../connection';
import type { Executor } from '../repositories/executor';
import type { JobDefinition } from './definition';
import { jobsSchema } from './schema';

// The job queue: pg-boss 10 in its own schema (created by migration 0006, so start() never
// installs anything), its own small pool, no cron. Workers are ours (worker.ts).
//
// Embedded database: every connection shares the one PGlite session and the socket serves only the
// connection inside a transaction until it ends. So a job enqueued from inside a transaction must be
// written through that transaction (`tx`), never through another connection, or both wait forever.

export type SendOptions = {
  /** at most one unfinished (queued, retrying or running) job per key; with singletonSeconds, one per key per window */
  singletonKey?: string;
  /** throttle: at most one job per key (or per queue without a key) per window of this many seconds (≤ 12 h), aligned on the epoch */
  singletonSeconds?: number;
  startAfter?: Date;
  /** enqueue inside this Kysely transaction: no job if it rolls back */
  tx?: Executor;
};

export type JobCounts = { created: number; retry: number; active: number; completed: number; failed: number };

export type JobFailure = { id: string; name: string; data: unknown; error: string; failedAt: Date; attempts: number };

export type JobQueue = {
  /** validates data with job.schema; null = deduplicated (singletonKey / singletonSeconds) */
  send<T>(job: JobDefinition<T>, data: T, opts?: SendOptions): Promise<string | null>;
  /** one insert for many jobs */
  sendMany<T>(job: JobDefinition<T>, items: T[], opts?: { tx?: Executor }): Promise<void>;
  /** counts per state for the Portal/health, per job name (jobs stay countable until archived: 12 h after they end) */
  counts(): Promise<Record<string, JobCounts>>;
  /** jobs whose last attempt failed, newest first (reason = the handler's error message, or the expiry) */
  recentFailures(limit: number, filter?: { workspaceId?: string }): Promise<JobFailure[]>;
  close(): Promise<void>;
};

export type OpenJobQueueOptions = {
  logger: Logger;
  /**
   * How often maintenance runs (expiring attempts past expireInSeconds, archiving, purging). Every
   * open queue takes part; one run per interval happens across all of them. Default 30 s: a dead
   * worker's job comes back expireInSeconds + up to this later.
   */
  maintenanceIntervalSeconds?: number;
  /** false: this process never runs maintenance (another one must) */
  supervise?: boolean;
  /** connections of pg-boss's own pool (fetch, complete, fail, send without tx) */
  poolSize?: number;
};

/** What startJobWorker needs beyond the public API. */
export type QueueInternals = {
  boss: PgBoss;
  logger: Logger;
  ensureQueues: (job: JobDefinition<unknown>) => Promise<void>;
  /** emits `sent` with the job name when this process enqueues (wakes a local idle worker) */
  events: EventEmitter;
  /** hands running jobs back to the queue without using up an attempt (a worker shutting down) */
  release: (name: string, ids: string[]) => Promise<number>;
};

const internals = new WeakMap<JobQueue, QueueInternals>();

export function queueInternals(queue: JobQueue): QueueInternals {
  const i = internals.get(queue);
  if (!i) throw new Error('not a queue from openJobQueue');
  return i;
}

/** Where a job lands after its last attempt failed, so onFinalFailure runs even when that attempt's worker died. */
export const deadLetterName = (name: string) => `${name}__dead`;

type SqlRunner = { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };

function txRunner(tx: Executor): SqlRunner {
  return {
    executeSql: async (text, values = []) => ({ rows: (await tx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] }),
  };
}

/** Payloads are JSON objects (pg would send an array as a Postgres array, not JSON). */
function validPayload<T>(job: JobDefinition<T>, data: T): object {
  const parsed = job.schema.parse(data);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${job.name}: job data must be a JSON object`);
  return parsed;
}

function perJobOptions(job: JobDefinition<unknown>) {
  const o = job.options;
  return { retryLimit: o.retryLimit, retryDelay: o.retryDelaySeconds, retryBackoff: o.retryBackoff, expireInSeconds: o.expireInSeconds, deadLetter: deadLetterName(job.name) };
}

export async function openJobQueue(db: Db, opts: OpenJobQueueOptions): Promise<JobQueue> {
  const schema = jobsSchema(db.schema);
  const logger = opts.logger.child({ component: 'jobs' });
  const boss = new PgBoss({
    // the app's connection settings (pg's password may also be an async function: same thing)
    ...(db.connection as PgBoss.DatabaseOptions),
    schema,
    max: opts.poolSize ?? 4,
    application_name: 'relais-jobs',
    migrate: false, // migration 0006 installed it; a version mismatch fails start() loudly
    schedule: false,
    supervise: opts.supervise ?? true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
  });
  // an unhandled 'error' event would crash the process; maintenance errors are retried next interval
  boss.on('error', (err) => logger.error({ err: err.message }, 'job queue error'));
  await boss.start();

  const known = new Set<string>();
  const pending = new Map<string, Promise<void>>();
  const countQueues = `select count(*)::int as n from ${schema}.queue where name = any($1::text[])`;
  // create_queue is idempotent, but two at once deadlock (each one's partition takes a lock on the
  // queue table the other's insert holds): one at a time, database-wide
  const lockQueues = `select pg_advisory_xact_lock(hashtext('${schema}.create_queue'))`;
  const createQueue = `select ${schema}.create_queue($1, $2::json)`;

  const createQueues = async (run: SqlRunner, queues: [string, object][]): Promise<boolean> => {
    const { rows } = await run.executeSql(countQueues, [queues.map(([name]) => name)]);
    if ((rows[0] as { n: number }).n === queues.length) return false;
    await run.executeSql(lockQueues);
    for (const [name, options] of queues) await run.executeSql(createQueue, [name, JSON.stringify(options)]);
    return true;
  };

  // pg-boss 10 silently drops a job sent to a queue that does not exist yet: create ours first,
  // then remember it for this process.
  const ensureQueues = async (job: JobDefinition<unknown>, tx?: Executor): Promise<void> => {
    if (known.has(job.name)) return;
    const queues: [string, object][] = [
      [deadLetterName(job.name), { policy: 'standard' }],
      [job.name, { policy: 'standard', ...perJobOptions(job) }],
    ];
    // through the caller's transaction (see the note on top), and not remembered: a rollback
    // would take the queues created here with it
    if (tx) {
      await createQueues(txRunner(tx), queues);
      return;
    }
    let p = pending.get(job.name);
    if (!p) {
      p = db.kysely
        .transaction()
        .execute((trx) => createQueues(txRunner(trx), queues))
        .then((created) => {
          known.add(job.name);
          if (created) logger.debug({ job: job.name }, 'job queue created');
        })
        .finally(() => pending.delete(job.name));
      pending.set(job.name, p);
    }
    await p;
  };

  const events = new EventEmitter();
  events.setMaxListeners(0);
  const liveJobs = sql.id(schema, 'job');
  const archivedJobs = sql.id(schema, 'archive');

  const queue: JobQueue = {
    async send(job, data, o = {}) {
      const payload = validPayload(job, data);
      if (o.singletonSeconds !== undefined && (!Number.isInteger(o.singletonSeconds) || o.singletonSeconds < 1)) throw new Error('singletonSeconds must be an integer ≥ 1');
      await ensureQueues(job as JobDefinition<unknown>, o.tx);
      const id = await boss.send(job.name, payload, {
        ...perJobOptions(job as JobDefinition<unknown>),
        singletonKey: o.singletonKey,
        singletonSeconds: o.singletonSeconds,
        startAfter: o.startAfter,
        db: o.tx ? txRunner(o.tx) : undefined,
      });
      if (id) events.emit('sent', job.name);
      logger.debug({ job: job.name, jobId: id, deduplicated: id === null }, 'job sent');
      return id;
    },

    async sendMany(job, items, o = {}) {
      if (items.length === 0) return;
      const jobs = items.map((item) => ({ name: job.name, data: validPayload(job, item), ...perJobOptions(job as JobDefinition<unknown>) }));
      await ensureQueues(job as JobDefinition<unknown>, o.tx);
      await boss.insert(jobs, { db: o.tx ? txRunner(o.tx) : undefined });
      events.emit('sent', job.name);
      logger.debug({ job: job.name, n: items.length }, 'jobs sent');
    },

    async counts() {
      // every queue, even one without jobs; dead-letter queues are plumbing (see worker.ts)
      const { rows } = await sql<{ name: string; state: string | null; n: number }>`
        select q.name, j.state::text as state, count(j.id)::int as n
        from ${sql.id(schema, 'queue')} q left join ${liveJobs} j on j.name = q.name
        where q.name not like '%\\_\\_dead'
        group by q.name, j.state
      `.execute(db.kysely);
      const out: Record<string, JobCounts> = {};
      for (const r of rows) {
        out[r.name] ??= { created: 0, retry: 0, active: 0, completed: 0, failed: 0 };
        const c = out[r.name];
        if (r.state && r.state in c) c[r.state as keyof JobCounts] = r.n;
      }
      return out;
    },

    async recentFailures(limit, filter = {}) {
      // the reason: a handler's serialised error, or pg-boss's { value: { message } } for an expiry
      const { rows } = await sql<{ id: string; name: string; data: unknown; error: string | null; failed_at: Date; attempts: number }>`
        select id, name, data, coalesce(output->>'message', output->'value'->>'message', output::text) as error,
          completed_on as failed_at, retry_count + 1 as attempts
        from (
          select id, name, data, output, completed_on, retry_count from ${liveJobs} where state = 'failed'
          union all
          select id, name, data, output, completed_on, retry_count from ${archivedJobs} where state = 'failed'
        ) f
        where name not like '%\\_\\_dead'
          ${filter.workspaceId ? sql`and data->>'workspaceId' = ${filter.workspaceId}` : sql``}
        order by completed_on desc
        limit ${limit}
      `.execute(db.kysely);
      return rows.map((r) => ({ id: r.id, name: r.name, data: r.data, error: r.error ?? 'unknown error', failedAt: r.failed_at, attempts: r.attempts }));
    },

    async close() {
      // workers are stopped first (JobWorker.stop); nothing of ours runs through pg-boss's work()
      await boss.stop({ graceful: false, close: true });
    },
  };
  // pg-boss has no "give back": fail() would use up an attempt (and, on the last one, fail the job
  // for good because a worker was restarted). Undo what its fetch did: the next fetch counts the
  // same attempt again (it adds one to retry_count whenever started_on is set).
  const releaseJobs = `
    update ${schema}.job set
      state = case when retry_count = 0 then 'created'::${schema}.job_state else 'retry'::${schema}.job_state end,
      started_on = case when retry_count = 0 then null else started_on end,
      retry_count = greatest(retry_count - 1, 0),
      start_after = now()
    where name = $1 and id = any($2::uuid[]) and state = 'active'`;
  const release = async (name: string, ids: string[]): Promise<number> => {
    const r = (await boss.getDb().executeSql(releaseJobs, [name, ids])) as { rowCount?: number };
    return r.rowCount ?? 0;
  };

  internals.set(queue, { boss, logger, ensureQueues: (job) => ensureQueues(job), events, release });
  return queue;
}

/**
 * A queue for code paths that must never hand work over (a seed, a one-off CLI command): any
 * attempt to enqueue fails loudly instead of being dropped.
 */
export function noJobQueue(why: string): JobQueue {
  const refuse = async (): Promise<never> => {
    throw new Error(`no job queue here (${why})`);
  };
  return { send: refuse, sendMany: refuse, counts: refuse, recentFailures: refuse, close: async () => undefined };
}
