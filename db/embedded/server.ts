import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PGlite } from '@electric-sql/pglite';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeExtendedQueriesAtomic } from './atomic-extended-queries';
import { openPglite } from './pglite';

export type EmbeddedEndpoint = {
  host: string;
  port: number;
  /** true when this process owns the data dir and serves it */
  owner: boolean;
  stop: () => Promise<void>;
};

type LockInfo = { pid: number; host: string; port: number };

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One PGlite data dir belongs to exactly one process. The owner serves it over the
 * Postgres wire protocol and writes host:port into a lock file; any other process
 * (the CLI while the server runs, a worker) connects to that socket instead.
 */
export async function startEmbedded(dataDir: string): Promise<EmbeddedEndpoint> {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'relais.lock');
  for (let attempt = 0; attempt < 50; attempt++) {
    const lock = readLock(lockFile);
    if (lock && lock.pid !== process.pid && alive(lock.pid)) {
      if (lock.port > 0) return { host: lock.host, port: lock.port, owner: false, stop: async () => {} };
      await new Promise((r) => setTimeout(r, 100)); // owner is still starting
      continue;
    }
    if (lock) rmSync(lockFile, { force: true }); // stale: its process is gone
    try {
      writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: '', port: 0 }), { flag: 'wx', mode: 0o600 });
    } catch {
      continue; // somebody else took it between our read and write
    }
    return serve(dataDir, lockFile);
  }
  throw new Error(`embedded database at ${dataDir} is locked by a process that never became ready`);
}

async function serve(dataDir: string, lockFile: string): Promise<EmbeddedEndpoint> {
  let db: PGlite;
  try {
    db = await openPglite(path.join(dataDir, 'pgdata'));
  } catch (err) {
    rmSync(lockFile, { force: true });
    throw err;
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 256 });
  makeExtendedQueriesAtomic(server);
  await server.start();
  const [host, portText] = server.getServerConn().split(':');
  const port = Number(portText);
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host, port }), { mode: 0o600 });
  const release = () => {
    const lock = readLock(lockFile);
    if (lock?.pid === process.pid) rmSync(lockFile, { force: true });
  };
  process.once('exit', release);
  let stopped = false;
  return {
    host,
    port,
    owner: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      release();
    },
  };
}
