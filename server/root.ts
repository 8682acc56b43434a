import { openDatabase, type Db, type OpenOptions } from '../db/connection';
import { openJobQueue, type JobQueue } from '../db/jobs/queue';
import { createCompanySource } from '../france/sources';
import type { TeammateDeps } from '../graph/deps';
import { modelFromConfig } from '../graph/model/from-config';
import { approvalGate } from '../graph/outbound-gate';
import type { AppDeps } from '../identity/request';
import { loadConfig, type Config } from '../lib/config';
import { logger as rootLogger, type Logger } from '../lib/log';
import { startRelaisWorker, type RelaisWorker, type WorkerOptions } from './worker';

// The one composition root: every entry point (`npm start`, `cli worker`, `cli ask`, the tests,
// the benches) builds Relais here, once — the database, the job queue, the model, the teammates —
// and starts the worker (jobs and dispatcher) when it runs one; `httpApp` adds the HTTP surface
// for those that serve it (a worker never loads the routes or the Portal).

export type RelaisOptions = {
  config?: Config;
  logger?: Logger;
  /** where the database is (tests: a data dir or a schema of their own); default: the config's */
  database?: OpenOptions;
  /** a database already open (benches): Relais uses it and leaves it open on close */
  db?: Db;
  /** test and bench overrides of the teammates' ports (a scripted model, a static company source…) */
  teammates?: Partial<Pick<TeammateDeps, 'model' | 'companies' | 'concurrency' | 'maxRounds' | 'styleExamples' | 'gate'>>;
  /** pg-boss maintenance (expiring a dead worker's attempts) this often; default 30 s */
  maintenanceIntervalSeconds?: number;
};

export type Relais = {
  config: Config;
  logger: Logger;
  db: Db;
  jobs: JobQueue;
  deps: AppDeps;
  teammates: TeammateDeps;
  /** starts a worker in this process: the background jobs (and the dispatcher) this config allows */
  startWorker(opts?: WorkerOptions): RelaisWorker;
  close(): Promise<void>;
};

export async function openRelais(opts: RelaisOptions = {}): Promise<Relais> {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? rootLogger;
  const ownsDb = !opts.db;
  const db = opts.db ?? (await openDatabase(opts.database ?? { databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, schema: config.RELAIS_DB_SCHEMA }));
  let jobs: JobQueue;
  try {
    jobs = await openJobQueue(db, { logger, maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds });
  } catch (err) {
    if (ownsDb) await db.close();
    throw err;
  }
  const teammates: TeammateDeps = {
    db,
    model: modelFromConfig(config),
    concurrency: config.RELAIS_LLM_CONCURRENCY,
    modelBudgetMs: config.RELAIS_RUN_MODEL_BUDGET_MS,
    gate: approvalGate,
    jobs,
    companies: createCompanySource({ ...process.env, RELAIS_COMPANY_SOURCE: config.RELAIS_COMPANY_SOURCE }),
    logger: logger.child({ component: 'teammates' }),
    ...opts.teammates,
  };
  const deps: AppDeps = { db: db.kysely, config, logger, jobs };
  const workers = new Set<RelaisWorker>();
  const relais: Relais = {
    config,
    logger,
    db,
    jobs,
    deps,
    teammates,
    startWorker(workerOpts = {}) {
      const w = startRelaisWorker(relais, workerOpts);
      workers.add(w);
      const stop = w.stop;
      w.stop = async () => {
        workers.delete(w);
        await stop();
      };
      return w;
    },
    async close() {
      for (const w of [...workers]) await w.stop();
      await jobs.close();
      if (ownsDb) await db.close();
    },
  };
  return relais;
}

/** The HTTP surface (API, Portal, opt-out pages) of an open Relais. */
export async function httpApp(relais: Relais) {
  const { createApp } = await import('./app');
  return createApp(relais.deps, { teammates: relais.teammates });
}
