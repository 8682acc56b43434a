import { openDatabase, type Db } from '../db/connection';
import { loadConfig, type Config } from '../lib/config';
import { logger } from '../lib/log';
import type { AppDeps } from '../identity/request';

/** Config + database for any entry point (server, worker, CLI commands). */
export async function openRuntime(config: Config = loadConfig()): Promise<{ db: Db; deps: AppDeps }> {
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, schema: config.RELAIS_DB_SCHEMA });
  logger.debug({ embedded: db.embedded, vector: db.vector }, 'database ready');
  return { db, deps: { db: db.kysely, config, logger } };
}
