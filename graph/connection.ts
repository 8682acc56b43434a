import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/connection';
import type { Database } from '../db/schema';

/**
 * The teammates' database handle. On the embedded database, all their work goes through ONE
 * connection: the PGlite socket server queues protocol messages one by one across connections,
 * so two connections running extended-protocol queries at once can interleave (an unnamed
 * portal of one is replaced by the other's: "portal does not exist"). One connection keeps the
 * fan-out's queries whole; on a real PostgreSQL server the shared pool is used as is.
 */
export function teammateDb(db: Db): Db {
  if (!db.embedded) return db;
  const pool = new pg.Pool({ ...db.connection, max: 1, idleTimeoutMillis: 30_000 });
  if (db.schema !== 'public') {
    pool.on('connect', (client) => {
      void client.query(`set search_path to "${db.schema}", public`);
    });
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { ...db, pool, kysely, close: () => kysely.destroy() };
}
