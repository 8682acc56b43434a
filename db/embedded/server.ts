import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { makeExtendedQueriesAtomic } from './atomic-extended-queries';
import { logger } from '../../lib/log';
import { openPglite } from './pglite';

export type EmbeddedEndpoint = {
  host: string;
  port: number;
  /** true while this process owns the data dir and serves it (an attached process may take over) */
  owner: boolean;
  stop: () => Promise<void>;
};

/** The lock's holder: its pid, and (Linux) the boot and the process's start time, so a reused pid is not taken for it. */
type LockInfo = { pid: number; host: string; port: number; boot?: string | null; started?: number | null };

const readText = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};
const BOOT_ID = readText('/proc/sys/kernel/random/boot_id')?.trim() ?? null;

/** A process's start time in clock ticks since boot (Linux), or null where /proc cannot say. */
function startTime(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : null;
}

function readLock(file: string): LockInfo | null {
  const text = readText(file);
  if (text === null) return null;
  try {
    return JSON.parse(text) as LockInfo;
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
 * Whether the lock's process is the one that wrote it: alive, same boot, same start time. 'unsure'
 * when the pid is alive but nothing proves it is the same process (no /proc, or a lock from an
 * older Relais): the caller then asks its socket.
 */
function holderOf(lock: LockInfo): 'alive' | 'dead' | 'unsure' {
  if (!alive(lock.pid)) return 'dead';
  if (lock.boot && BOOT_ID && lock.boot !== BOOT_ID) return 'dead';
  if (lock.started == null) return 'unsure';
  const now = startTime(lock.pid);
  if (now === null) return 'unsure';
  return now === lock.started ? 'alive' : 'dead';
}

/** Whether a Unix socket accepts a connection within `ms`. */
function reachable(socket: string, ms = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect({ path: socket });
    const done = (ok: boolean) => {
      c.destroy();
      resolve(ok);
    };
    c.once('connect', () => done(true));
    c.once('error', () => done(false));
    c.setTimeout(ms, () => done(false));
  });
}

const socketOf = (lock: Pick<LockInfo, 'host' | 'port'>) => path.join(lock.host, `.s.PGSQL.${lock.port}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One PGlite data dir belongs to exactly one process. The owner serves it over the
 * Postgres wire protocol and writes its address into a lock file; any other process
 * (the CLI while the server runs, a worker) connects to that socket instead.
 *
 * PGlite asks no password, so the socket is a Unix one that only this user can open (its
 * directory 0700, the socket 0600): no other local account and no process in another
 * container sharing the loopback reaches the data. `host` is that directory, as libpq and `pg`
 * expect (`<host>/.s.PGSQL.<port>`). The address depends only on the data dir, so a restarted
 * owner is found where the last one was, and attached processes reconnect by themselves.
 *
 * A lock whose process is gone (or whose pid now names another process) is taken over; two
 * PGlite instances on one data dir would corrupt it, so a live owner is never taken over.
 */
export async function startEmbedded(dataDir: string): Promise<EmbeddedEndpoint> {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'relais.lock');
  for (let attempt = 0; attempt < 100; attempt++) {
    const lock = readLock(lockFile);
    if (lock && lock.pid !== process.pid) {
      const holder = holderOf(lock);
      if (holder !== 'dead') {
        if (lock.port > 0 && (await reachable(socketOf(lock)))) return { host: lock.host, port: lock.port, owner: false, stop: async () => {} };
        // alive and starting (or restarting its socket): wait; unproven and silent for 3 s: stale
        if (holder === 'alive' || attempt < 10) {
          await sleep(300);
          continue;
        }
      }
      logger.warn({ lockFile, pid: lock.pid }, 'embedded database lock left by a process that is gone: taking it over');
    }
    if (lock) rmSync(lockFile, { force: true });
    try {
      writeFileSync(lockFile, JSON.stringify(lockInfo('', 0)), { flag: 'wx', mode: 0o600 });
    } catch {
      continue; // somebody else took it between our read and write
    }
    return serve(dataDir, lockFile);
  }
  throw new Error(`embedded database at ${dataDir} is held by a live process that does not answer on its socket (lock file ${lockFile})`);
}

const lockInfo = (host: string, port: number): LockInfo => ({ pid: process.pid, host, port, boot: BOOT_ID, started: startTime(process.pid) });

/**
 * For a process attached to another's data dir: when the owner dies, become the owner (at the
 * same address, so this process's pool reconnects on its next query). Checks every `everyMs`.
 */
export function takeOverWhenOrphaned(dataDir: string, onOwner: (endpoint: EmbeddedEndpoint) => void, everyMs = 1000): () => void {
  const lockFile = path.join(dataDir, 'relais.lock');
  let busy = false;
  const timer = setInterval(() => {
    const lock = readLock(lockFile);
    if (busy || (lock && holderOf(lock) !== 'dead')) return;
    busy = true;
    startEmbedded(dataDir)
      .then((endpoint) => {
        if (endpoint.owner) {
          clearInterval(timer);
          logger.warn({ lockFile }, 'the embedded database owner is gone: this process serves it now');
          onOwner(endpoint);
        }
      })
      .catch((err: Error) => logger.warn({ err: err.message, lockFile }, 'could not take over the embedded database yet'))
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The port number only names the socket file; nothing listens on TCP. */
const SOCKET_PORT = 5432;
/** Linux refuses a Unix socket path longer than 107 bytes. */
const MAX_SOCKET_PATH = 107;

/**
 * A directory only this user can enter, always the same for a data dir: `<dataDir>/run`, or (when
 * that path is too long for a socket) `relais-db-<uid>-<hash of the data dir>` in the temp dir.
 */
function socketDir(dataDir: string): string {
  const inData = path.join(path.resolve(dataDir), 'run');
  const dir =
    Buffer.byteLength(path.join(inData, `.s.PGSQL.${SOCKET_PORT}`)) <= MAX_SOCKET_PATH
      ? inData
      : path.join(os.tmpdir(), `relais-db-${process.getuid?.() ?? 0}-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  // a shared temp dir: refuse one another account made (it could watch or replace the socket)
  if (process.getuid && st.uid !== process.getuid()) throw new Error(`${dir} belongs to another user: remove it, or use a shorter RELAIS_DATA_DIR`);
  chmodSync(dir, 0o700);
  return dir;
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
  writeFileSync(lockFile, JSON.stringify(lockInfo(host, port)), { mode: 0o600 });
  const release = () => {
    const lock = readLock(lockFile);
    if (lock?.pid !== process.pid) return;
    rmSync(lockFile, { force: true });
    rmSync(socket, { force: true });
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
