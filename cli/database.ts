import { openDatabase, type Db } from '../db/connection';
import { loadConfig } from '../lib/config';

/** The configured database alone (migrated on open), for commands that need no worker or server. */
export function openConfiguredDatabase(): Promise<Db> {
  const config = loadConfig();
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, schema: config.RELAIS_DB_SCHEMA });
}
