import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PGLITE_VERSION = '0.5.14';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * initdb inside PGlite takes ~5 s; a pristine cluster made once at install time
 * (`npm ci` runs db/embedded/make-template.ts) is copied instead, which takes ~0.1 s.
 */
export const templateDir = path.join(root, 'node_modules', '.cache', 'relais', `pglite-${PGLITE_VERSION}`);

export const extensions = { vector, pg_trgm };

export async function openPglite(dataDir: string): Promise<PGlite> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION')) && existsSync(path.join(templateDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    cpSync(templateDir, dataDir, { recursive: true });
  }
  return PGlite.create({ dataDir, extensions });
}

/** Builds the template cluster; safe to run twice (the second run is a no-op). */
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
