import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrations } from '../migrations';

const PGLITE_VERSION = '0.5.14';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * initdb inside PGlite takes ~5 s and the migrations ~1 s more; a cluster made once at install
 * time (`npm ci` runs db/embedded/make-template.ts) is copied instead, in ~0.1 s. Two of them:
 * pristine (extensions only), and migrated, named after the migration files' text so a checkout
 * whose migrations changed since the install never starts from a stale schema.
 */
const cacheDir = path.join(root, 'node_modules', '.cache', 'relais');
export const templateDir = path.join(cacheDir, `pglite-${PGLITE_VERSION}`);

export function migratedTemplateDir(): string {
  const hash = createHash('sha256');
  for (const [name, m] of Object.entries(migrations)) {
    // the file's text (the same under tsx and vitest); the compiled function where there is none
    const file = path.join(root, 'db', 'migrations', `${name}.ts`);
    hash.update(`${name}\u0000${existsSync(file) ? readFileSync(file, 'utf8') : m.up.toString()}\u0000`);
  }
  return path.join(cacheDir, `pglite-${PGLITE_VERSION}-migrated-${hash.digest('hex').slice(0, 16)}`);
}

export const extensions = { vector, pg_trgm };

export async function openPglite(dataDir: string): Promise<PGlite> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const template = [migratedTemplateDir(), templateDir].find((dir) => existsSync(path.join(dir, 'PG_VERSION')));
    if (template) {
      mkdirSync(path.dirname(dataDir), { recursive: true });
      cpSync(template, dataDir, { recursive: true });
    }
  }
  return PGlite.create({ dataDir, extensions });
}

/**
 * The migrated template: a data dir opened once through the normal path (which copies the
 * pristine template and migrates it), closed, and kept. Safe to run twice.
 */
export async function makeMigratedTemplate(migrate: (dataDir: string) => Promise<void>): Promise<boolean> {
  const target = migratedTemplateDir();
  if (existsSync(path.join(target, 'PG_VERSION'))) return false;
  const tmp = mkdtempSync(`${target}.tmp-`);
  try {
    await migrate(tmp);
    renameSync(path.join(tmp, 'pgdata'), target);
  } catch (err) {
    if (!existsSync(path.join(target, 'PG_VERSION'))) throw err; // else another install won the race
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return true;
}

/** Builds the pristine template cluster; safe to run twice (the second run is a no-op). */
export async function makeTemplate(): Promise<boolean> {
  if (existsSync(path.join(templateDir, 'PG_VERSION'))) return false;
  const tmp = `${templateDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const db = await PGlite.create({ dataDir: tmp, extensions });
  await db.exec('create extension if not exists vector; create extension if not exists pg_trgm;');
  await db.close();
  try {
    renameSync(tmp, templateDir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another install won the race
  }
  return true;
}
