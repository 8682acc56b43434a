import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { logger } from '../../lib/log';
import { openDatabase, type Db } from '../connection';
import { defineJob, type JobOptions } from './definition';
import { openJobQueue, type JobQueue } from './queue';
import { jobsSchema } from './schema';
import { jobHandler, startJobWorker, type JobContext, type JobWorker } from './worker';

// pg-boss on both databases: embedded (PGlite served over the wire, one session for every
// connection) by default, the server with TEST_DATABASE_URL (a schema of this file's own).
const serverUrl = process.env.TEST_DATABASE_URL;
const log = logger.child({}, { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const Payload = z.object({ i: z.number().int() });

let db: Db;
let queue: JobQueue;
let dataDir = '';
const workers: JobWorker[] = [];

beforeAll(async () => {
  dataDir = serverUrl ? '' : mkdtempSync(path.join(os.tmpdir(), 'relais-jobs-'));
  const schema = serverUrl ? `t_${randomBytes(6).toString('hex')}` : 'public';
  db = await openDatabase({ databaseUrl: serverUrl, dataDir, schema, poolSize: 6 });
  queue = await openJobQueue(db, { logger: log, maintenanceIntervalSeconds: 1 });
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await queue?.close();
  await db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

let seq = 0;
/** a job of its own per test: tests never see each other's queues */
const testJob = (options?: Partial<JobOptions>) => defineJob(`test.job-${++seq}`, Payload, options);

/** a worker stopped when its test ends (idle ones would keep polling the one PGlite session) */
function work(onTestFinished: (fn: () => Promise<void>) => void, ...args: Parameters<typeof startJobWorker>): JobWorker {
  const w = startJobWorker(...args);
  workers.push(w);
  onTestFinished(() => w.stop());
  return w;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, everyMs = 50): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** until the job's completed count is n (counts() reads the whole job table: not too often) */
const completed = (name: string, n: number) => until(async () => (await queue.counts())[name]?.completed === n, 30_000, 200);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// concurrent: each test has its own job (queue); the ones that wait (backoff, expiry) overlap
describe.concurrent('job queue', () => {
  it('starts on the schema migration 0006 made', async () => {
    const { rows } = await sql<{ version: number }>`select version from ${sql.id(jobsSchema(db.schema), 'version')}`.execute(db.kysely);
    expect(rows).toEqual([{ version: 24 }]);
  });

  it('runs a sent job once, with its validated data', async ({ onTestFinished }) => {
    const job = testJob();
    const runs: { i: number; ctx: JobContext }[] = [];
    work(onTestFinished, queue, [jobHandler({ job, handle: async (data, ctx) => void runs.push({ i: data.i, ctx }) })], { logger: log, pollMs: 100 });
    const id = await queue.send(job, { i: 7 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => runs.length === 1);
    await completed(job.name, 1);
    await pause(200);
    expect(runs).toHaveLength(1);
    expect(runs[0].i).toBe(7);
    expect(runs[0].ctx).toMatchObject({ id, attempt: 1, lastAttempt: false });
    expect((await queue.counts())[job.name]).toEqual({ created: 0, retry: 0, active: 0, completed: 1, failed: 0 });
    await expect(queue.send(job, { i: 1.5 })).rejects.toThrow();
    await expect(queue.send(job, { i: 'x' } as unknown as { i: number })).rejects.toThrow();
  });

  it('retries a failing job with backoff, then runs onFinalFailure once with the reason', async ({ onTestFinished }) => {
    const job = testJob({ retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true });
    const attempts: { attempt: number; lastAttempt: boolean; at: number }[] = [];
    const finals: { i: number; message: string }[] = [];
    work(
      onTestFinished,
      queue,
      [
        jobHandler({
          job,
          handle: async (_data, ctx) => {
            attempts.push({ attempt: ctx.attempt, lastAttempt: ctx.lastAttempt, at: Date.now() });
            throw new Error(`boom ${ctx.attempt}`);
          },
          onFinalFailure: async (data, error) => void finals.push({ i: data.i, message: error.message }),
        }),
      ],
      { logger: log, pollMs: 100 },
    );
    const id = await queue.send(job, { i: 3 });
    await until(() => finals.length === 1);
    await pause(300);
    expect(attempts.map((a) => [a.attempt, a.lastAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    // pg-boss backoff: delay × 2^n / 2 × (1 + random), so the 1st retry waits 1–2 s, the 2nd 2–4 s
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(900);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(1900);
    expect(finals).toEqual([{ i: 3, message: 'boom 3' }]);
    const failures = await queue.recentFailures(10);
    expect(failures.find((f) => f.id === id)).toMatchObject({ name: job.name, data: { i: 3 }, error: 'boom 3', attempts: 3 });
    const counts = await queue.counts();
    expect(counts[job.name]).toMatchObject({ failed: 1, completed: 0 });
    expect(Object.keys(counts).filter((name) => name.endsWith('__dead'))).toEqual([]); // plumbing, not shown
  }, 30_000);

  it('deduplicates by singletonKey while a job is unfinished, and throttles per window', async ({ onTestFinished }) => {
    const job = testJob();
    const first = await queue.send(job, { i: 1 }, { singletonKey: 'lead-1' });
    expect(first).not.toBeNull();
    expect(await queue.send(job, { i: 2 }, { singletonKey: 'lead-1' })).toBeNull();
    expect(await queue.send(job, { i: 3 }, { singletonKey: 'lead-2' })).not.toBeNull();
    expect(await queue.send(job, { i: 4 })).not.toBeNull(); // no key: never deduplicated
    expect(await queue.send(job, { i: 5 })).not.toBeNull();
    const seen: number[] = [];
    work(onTestFinished, queue, [jobHandler({ job, handle: async ({ i }) => void seen.push(i) })], { logger: log, pollMs: 100 });
    await completed(job.name, 4);
    expect(seen.sort()).toEqual([1, 3, 4, 5]);
    // finished: the key is free again
    expect(await queue.send(job, { i: 6 }, { singletonKey: 'lead-1' })).not.toBeNull();

    // throttle: one per key per hour-long window (aligned on the epoch: an hour keeps the test off its edge)
    const throttled = testJob();
    expect(await queue.send(throttled, { i: 1 }, { singletonKey: 'sweep', singletonSeconds: 3600 })).not.toBeNull();
    expect(await queue.send(throttled, { i: 2 }, { singletonKey: 'sweep', singletonSeconds: 3600 })).toBeNull();
    expect(await queue.send(throttled, { i: 3 }, { singletonKey: 'other', singletonSeconds: 3600 })).not.toBeNull();
    await expect(queue.send(throttled, { i: 4 }, { singletonSeconds: 0.5 })).rejects.toThrow(/singletonSeconds/);
  });

  it('enqueues inside a Kysely transaction: nothing when it rolls back, the jobs when it commits', async ({ onTestFinished }) => {
    const job = testJob();
    const seen: number[] = [];
    // the first send of this job creates its queues inside the transaction: they roll back too
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await queue.send(job, { i: 1 }, { tx: trx });
        await queue.sendMany(job, [{ i: 2 }, { i: 3 }], { tx: trx });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await queue.counts())[job.name]).toBeUndefined();
    await db.kysely.transaction().execute(async (trx) => {
      await queue.send(job, { i: 4 }, { tx: trx });
      await queue.sendMany(job, [{ i: 5 }, { i: 6 }], { tx: trx });
    });
    expect(await queue.send(job, { i: 7 })).not.toBeNull();
    work(onTestFinished, queue, [jobHandler({ job, handle: async ({ i }) => void seen.push(i) })], { logger: log, pollMs: 100 });
    await until(() => seen.length === 4);
    await pause(200);
    expect(seen.sort()).toEqual([4, 5, 6, 7]);
  });

  it('does not start a job before startAfter', async ({ onTestFinished }) => {
    const job = testJob();
    const ran: number[] = [];
    work(onTestFinished, queue, [jobHandler({ job, handle: async () => void ran.push(Date.now()) })], { logger: log, pollMs: 100 });
    const t0 = Date.now();
    await queue.send(job, { i: 1 }, { startAfter: new Date(t0 + 1000) });
    await until(() => ran.length === 1);
    expect(ran[0] - t0).toBeGreaterThanOrEqual(950);
  });

  it('runs 200 jobs through 2 workers exactly once each, never one twice at once', async ({ onTestFinished }) => {
    const job = testJob();
    const other = await openJobQueue(db, { logger: log, supervise: false });
    const mine: JobWorker[] = [];
    try {
      const runs = new Map<number, number>();
      const by = [0, 0];
      const inFlight = new Set<number>();
      let overlaps = 0;
      const handler = (w: number) =>
        jobHandler({
          job,
          concurrency: 8,
          handle: async ({ i }) => {
            if (inFlight.has(i)) overlaps++;
            inFlight.add(i);
            runs.set(i, (runs.get(i) ?? 0) + 1);
            by[w]++;
            await pause(2);
            inFlight.delete(i);
          },
        });
      mine.push(work(onTestFinished, queue, [handler(0)], { logger: log, pollMs: 100 }), work(onTestFinished, other, [handler(1)], { logger: log, pollMs: 100 }));
      await queue.sendMany(
        job,
        Array.from({ length: 200 }, (_, i) => ({ i })),
      );
      await completed(job.name, 200);
      await pause(200);
      expect(runs.size).toBe(200);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect(overlaps).toBe(0);
      expect(by[0]).toBeGreaterThan(0);
      expect(by[1]).toBeGreaterThan(0);
    } finally {
      await Promise.all(mine.map((w) => w.stop()));
      await other.close();
    }
  });

  it('aborts a handler at its expiry and leaves the attempt to maintenance, which retries it', async ({ onTestFinished }) => {
    const job = testJob({ expireInSeconds: 1, retryDelaySeconds: 0, retryBackoff: false });
    const attempts: { attempt: number; aborted: boolean }[] = [];
    work(
      onTestFinished,
      queue,
      [
        jobHandler({
          job,
          handle: async (_data, ctx) => {
            const a = { attempt: ctx.attempt, aborted: false };
            attempts.push(a);
            if (ctx.attempt > 1) return;
            // the first attempt runs past its expiry, but stops when told
            await new Promise<void>((resolve) =>
              ctx.signal.addEventListener('abort', () => {
                a.aborted = true;
                resolve();
              }),
            );
          },
        }),
      ],
      { logger: log, pollMs: 100 },
    );
    await queue.send(job, { i: 1 });
    await completed(job.name, 1);
    // the first attempt ended when aborted, was neither completed nor failed by the worker:
    // maintenance expired it, and the retry completed it
    expect(attempts).toEqual([
      { attempt: 1, aborted: true },
      { attempt: 2, aborted: false },
    ]);
  });

  it('stop() waits for running handlers, aborts them after the grace period, and hands their jobs back', async ({ onTestFinished }) => {
    const job = testJob({ retryLimit: 0 });
    const attempts: number[] = [];
    let aborted = 0;
    const w = startJobWorker(
      queue,
      [
        jobHandler({
          job,
          concurrency: 2,
          handle: async (_data, ctx) => {
            attempts.push(ctx.attempt);
            await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
            aborted++;
            throw ctx.signal.reason;
          },
        }),
      ],
      { logger: log, pollMs: 100, graceMs: 200 },
    );
    await queue.sendMany(job, [{ i: 1 }, { i: 2 }]);
    await until(() => attempts.length === 2);
    await w.stop();
    expect(aborted).toBe(2);
    // back to the queue as they were: a restart does not use up their only attempt
    expect((await queue.counts())[job.name]).toMatchObject({ created: 2, active: 0, failed: 0 });
    const seen: number[] = [];
    work(onTestFinished, queue, [jobHandler({ job, handle: async (_data, ctx) => void seen.push(ctx.attempt) })], { logger: log, pollMs: 100 });
    await completed(job.name, 2);
    expect(seen).toEqual([1, 1]);
  });
});
