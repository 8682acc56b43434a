import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../connection';
import { makeTemplate, templateDir } from '../embedded/pglite';
import { migrations } from './index';

// Migrations are append-only (issue 9): a database that followed every release, one migration at
// a time, must end with the very schema of a fresh install, which runs them all at once (`migrate`).
// Embedded (default): one PGlite data dir per database, and the fresh install is the migrated
// template every test and `npm start` copy (made by `migrate`: npm ci, or test/support/global-setup).
// TEST_DATABASE_URL: one `t_…` schema per database (global-setup drops them), plus the schemas a
// migration derives from it (`<schema>_jobs`), migrated here.

const serverUrl = process.env.TEST_DATABASE_URL;
const here = path.dirname(fileURLToPath(import.meta.url));
const opened: { db: Db; dataDir: string }[] = [];

afterAll(async () => {
  for (const { db, dataDir } of opened) {
    await db.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
});

/** An empty database (extensions only), or embedded, a copy of the migrated template. */
async function open(from: 'empty' | 'template'): Promise<Db> {
  if (serverUrl) {
    const db = await openDatabase({ databaseUrl: serverUrl, dataDir: '', schema: `t_${randomBytes(6).toString('hex')}`, poolSize: 2, migrate: false });
    opened.push({ db, dataDir: '' });
    return db;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-migrations-'));
  if (from === 'empty') {
    // the pristine cluster; without it, openPglite would copy the migrated template
    await makeTemplate();
    cpSync(templateDir, path.join(dataDir, 'pgdata'), { recursive: true });
  }
  const db = await openDatabase({ dataDir, poolSize: 2, migrate: from === 'template' });
  opened.push({ db, dataDir });
  return db;
}

function migrator(db: Db): Migrator {
  // the same settings as connection.ts migrate()
  return new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations }, migrationTableSchema: db.schema });
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/**
 * Everything a migration can create, as comparable text: schemas, relations, columns (type,
 * default, nullability), indexes, constraints, functions, triggers, sequences, views, enums and
 * domains, row-level security policies, extensions. Objects that belong to an extension are left
 * out (they come with it). The kysely_migration tables count by shape only, not by contents.
 * A server-mode schema name is replaced by `<schema>` so two schemas compare equal.
 */
