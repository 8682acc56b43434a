import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import { repoRoot } from '../../test/support/spawn';
import { startEmbedded, type EmbeddedEndpoint } from './server';

// The embedded database is one PGlite session behind a socket: many pg connections at once
// must each get their own query's answer, whole (see atomic-extended-queries.ts).
const serverMode = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(serverMode)('embedded socket server', () => {
  let dir: string;
  let endpoint: EmbeddedEndpoint;
  let pool: pg.Pool;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-embedded-'));
    endpoint = await startEmbedded(dir);
    pool = new pg.Pool({ host: endpoint.host, port: endpoint.port, user: 'postgres', database: 'postgres', max: 10 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await endpoint?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps concurrent parameterised queries and transactions of 10 connections apart', async () => {
    // without atomic extended queries this interleaves Parse/Bind across connections and hangs
    await pool.query('create table race (n int, s text)');
    const work = Array.from({ length: 600 }, async (_, i): Promise<[number, string]> => {
      if (i % 3 === 0) {
        const c = await pool.connect();
        try {
          await c.query('begin');
          await c.query('insert into race values ($1, $2)', [i, `v${i}`]);
          const r = await c.query<{ a: number }>('select $1::int + 0 as a', [i]);
          await c.query('commit');
          return [r.rows[0].a, `v${i}`];
        } finally {
          c.release();
        }
      }
      if (i % 3 === 1) {
        const r = await pool.query<{ a: number; b: string }>('select $1::int as a, $2::text as b', [i, `v${i}`]);
        return [r.rows[0].a, r.rows[0].b];
      }
      const r = await pool.query<{ a: number }>('select count(*)::int as c, $1::int as a from race', [i]);
      return [r.rows[0].a, `v${i}`];
    });
    expect(await Promise.all(work)).toEqual(Array.from({ length: 600 }, (_, i) => [i, `v${i}`]));
    expect((await pool.query<{ c: number }>('select count(*)::int as c from race')).rows[0].c).toBe(200);
  }, 30_000);

  it('keeps serving after a failed statement and keeps a transaction on its connection', async () => {
    await expect(pool.query('select $1::int', ['not a number'])).rejects.toThrow(/invalid input syntax/);
    await pool.query('create table t (n int)');
    const tx = await pool.connect();
    try {
      await tx.query('begin');
      await tx.query('insert into t values ($1)', [1]);
      const outside = pool.query<{ c: number }>('select count(*)::int as c from t');
      await tx.query('insert into t values ($1)', [2]);
      await tx.query('commit');
      expect((await outside).rows[0].c).toBe(2); // waited for the transaction to end
    } finally {
      tx.release();
    }
    expect((await pool.query('select 1 as one')).rows[0].one).toBe(1);
  });
});

describe.skipIf(serverMode)('embedded socket access', () => {
  it('is a Unix socket only its user can open (dir 0700, socket 0600), not a TCP port', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-embedded-'));
    const endpoint = await startEmbedded(dir);
    try {
      expect(endpoint.host).toBe(path.join(dir, 'run'));
      expect(statSync(endpoint.host).mode & 0o777).toBe(0o700);
      const socket = path.join(endpoint.host, `.s.PGSQL.${endpoint.port}`);
      expect(statSync(socket).isSocket()).toBe(true);
      expect(statSync(socket).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(path.join(dir, 'relais.lock'), 'utf8'))).toMatchObject({ host: endpoint.host, port: endpoint.port });
      // before, the lock held 127.0.0.1:<port>, where anyone local was let in with no password
      expect(path.isAbsolute(endpoint.host)).toBe(true);
      const client = new pg.Client({ host: endpoint.host, port: endpoint.port, user: 'postgres', database: 'postgres' });
      await client.connect();
      expect((await client.query('select 1 as one')).rows[0].one).toBe(1);
      await client.end();
    } finally {
      await endpoint.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('falls back to a private temp dir when the data dir path is too long for a socket', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-embedded-'));
    const deep = path.join(dir, 'a-very-long-directory-name-for-a-data-dir'.repeat(3));
    mkdirSync(deep, { recursive: true });
    const endpoint = await startEmbedded(deep);
    try {
      expect(endpoint.host.startsWith(path.join(os.tmpdir(), 'relais-db-'))).toBe(true);
      expect(statSync(endpoint.host).mode & 0o777).toBe(0o700);
      const client = new pg.Client({ host: endpoint.host, port: endpoint.port, user: 'postgres', database: 'postgres' });
      await client.connect();
      await client.end();
    } finally {
      await endpoint.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    // the address stays the data dir's own (a restarted owner is found there); the socket goes
    expect(endpoint.host).toMatch(/relais-db-\d+-[0-9a-f]{16}$/);
    expect(() => statSync(path.join(endpoint.host, `.s.PGSQL.${endpoint.port}`))).toThrow();
  }, 60_000);
});

describe.skipIf(serverMode)('embedded database ownership', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-owner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeLock = (lock: Record<string, unknown>) => writeFileSync(path.join(dir, 'relais.lock'), JSON.stringify(lock));

  it('takes over a lock whose pid now names another process (reused pid), naming the lock file', async () => {
    mkdirSync(dir, { recursive: true });
    // before: a live unrelated pid in the lock stopped the server with a raw ECONNREFUSED
    writeLock({ pid: process.ppid, host: path.join(dir, 'run'), port: 5432, boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), started: 1 });
    const endpoint = await startEmbedded(dir);
    try {
      expect(endpoint.owner).toBe(true);
      expect(JSON.parse(readFileSync(path.join(dir, 'relais.lock'), 'utf8')).pid).toBe(process.pid);
    } finally {
      await endpoint.stop();
    }
  }, 60_000);

  it('takes over an older lock of a live pid once its socket stays silent', async () => {
    writeLock({ pid: process.ppid, host: path.join(dir, 'run'), port: 5432 });
    const endpoint = await startEmbedded(dir);
    try {
      expect(endpoint.owner).toBe(true);
    } finally {
      await endpoint.stop();
    }
  }, 60_000);

  it('an attached process serves the database itself once its owner is killed, at the same address', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/embedded-owner-child.ts', dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`owner exited ${code}`)));
    });
    const db = await openDatabase({ dataDir: dir, migrate: false, poolSize: 2 });
    try {
      expect(db.embedded).toBe(true);
      await db.pool.query('create table kept (n int); insert into kept values (42)');
      child.kill('SIGKILL');
      // before: the attached process crashed with ECONNRESET and nobody served the data dir again
      const killedAt = Date.now();
      let rows: { n: number }[] = [];
      while (rows.length === 0 && Date.now() - killedAt < 60_000) {
        rows = await db.pool.query<{ n: number }>('select n from kept').then(
          (r) => r.rows,
          () => [],
        );
        if (!rows.length) await new Promise((r) => setTimeout(r, 100));
      }
      console.info(`embedded takeover: answering again ${Date.now() - killedAt} ms after the owner was killed`);
      expect(rows).toEqual([{ n: 42 }]);
      expect(JSON.parse(readFileSync(path.join(dir, 'relais.lock'), 'utf8')).pid).toBe(process.pid);
    } finally {
      child.kill('SIGKILL');
      await db.close();
    }
  }, 120_000);
});
