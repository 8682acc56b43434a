import { actionSentBackJob, actionsApprovedJob, actionsExpireJob, retentionPurgeJob } from '../actions/jobs';
import { purgeStaleProspects, RETENTION_PURGE_EVERY_MS } from '../actions/retention';
import { expireDueActions } from '../actions/expiry';
import { learnFromApproval } from '../agents/drafter/learn';
import { queueRevision, queueUnrevisedSendbacks } from '../agents/drafter/revision-queue';
import { startDispatcher, type Dispatcher, type DispatcherOptions } from '../channels/dispatcher';
import { sweepExpiredLeases } from '../channels/dispatcher-outcomes';
import { dispatchSweepJob } from '../channels/jobs';
import { failImport, runImport } from '../crm/csv/import';
import { csvImportJob } from '../crm/csv/jobs';
import { inboundSyncJob, INBOUND_SYNC_EVERY_MS } from '../channels/inbound/jobs';
import { syncInbound } from '../agents/replier/sync';
import { secretKeys } from '../lib/secrets';
import type { JobDefinition } from '../db/jobs/definition';
import { jobHandler, newWorkerOwner, startJobWorker, type JobRegistration, type JobWorker } from '../db/jobs/worker';
import { teammateRunJob, teammateSweepJob } from '../graph/jobs';
import { executeRun, failAbandonedRun, resumeLapsedRuns, type RunPrograms } from '../graph/runner';
import type { Relais } from './root';

// A worker: every background job of Relais, by name. Each name is that job's switch
// (RELAIS_JOBS=all, a comma list, or all,-name); `npm start` runs one worker in-process
// (RELAIS_WORKER=off: none), `cli worker` runs more, on any machine with the same database.
// Periodic jobs are enqueued by every worker's ticker, at most one per period (throttled by
// the queue), and done by whichever worker fetches them.

