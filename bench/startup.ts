import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import type { Bench } from './run';
import { measure, round, scratchDatabase, type BenchDatabase } from './support';
import { createWorkspaceWithTokens } from '../test/support/context';
import { httpApp, openRelais } from '../server/root';
import { loadConfig } from '../lib/config';
import { logger } from '../lib/log';

/** `npm start` until /health answers 200, on the data dir given (empty = cold). */
async function timeStart(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], { env: { ...process.env, RELAIS_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }, detached: true });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  try {
    for (;;) {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        const res = await fetch(`http://127.0.0.1:${m[1]}/health`).catch(() => null);
        if (res?.status === 200) return performance.now() - t0;
      }
      if (performance.now() - t0 > 60_000) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** GET /api/people?kind=lead, first page, with 100k people in the workspace, over HTTP. */
async function peopleListP95(kind: BenchDatabase, log: (l: string) => void) {
  const { db, drop } = await scratchDatabase(kind);
  try {
    const ws = await createWorkspaceWithTokens(db, 'Bench');
    log(`${kind}: inserting 100k people…`);
    await sql`
      insert into people (id, workspace_id, kind, first_name, last_name, email, source)
      select (lpad(to_hex(1700000000000 + g), 12, '0') || '7000' || '8000' || lpad(to_hex(g), 12, '0'))::uuid,
             ${ws.id}::uuid, case when g % 2 = 0 then 'lead' else 'contact' end,
             'Prénom' || g, 'Nom' || g, 'p' || g || '@exemple.example', 'bench'
      from generate_series(1, 100000) g`.execute(db.kysely);
    await sql`analyze people`.execute(db.kysely);
    const relais = await openRelais({ db, config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), logger: logger.child({}, { level: 'silent' }) });
    const app = await httpApp(relais);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const headers = { authorization: `Bearer ${ws.adminToken}` };
    const r = await measure(300, async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/people?kind=lead`, { headers });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      await res.arrayBuffer();
    });
    server.close();
    await relais.close();
    return r;
  } finally {
    await drop();
  }
}

const bench: Bench = async ({ log }) => {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-start-'));
    cold.push(await timeStart(dir));
    warm.push(await timeStart(dir));
    rmSync(dir, { recursive: true, force: true });
    log(`run ${i + 1}: cold ${Math.round(cold[i])} ms, warm ${Math.round(warm[i])} ms`);
  }
  const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)], 0);
  const embedded = await peopleListP95('embedded', log);
  log(`people list embedded p95 ${embedded.p95} ms`);
  let server: Awaited<ReturnType<typeof peopleListP95>> | { error: string };
  try {
    server = await peopleListP95('server', log);
    log(`people list server p95 ${server.p95} ms`);
  } catch (err) {
    server = { error: String(err) };
  }
  return {
    coldStartMs: median(cold),
    warmStartMs: median(warm),
    coldStartRuns: cold.map((x) => round(x, 0)),
    warmStartRuns: warm.map((x) => round(x, 0)),
    peopleLeadsFirstPage: { embedded, server },
  };
};
export default bench;
