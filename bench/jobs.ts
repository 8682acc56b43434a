import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { z } from 'zod';
import { defineJob } from '../db/jobs/definition';
import { openJobQueue } from '../db/jobs/queue';
import { logger } from '../lib/log';
import type { ChildMessage } from '../test/support/job-worker-child';
import { repoRoot } from '../test/support/spawn';
import { arg, perDatabase } from './options';
import type { Bench } from './run';
import { round, scratchDatabase, type BenchDatabase } from './support';

// `npm run bench -- jobs [--database embedded|server|both] [--n 10000] [--workers 4]
//   [--concurrency 100] [--batch 100] [--poll-ms 50] --json`
// N no-op jobs through W worker processes (test/support/job-worker-child.ts, each records the jobs
// it ran). Timed from the first enqueue (1,000 per insert) until every job is completed in the
// database; lost = never ran, twice = ran more than once.
const TARGET_PER_SECOND = 1000;

type Options = { n: number; workers: number; concurrency: number; batch: number; pollMs: number };
type Result = {
  perSecond: number;
  lost: number;
  twice: number;
  n: number;
  workers: number;
  seconds: number;
  enqueueSeconds: number;
  /** CPU of this process over the run: on the embedded database it serves PGlite, the bottleneck */
  benchCpuSeconds: number;
  loadAvg1m: number;
};

type Worker = { child: ChildProcess; executed: () => Promise<number[]>; count: () => Promise<number>; stop: () => Promise<void> };

function ask<T>(child: ChildProcess, question: string, pick: (m: ChildMessage) => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: ChildMessage) => {
      const answer = pick(m);
      if (answer === undefined) return;
      child.off('message', on);
      resolve(answer);
    };
    child.on('message', on);
    child.send(question);
  });
}

function startWorker(env: Record<string, string>): Promise<Worker> {
  const child = fork('test/support/job-worker-child.ts', [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, JOBS_LOG_LEVEL: process.env.BENCH_WORKER_LOG ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const onReady = (m: ChildMessage) => {
      if (!('ready' in m)) return;
      child.off('message', onReady);
      resolve({
        child,
        executed: () => ask(child, 'stats', (r) => ('executed' in r ? r.executed : undefined)),
        count: () => ask(child, 'count', (r) => ('count' in r ? r.count : undefined)),
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.send('stop');
          }),
      });
    };
    child.on('message', onReady);
    child.once('exit', (code) => reject(new Error(`job worker exited with ${code}`)));
  });
}

async function run(kind: BenchDatabase, o: Options, log: (l: string) => void): Promise<Result> {
  const { db, drop, databaseUrl, dataDir } = await scratchDatabase(kind);
  const workers: Worker[] = [];
  const queue = await openJobQueue(db, { logger: logger.child({}, { level: 'warn' }) });
  try {
    const job = defineJob('bench.noop', z.object({ i: z.number().int() }));
    const env: Record<string, string> = {
      ...(databaseUrl ? { JOBS_DATABASE_URL: databaseUrl } : { JOBS_DATA_DIR: dataDir! }),
      JOBS_NAME: job.name,
      JOBS_MODE: 'noop',
      JOBS_CONCURRENCY: String(o.concurrency),
      JOBS_BATCH: String(o.batch),
      JOBS_POLL_MS: String(o.pollMs),
      JOBS_MAINTENANCE_S: '30',
    };
    log(`[${kind}] starting ${o.workers} job workers…`);
    workers.push(...(await Promise.all(Array.from({ length: o.workers }, () => startWorker(env)))));

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let from = 0; from < o.n; from += 1000) {
      await queue.sendMany(
        job,
        Array.from({ length: Math.min(1000, o.n - from) }, (_, k) => ({ i: from + k })),
      );
    }
    const enqueueSeconds = (performance.now() - t0) / 1000;
    // the workers' own tallies while they run (a count over the job table would load the database
    // the workers are measured on), then the database's once they add up
    let completed = 0;
    for (;;) {
      const ran = (await Promise.all(workers.map((w) => w.count()))).reduce((a, b) => a + b, 0);
      if (ran >= o.n) completed = (await queue.counts())[job.name]?.completed ?? 0;
      if (completed >= o.n) break;
      if (performance.now() - t0 > 300_000) {
        log(`[${kind}] gave up after 300 s: ${JSON.stringify((await queue.counts())[job.name])}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);

    const runs = new Map<number, number>();
    const perWorker: number[] = [];
    for (const w of workers) {
      const executed = await w.executed();
      perWorker.push(executed.length);
      for (const i of executed) runs.set(i, (runs.get(i) ?? 0) + 1);
    }
    // never ran, or ran but never marked completed
    const lost = Math.max(o.n - runs.size, o.n - completed);
    const twice = [...runs.values()].filter((c) => c > 1).length;
    const r: Result = {
      perSecond: round(o.n / seconds, 1),
      lost,
      twice,
      n: o.n,
      workers: o.workers,
      seconds: round(seconds, 2),
      enqueueSeconds: round(enqueueSeconds, 2),
      benchCpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
      loadAvg1m: round(os.loadavg()[0], 1),
    };
    log(
      `[${kind}] ${o.n} jobs in ${r.seconds} s (${r.perSecond}/s; enqueue ${r.enqueueSeconds} s; bench CPU ${r.benchCpuSeconds} s; load ${r.loadAvg1m}), per worker ${perWorker.join('/')}, lost ${lost}, twice ${twice}`,
    );
    return r;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.close();
    await drop();
  }
}

const bench: Bench = async ({ args, log }) => {
  const o: Options = {
    n: Number(arg(args, 'n') ?? 10_000),
    workers: Number(arg(args, 'workers') ?? 4),
    concurrency: Number(arg(args, 'concurrency') ?? 100),
    batch: Number(arg(args, 'batch') ?? 100),
    pollMs: Number(arg(args, 'poll-ms') ?? 50),
  };
  const { result, pass } = await perDatabase(
    args,
    log,
    (kind) => run(kind, o, log),
    (r) => r.perSecond >= TARGET_PER_SECOND && r.lost === 0 && r.twice === 0,
  );
  return { ...result, targetPerSecond: TARGET_PER_SECOND, ...o, pass };
};
export default bench;
