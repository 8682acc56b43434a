import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// A PostgreSQL cluster of a test's own, on a free loopback port, from Debian's binaries: the test
// may stop and restart it (never the machine's shared one). PostgreSQL refuses to run as root, so
// it runs as the `postgres` user; where that is impossible, `available` is false and the test skips.

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

export const clusterAvailable = existsSync(`${BIN}/initdb`) && process.getuid?.() === 0 && existsSync('/usr/sbin/runuser');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type Cluster = { url: string; port: number; start(): Promise<void>; stop(): Promise<void>; destroy(): Promise<void> };

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-pg-'));
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  chownSync(dir, uid, gid);
  const data = path.join(dir, 'data');
  const as = (cmd: string, args: string[]) => run('/usr/sbin/runuser', ['-u', 'postgres', '--', `${BIN}/${cmd}`, ...args]);
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  const start = async () => {
    await as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -h 127.0.0.1 -c fsync=off`, 'start']);
  };
  const stop = async () => {
    await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
