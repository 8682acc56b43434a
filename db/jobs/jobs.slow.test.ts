import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { logger } from '../../lib/log';
import type { ChildMessage } from '../../test/support/job-worker-child';
import { repoRoot } from '../../test/support/spawn';
import { openDatabase, type Db } from '../connection';
import { defineJob } from './definition';
import { openJobQueue, type JobQueue } from './queue';
import { jobHandler, startJobWorker } from './worker';

// A worker process SIGKILLed while it holds jobs: another worker finishes them once they expire
// (maintenance, here every second, fails the dead attempts and pg-boss retries them).
const serverUrl = process.env.TEST_DATABASE_URL;
const log = logger.child({}, { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const EXPIRE_S = 2;

let db: Db;
let queue: JobQueue;
let dataDir = '';
let schema = 'public';

beforeAll(async () => {
  dataDir = serverUrl ? '' : mkdtempSync(path.join(os.tmpdir(), 'relais-jobs-'));
  schema = serverUrl ? `t_${randomBytes(6).toString('hex')}` : 'public';
  db = await openDatabase({ databaseUrl: serverUrl, dataDir, schema, poolSize: 4 });
  queue = await openJobQueue(db, { logger: log, maintenanceIntervalSeconds: 1 });
});

const children: ChildProcess[] = [];

afterAll(async () => {
  // a failed test may leave its child running
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await queue?.close();
  await db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function startChild(env: Record<string, string>): { child: ChildProcess; messages: ChildMessage[]; ready: Promise<void> } {
  const child = fork('test/support/job-worker-child.ts', [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...(serverUrl ? { JOBS_DATABASE_URL: serverUrl, JOBS_SCHEMA: schema } : { JOBS_DATA_DIR: dataDir }), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const messages: ChildMessage[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m) => {
      messages.push(m as ChildMessage);
      if ('ready' in (m as ChildMessage)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker child exited with ${code}`)));
  });
  return { child, messages, ready };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('finishes, after their expiry, the jobs of a worker process killed while holding them', async () => {
  const options = { expireInSeconds: EXPIRE_S, retryDelaySeconds: 0, retryBackoff: false };
  const job = defineJob('test.killed', z.object({ i: z.number().int() }), options);
  // the same job sent with no retry left: its attempt dies with the worker, so it fails for good
  const lastChance = defineJob(job.name, job.schema, { ...options, retryLimit: 0 });
  const n = 5;
  const doomed = startChild({ JOBS_NAME: job.name, JOBS_MODE: 'hang', JOBS_CONCURRENCY: String(n + 1), JOBS_POLL_MS: '20' });
  await doomed.ready;
  await queue.sendMany(
    job,
    Array.from({ length: n }, (_, i) => ({ i })),
  );
  await queue.send(lastChance, { i: 99 });
  await until(() => doomed.messages.filter((m) => 'started' in m).length === n + 1, 30_000);
  const claimedBy = performance.now();
  const exited = new Promise((r) => doomed.child.once('exit', r));
  doomed.child.kill('SIGKILL');
  await exited;
  expect((await queue.counts())[job.name]).toMatchObject({ active: n + 1 });

  const runs: { i: number; attempt: number; at: number }[] = [];
  const finals: { i: number; message: string }[] = [];
  const rescuer = startJobWorker(
    queue,
    [
      jobHandler({
        job,
        concurrency: n,
        handle: async ({ i }, ctx) => void runs.push({ i, attempt: ctx.attempt, at: performance.now() }),
        onFinalFailure: async ({ i }, error) => void finals.push({ i, message: error.message }),
      }),
    ],
    { logger: log, pollMs: 20 },
  );
  try {
    await until(async () => (await queue.counts())[job.name]?.completed === n && finals.length === 1, 30_000);
  } finally {
    await rescuer.stop();
  }
  expect(runs.map((r) => r.i).sort()).toEqual([0, 1, 2, 3, 4]);
  expect(runs.every((r) => r.attempt === 2)).toBe(true);
  // not before the dead worker's attempts expired (started_on + expireIn, checked by maintenance)
  expect(Math.min(...runs.map((r) => r.at)) - claimedBy).toBeGreaterThanOrEqual(EXPIRE_S * 1000 - 1000);
  // the one without retries: failed by the expiry, its onFinalFailure run by the other worker
  expect(finals).toEqual([{ i: 99, message: 'job failed by timeout in active state' }]);
  expect((await queue.counts())[job.name]).toEqual({ created: 0, retry: 0, active: 0, completed: n, failed: 1 });
  expect((await queue.recentFailures(5)).map((f) => [f.name, f.data, f.error])).toEqual([[job.name, { i: 99 }, 'job failed by timeout in active state']]);
}, 90_000);
