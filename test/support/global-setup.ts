import pg from 'pg';
import { openDatabase } from '../../db/connection';
import { makeMigratedTemplate, makeTemplate } from '../../db/embedded/pglite';

// Embedded mode: every test file copies the migrated template (db/embedded/pglite.ts) instead of
// migrating a database of its own. `npm ci` builds it, but a checkout whose migrations changed
// since then has none yet: it is built here once, before any file starts, rather than each file
// migrating from the pristine cluster.
export async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  await makeTemplate();
  await makeMigratedTemplate(async (dataDir) => {
    const db = await openDatabase({ dataDir, poolSize: 1 });
    await db.close();
  });
}

// Server mode (TEST_DATABASE_URL): each test file migrates a schema of its own. They are all
// dropped here, once every file is done: a file dropping its schema while another migrates
// makes the other's catalog scan fail ("schema … does not exist"), since Kysely's migrator
// lists the tables of every schema.
export async function teardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(String.raw`select nspname from pg_namespace where nspname like 't\_%'`);
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}