export const JOB_NAMES = [
  'teammate.run',
  'teammate.sweep',
  'action.sent-back',
  'action.approved',
  'actions.expire',
  'dispatch',
  'dispatch.sweep',
  'retention.purge',
  'csv.import',
  'inbound.sync',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export type WorkerOptions = {
  /** which jobs (default: the config's RELAIS_JOBS) */
  jobs?: string;
  owner?: string;
  /** idle poll of the job queue */
  pollMs?: number;
  /** stop(): how long running jobs get before their signal is aborted (default 10 s) */
  graceMs?: number;
  /** how often the periodic jobs (sweeps, expiry) run; default 30 s (runs: 10 s) */
  housekeepingMs?: number;
  dispatcher?: Partial<Omit<DispatcherOptions, 'owner'>>;
  /** teammate runs at once on this worker */
  runConcurrency?: number;
};

export type RelaisWorker = { owner: string; jobs: JobName[]; stop(): Promise<void> };

/** `all`, `a,b`, `all,-a`: the job names a switch string turns on (unknown names fail loudly). */
export function parseJobSwitch(value: string): JobName[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const known = (n: string): n is JobName => (JOB_NAMES as readonly string[]).includes(n);
  for (const p of parts) {
    const name = p.replace(/^-/, '');
    if (name !== 'all' && name !== 'none' && !known(name)) throw new Error(`RELAIS_JOBS: unknown job "${name}" (jobs: ${JOB_NAMES.join(', ')})`);
  }
  const on = new Set<JobName>();
  for (const p of parts) {
    if (p === 'all') for (const n of JOB_NAMES) on.add(n);
    else if (p === 'none') on.clear();
    else if (p.startsWith('-')) on.delete(p.slice(1) as JobName);
    else on.add(p as JobName);
  }
  return JOB_NAMES.filter((n) => on.has(n));
}

export function startRelaisWorker(relais: Relais, opts: WorkerOptions = {}): RelaisWorker {
  const names = parseJobSwitch(opts.jobs ?? relais.config.RELAIS_JOBS);
  const owner = opts.owner ?? newWorkerOwner();
  const { teammates, config, logger } = relais;
  const env = { db: relais.db.kysely, config, logger };
  const housekeepingMs = opts.housekeepingMs ?? 30_000;
  // the teammates load LangGraph on their first run, not when the worker starts
  const programs: RunPrograms = {
    chat: async (...args) => (await import('../agents/supervisor/program')).supervisorProgram(...args),
    revise: async (...args) => (await import('../agents/drafter/revise')).revisionProgram(...args),
  };
  const all: Record<Exclude<JobName, 'dispatch'>, { registration: JobRegistration<unknown>; everyMs?: number }> = {
    'teammate.run': {
      registration: jobHandler({
        job: teammateRunJob,
        concurrency: opts.runConcurrency ?? 4,
        handle: async ({ runId }, ctx) => {
          await executeRun(teammates, runId, programs, { owner, leaseMs: config.RELAIS_RUN_LEASE_MS, signal: ctx.signal });
        },
        onFinalFailure: ({ runId }, error) => failAbandonedRun(teammates, runId, error),
      }),
    },
    'teammate.sweep': {
      everyMs: Math.min(housekeepingMs, 10_000),
      registration: jobHandler({
        job: teammateSweepJob,
        handle: async () => {
          await resumeLapsedRuns(teammates);
          await queueUnrevisedSendbacks(teammates);
        },
      }),
    },
    'action.sent-back': {
      registration: jobHandler({
        job: actionSentBackJob,
        concurrency: 4,
        handle: async (e) => {
          if (e.teammate === 'drafter') await queueRevision(teammates, e);
        },
      }),
    },
    'action.approved': {
      registration: jobHandler({ job: actionsApprovedJob, concurrency: 4, handle: async (e) => void (await learnFromApproval(teammates, e)) }),
    },
    'actions.expire': {
      everyMs: housekeepingMs,
      registration: jobHandler({
        job: actionsExpireJob,
        handle: async (_, ctx) => {
          const expired = await expireDueActions(env.db);
          if (expired) ctx.log.info({ expired }, 'pending actions expired');
        },
      }),
    },
    'retention.purge': {
      everyMs: RETENTION_PURGE_EVERY_MS,
      registration: jobHandler({
        job: retentionPurgeJob,
        handle: async (_, ctx) => {
          // counts only: who was purged is in each workspace's audit log
          const r = await purgeStaleProspects(env.db, { now: new Date(), signal: ctx.signal });
          if (r.purged) ctx.log.info(r, 'prospects past the retention period purged');
        },
      }),
    },
    'csv.import': {
      // one import at a time per worker: each commits chunk by chunk, so requests never wait long behind it
      registration: jobHandler({
        job: csvImportJob,
        handle: ({ importId }, ctx) => runImport({ db: env.db, jobs: relais.jobs }, importId, { signal: ctx.signal, log: ctx.log }),
        onFinalFailure: ({ importId }, error) => failImport({ db: env.db, jobs: relais.jobs }, importId, error),
      }),
    },
    'inbound.sync': {
      everyMs: INBOUND_SYNC_EVERY_MS,
      registration: jobHandler({
        job: inboundSyncJob,
        handle: async (_, ctx) => {
          const r = await syncInbound(env.db, secretKeys(config), { signal: ctx.signal, log: ctx.log });
          if (r.fetched || r.failed) ctx.log.info(r, 'mailboxes read');
        },
      }),
    },
    'dispatch.sweep': {
      everyMs: housekeepingMs,
      registration: jobHandler({
        job: dispatchSweepJob,
        handle: async (_, ctx) => {
          const unknown = await sweepExpiredLeases(env.db);
          if (unknown) ctx.log.warn({ unknown }, 'actions left sending past their lease are now delivery_unknown');
        },
      }),
    },
  };
  const chosen = names.filter((n): n is Exclude<JobName, 'dispatch'> => n !== 'dispatch').map((n) => all[n]);
  const jobWorker: JobWorker | null = chosen.length
    ? startJobWorker(
        relais.jobs,
        chosen.map((c) => c.registration),
        { logger, owner, pollMs: opts.pollMs, graceMs: opts.graceMs },
      )
    : null;
  const dispatcher: Dispatcher | null = names.includes('dispatch') ? startDispatcher(env, { ...opts.dispatcher, owner }) : null;

  // the ticker: each periodic job at most once per period, whichever worker enqueues it
  const tick = (job: JobDefinition<Record<string, never>>, everyMs: number) =>
    relais.jobs
      .send(job, {}, { singletonKey: job.name, singletonSeconds: Math.max(1, Math.round(everyMs / 1000)) })
      .catch((err: unknown) => logger.warn({ job: job.name, err: err instanceof Error ? err.message : String(err) }, 'could not enqueue a periodic job'));
  const timers = chosen
    .filter((c) => c.everyMs)
    .map((c) => {
      const job = c.registration.job as JobDefinition<Record<string, never>>;
      void tick(job, c.everyMs!);
      return setInterval(() => void tick(job, c.everyMs!), c.everyMs!);
    });
  logger.info({ owner, jobs: names }, 'worker started');
  return {
    owner,
    jobs: names,
    stop: async () => {
      timers.forEach(clearInterval);
      await Promise.all([jobWorker?.stop(), dispatcher?.stop()]);
      logger.info({ owner }, 'worker stopped');
    },
  };
}