async function schemaSnapshot(db: Db): Promise<Record<string, string[]>> {
  const k = db.kysely;
  const { rows: nsRows } = await sql<{ nspname: string }>`
    select nspname from pg_namespace
    where ${db.schema === 'public' ? sql`nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg\_toast%' and nspname not like 'pg\_temp\_%'` : sql`(nspname = ${db.schema} or nspname like ${`${db.schema.replaceAll('_', '\\_')}\\_%`})`}
  `.execute(k);
  const schemas = nsRows.map((r) => r.nspname);
  const notExtensionMember = (oid: string, catalog: string) =>
    sql.raw(`not exists (select 1 from pg_depend d where d.classid = '${catalog}'::regclass and d.objid = ${oid} and d.deptype = 'e')`);
  const queries: Record<string, ReturnType<typeof sql<{ line: string }>>> = {
    schemas: sql`select nspname as line from pg_namespace where nspname = any(${schemas}::text[])`,
    relations: sql`
      select concat_ws(' ', n.nspname || '.' || c.relname, c.relkind::text, c.relpersistence::text, 'rls=' || c.relrowsecurity, 'partitioned=' || c.relispartition) as line
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any(${schemas}::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c') and ${notExtensionMember('c.oid', 'pg_class')}`,
    columns: sql`
      select concat_ws(' ', n.nspname || '.' || c.relname || '.' || a.attname, '#' || a.attnum, format_type(a.atttypid, a.atttypmod),
        case when a.attnotnull then 'not null' else 'null' end, 'default=' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '-'),
        'identity=' || a.attidentity::text, 'generated=' || a.attgenerated::text, 'collation=' || a.attcollation) as line
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
      where n.nspname = any(${schemas}::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c') and a.attnum > 0 and not a.attisdropped
        and ${notExtensionMember('c.oid', 'pg_class')}`,
    indexes: sql`select schemaname || ' ' || indexdef as line from pg_indexes where schemaname = any(${schemas}::text[])`,
    constraints: sql`
      select concat_ws(' ', n.nspname, coalesce(c.relname, t.typname), con.conname, con.contype::text, pg_get_constraintdef(con.oid),
        'deferrable=' || con.condeferrable, 'deferred=' || con.condeferred) as line
      from pg_constraint con join pg_namespace n on n.oid = con.connamespace
      left join pg_class c on c.oid = con.conrelid left join pg_type t on t.oid = con.contypid
      where n.nspname = any(${schemas}::text[]) and ${notExtensionMember('con.oid', 'pg_constraint')}`,
    functions: sql`
      select n.nspname || ' ' || case when p.prokind = 'a' then p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') aggregate'
        else pg_get_functiondef(p.oid) end as line
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = any(${schemas}::text[]) and ${notExtensionMember('p.oid', 'pg_proc')}`,
    triggers: sql`
      select n.nspname || ' ' || pg_get_triggerdef(tg.oid) || ' enabled=' || tg.tgenabled::text as line
      from pg_trigger tg join pg_class c on c.oid = tg.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any(${schemas}::text[]) and not tg.tgisinternal`,
    sequences: sql`
      select concat_ws(' ', schemaname || '.' || sequencename, data_type, start_value, min_value, max_value, increment_by, cycle, cache_size) as line
      from pg_sequences where schemaname = any(${schemas}::text[])`,
    views: sql`
      select n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid) as line
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any(${schemas}::text[]) and c.relkind in ('v', 'm') and ${notExtensionMember('c.oid', 'pg_class')}`,
    types: sql`
      select concat_ws(' ', n.nspname || '.' || t.typname, t.typtype::text,
        (select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid),
        case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end) as line
      from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where n.nspname = any(${schemas}::text[]) and t.typtype in ('e', 'd') and ${notExtensionMember('t.oid', 'pg_type')}`,
    policies: sql`
      select concat_ws(' ', schemaname || '.' || tablename, policyname, permissive, roles::text, cmd, qual, with_check) as line
      from pg_policies where schemaname = any(${schemas}::text[])`,
    extensions: sql`select e.extname || ' ' || e.extversion || ' ' || n.nspname as line from pg_extension e join pg_namespace n on n.oid = e.extnamespace`,
  };
  const snapshot: Record<string, string[]> = {};
  for (const [kind, query] of Object.entries(queries)) {
    const { rows } = await query.execute(k);
    const lines = rows.map((r) => (db.schema === 'public' ? r.line : r.line.replaceAll(db.schema, '<schema>')));
    snapshot[kind] = lines.sort();
  }
  return snapshot;
}

describe('migrations', () => {
  it('one at a time, they build the same schema as a fresh install', async () => {
    const names = Object.keys(migrations);
    const stepwise = await open('empty');
    const m = migrator(stepwise);
    for (const name of names) {
      const { error, results } = await m.migrateUp();
      if (error) throw error;
      expect(results?.map((r) => `${r.migrationName} ${r.status}`)).toEqual([`${name} Success`]);
    }
    expect((await m.migrateUp()).results).toEqual([]); // nothing left: at head

    const fresh = await open(serverUrl ? 'empty' : 'template');
    if (serverUrl) await migrate(fresh.kysely, fresh.schema);

    expect(await appliedMigrations(stepwise)).toEqual(names);
    expect(await appliedMigrations(fresh)).toEqual(names);
    const expected = await schemaSnapshot(fresh);
    expect(expected.columns.length).toBeGreaterThan(100); // the snapshot does see the schema
    expect(await schemaSnapshot(stepwise)).toEqual(expected);
  });

  it('released migrations are never edited again', () => {
    // sha256 of each released file; a schema change is a new migration appended to index.ts
    const released: Record<string, string> = {
      '0001_core': '2ac3662b6501411b305bfbeb4a4211fe851b977ccb5d3a086c8fedb03d80e3b9',
      '0002_approval': '1b92f45af73cebc1f490991f7a5b983b1e9ebcf50a920e82ffc4488513f1195a',
      '0003_leads': 'cfa5f6d391f58305e37514d6b9395c146163b5522cd6e5a177c1fedbef474369',
      '0004_teammates': '1a4243676288ccad986862f812d3e0f8ff46cac0ee667f2c96684e84b970d41b',
      '0005_portal': 'aaeaa8afd140763ef564484b114108cb2f3817b71cd5202d1316150ac74fffbf',
    };
    for (const [name, hash] of Object.entries(released)) {
      const file = path.join(here, `${name}.ts`);
      expect(existsSync(file), file).toBe(true);
      expect(`${name} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`).toBe(`${name} ${hash}`);
    }
  });
});
