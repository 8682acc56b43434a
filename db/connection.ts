import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { migrations } from './migrations';
import { startEmbedded, takeOverWhenOrphaned, type EmbeddedEndpoint } from './embedded/server';
import { logger } from '../lib/log';
import { isDatabaseUnavailable } from './errors';

// int8 (counts, bigserial, cents) as numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// `date` stays a 'YYYY-MM-DD' string: no timezone shift on expected close dates.
pg.types.setTypeParser(1082, (v) => v);

export type Db = {
  kysely: Kysely<Database>;
  pool: pg.Pool;
  /** connection settings other clients (LangGraph's PostgresSaver, workers) can reuse */
  connection: pg.PoolConfig;
  schema: string;
  vector: boolean;
  embedded: boolean;
  close: () => Promise<void>;
};

export type OpenOptions = {
  databaseUrl?: string;
  dataDir: string;
  /** isolate in a schema (tests); default public */
  schema?: string;
  poolSize?: number;
  migrate?: boolean;
};

let warnedNoVector = false;

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  let endpoint: EmbeddedEndpoint | null = null;
  let connection: pg.PoolConfig;
  if (opts.databaseUrl) {
    connection = { connectionString: opts.databaseUrl };
  } else {
    endpoint = await startEmbedded(opts.dataDir);
    connection = { host: endpoint.host, port: endpoint.port, user: 'postgres', database: 'postgres' };
  }
  const schema = opts.schema ?? 'public';
  const pool = new pg.Pool({ ...connection, max: opts.poolSize ?? 10, idleTimeoutMillis: 30_000 });
  // an idle connection the server dropped must not kill the process: the pool opens a new one on demand
  pool.on('error', (err) => logger.warn({ err: err.message }, 'database connection lost; the pool reconnects'));
  if (schema !== 'public') {
    pool.on('connect', (client) => {
      void client.query(`set search_path to "${schema}", public`);
    });
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // attached to another process's embedded database: if that owner dies, serve it from here (same
  // address: the pool reconnects), so a second server or a worker outlives the first
  const stopWatching = endpoint && !endpoint.owner ? takeOverWhenOrphaned(opts.dataDir, (e) => (endpoint = e)) : () => {};
  const close = async () => {
    stopWatching();
    await kysely.destroy();
    await endpoint?.stop();
  };
  try {
    const vector = await ensureExtensions(kysely, schema);
    if (opts.migrate !== false) await migrate(kysely, schema);
    return { kysely, pool, connection, schema, vector, embedded: endpoint !== null, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function ensureExtensions(db: Kysely<Database>, schema: string): Promise<boolean> {
  if (schema !== 'public') await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  await sql`create extension if not exists pg_trgm with schema public`.execute(db).catch(() => undefined);
  try {
    await sql`create extension if not exists vector with schema public`.execute(db);
    return true;
  } catch (err) {
    // only the server's own refusal means "not installed"; a lost connection is not an answer
    if (isDatabaseUnavailable(err)) throw err;
    if (!warnedNoVector) {
      warnedNoVector = true;
      logger.warn('pgvector is not installed on this PostgreSQL server: similarity search falls back to pg_trgm');
    }
    return false;
  }
}

export async function migrate(db: Kysely<Database>, schema = 'public'): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === 'Error') logger.error({ migration: r.migrationName }, 'migration failed');
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
