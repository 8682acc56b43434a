import type { Kysely } from 'kysely';
import type { CrmCtx } from '../crm/context';
import type { JobQueue } from '../db/jobs/queue';
import type { Database } from '../db/schema';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/log';
import type { Principal } from './tokens';

/** What every request can reach: the per-process deps (built once by the composition root). */
export type AppDeps = {
  db: Kysely<Database>;
  config: Config;
  logger: Logger;
  /** background work: anything a request hands over (a revision, a lesson) is a job */
  jobs: JobQueue;
};

/** Per request: the deps, the ids for the logs, who is asking, and the CRM scoped to them. */
export type RequestVariables = {
  deps: AppDeps;
  requestId: string;
  log: Logger;
  principal: Principal;
  crm: CrmCtx;
};
