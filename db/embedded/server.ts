import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PGlite } from '@electric-sql/pglite';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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
 * Postgres wire protocol and writes its address into a lock file; any other process
 * (the CLI while the server runs, a worker) connects to that socket instead.
 *
 * PGlite asks no password, so the socket is a Unix one that only this user can open (its
 * directory 0700, the socket 0600): no other local account and no process in another
 * container sharing the loopback reaches the data. `host` is that directory, as libpq and `pg`
 * expect (`<host>/.s.PGSQL.<port>`).
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

/** The port number only names the socket file; nothing listens on TCP. */
const SOCKET_PORT = 5432;
/** Linux refuses a Unix socket path longer than 107 bytes. */
const MAX_SOCKET_PATH = 107;

/** A directory only this user can enter: `<dataDir>/run`, or a private temp dir when that path is too long. */
function socketDir(dataDir: string): string {
  const inData = path.join(path.resolve(dataDir), 'run');
  if (Buffer.byteLength(path.join(inData, `.s.PGSQL.${SOCKET_PORT}`)) <= MAX_SOCKET_PATH) {
    mkdirSync(inData, { recursive: true, mode: 0o700 });
    chmodSync(inData, 0o700);
    return inData;
  }
  return mkdtempSync(path.join(os.tmpdir(), 'relais-db-')); // created 0700
}

async function serve(dataDir: string, lockFile: string): Promise<EmbeddedEndpoint> {
  let db: PGlite;
  try {
    db = await openPglite(path.join(dataDir, 'pgdata'));
  } catch (err) {
    rmSync(lockFile, { force: true });
    throw err;
  }
  const host = socketDir(dataDir);
  const socket = path.join(host, `.s.PGSQL.${SOCKET_PORT}`);
  rmSync(socket, { force: true }); // left by an owner that crashed: the lock is ours now
  const server = new PGLiteSocketServer({ db, path: socket, maxConnections: 256 });
  makeExtendedQueriesAtomic(server);
  await server.start();
  chmodSync(socket, 0o600);
  const port = SOCKET_PORT;
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host, port }), { mode: 0o600 });
  const release = () => {
    const lock = readLock(lockFile);
    if (lock?.pid !== process.pid) return;
    rmSync(lockFile, { force: true });
    rmSync(socket, { force: true });
    if (host !== path.join(path.resolve(dataDir), 'run')) rmSync(host, { recursive: true, force: true });
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
