import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/log';
import type { Principal } from '../identity/tokens';
import type { CrmCtx } from '../crm/context';

/** What every request can reach: the per-process deps and the per-request principal. */
export type AppDeps = {
  db: Kysely<Database>;
  config: Config;
  logger: Logger;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    log: Logger;
    principal: Principal;
    crm: CrmCtx;
  };
};
