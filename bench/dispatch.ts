import { fork, spawn, type ChildProcess } from 'node:child_process';
import { bulkDecide } from '../actions/decide';
import { createConnector } from '../channels/connectors';
import { secretKeys } from '../lib/secrets';
import { createPerson } from '../crm/people';
import { loadConfig } from '../lib/config';
import { insertPendingEmails } from '../test/support/action-fixtures';
import { createWorkspaceWithTokens } from '../test/support/context';
import { repoRoot } from '../test/support/spawn';
import { arg } from './options';
import type { Bench } from './run';
import { round, scratchDatabase, type BenchDatabase } from './support';
import { openJobQueue } from '../db/jobs/queue';
import { logger } from '../lib/log';
import type { StallOptions } from '../test/support/smtp-sink';

// `npm run bench -- dispatch [--database server|embedded] [--n 5000] [--workers 4]
//   [--stall-percent 1 --stall-ms 75000 [--stall-at rcpt|data]] [--kill-worker-after 0.3 [--lease-ms 10000]] --json`
// N approved emails, W `cli worker` processes, a local SMTP sink (smtp-server). Timed from the
// moment the bulk approval commits until no action is left to send. With a stall, that share of
// SMTP transactions hangs at the sink (before DATA by default); `bulkPerSecond` is then the rate
// until all but that share were sent (what a stall must not hold up), `perSecond` the whole run's.
// With --kill-worker-after F, one worker is SIGKILLed once F·N emails were sent: `killed` says how
// many actions were `sending` (claimed) at that moment, `unknown` how many were left to a human.
// BENCH_PROGRESS=1 logs the status counts every second.
const SECRET = 'b'.repeat(64);

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'worker', '--jobs', 'dispatch,dispatch.sweep', '--batch', '100', '--lanes', '3', '--poll-ms', '20'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, RELAIS_SECRET_KEY: SECRET, RELAIS_SEND_WINDOW: 'off', LOG_LEVEL: process.env.BENCH_WORKER_LOG ?? 'warn' },
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => {
      err = (err + d).slice(-100_000);
      if (process.env.BENCH_WORKER_LOG) process.stderr.write(d);
    });
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('worker ready')) resolve(child);
    });
    child.on('close', (code) => reject(new Error(`worker exited with ${code}: ${err.slice(-2000)}`)));
  });
}

type SinkStats = { distinct: number; received: number; duplicates: number; stalled: number };

async function startSinkProcess(stall: StallOptions | undefined) {
  const child = fork('bench/smtp-sink-child.ts', stall ? [JSON.stringify(stall)] : [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`smtp sink exited with ${code}`)));
  });
  return {
    port,
    stats: () =>
      new Promise<SinkStats>((resolve) => {
        child.once('message', (m) => resolve(m as SinkStats));
        child.send('stats');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

const bench: Bench = async ({ args, log }) => {
  const database = (arg(args, 'database') ?? 'server') as BenchDatabase;
  if (database !== 'server' && database !== 'embedded') throw new Error('--database must be server or embedded');
  const n = Number(arg(args, 'n') ?? 5000);
  const workers = Number(arg(args, 'workers') ?? 4);
  const stallPercent = Number(arg(args, 'stall-percent') ?? 0);
  const stallAt = arg(args, 'stall-at') ?? 'rcpt';
  if (stallAt !== 'rcpt' && stallAt !== 'data') throw new Error('--stall-at must be rcpt or data');
  const stall: StallOptions | undefined = stallPercent > 0 ? { percent: stallPercent, ms: Number(arg(args, 'stall-ms') ?? 75_000), at: stallAt } : undefined;
  const killAfter = arg(args, 'kill-worker-after') === undefined ? null : Number(arg(args, 'kill-worker-after'));
  const leaseMs = arg(args, 'lease-ms');
  const { db, drop, databaseUrl, dataDir } = await scratchDatabase(database);
  const sink = await startSinkProcess(stall);
  const children: ChildProcess[] = [];
  // the approvals hand their lessons to the job queue (nobody works them here: the workers only dispatch)
  const jobs = await openJobQueue(db, { logger: logger.child({}, { level: 'silent' }) });
  try {
    const config = loadConfig({ ...process.env, RELAIS_SECRET_KEY: SECRET, LOG_LEVEL: 'silent' });
    const ws = await createWorkspaceWithTokens(db, 'Bench dispatch');
    const ctx = {
      db: db.kysely,
      jobs,
      workspaceId: ws.id,
      actor: { type: 'user' as const, id: ws.adminId },
      role: 'admin' as const,
    };
    await createConnector(ctx, secretKeys(config), {
      type: 'smtp',
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      noTls: true,
      fromEmail: 'envoi@bench.example',
      fromName: 'Bench',
      dailyCap: 100_000,
      maxConnections: 16,
    });
    const email = 'volume@exemple.example';
    const person = await createPerson(ctx, { kind: 'lead', firstName: 'Volume', email });
    log(`${database}: inserting ${n} pending actions…`);
    const ids = await insertPendingEmails(db.kysely, { workspaceId: ws.id, personId: person.id, email, n });
    const env: Record<string, string> = {
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { RELAIS_DATA_DIR: dataDir! }),
      ...(leaseMs ? { RELAIS_DISPATCH_LEASE_MS: leaseMs } : {}),
    };
    log(`starting ${workers} workers…`);
    children.push(...(await Promise.all(Array.from({ length: workers }, () => startWorker(env)))));

    await bulkDecide(ctx, { op: 'approve', ids });
    const t0 = performance.now();
    let sent = 0;
    let unknown = 0;
    // all but the stalled share (every k-th transaction stalls, so at most ceil(n·p/100) of the first pass)
    const bulk = n - Math.ceil((n * stallPercent) / 100);
    let bulkSeconds: number | null = null;
    let lastLog = -1;
    let killed: { sent: number; sending: number } | null = null;
    for (;;) {
      const r = await db.kysely.selectFrom('action_status_counts').select(['status', 'n']).where('workspace_id', '=', ws.id).execute();
      const by = Object.fromEntries(r.map((x) => [x.status, Number(x.n)]));
      sent = by.sent ?? 0;
      unknown = by.delivery_unknown ?? 0;
      if (process.env.BENCH_PROGRESS && Math.floor((performance.now() - t0) / 1000) !== lastLog) {
        lastLog = Math.floor((performance.now() - t0) / 1000);
        log(`${lastLog}s ${JSON.stringify(by)}`);
      }
      if (bulkSeconds === null && sent >= bulk) bulkSeconds = (performance.now() - t0) / 1000;
      if (killAfter !== null && !killed && sent >= killAfter * n) {
        children[0].kill('SIGKILL');
        killed = { sent, sending: by.sending ?? 0 };
        log(`SIGKILLed one worker: ${JSON.stringify(killed)}`);
      }
      const open = (by.approved ?? 0) + (by.scheduled ?? 0) + (by.sending ?? 0);
      if (open === 0) break;
      if (performance.now() - t0 > 600_000) throw new Error(`dispatch did not finish: ${JSON.stringify(by)}`);
      await new Promise((res) => setTimeout(res, 25));
    }
    const seconds = (performance.now() - t0) / 1000;
    const { distinct, duplicates, stalled } = await sink.stats();
    // lost: neither sent nor left to a human as delivery_unknown, or recorded sent but never received
    const lost = n - sent - unknown + Math.max(0, sent - distinct);
    log(`${database}: ${sent} sent in ${seconds.toFixed(2)} s, ${distinct} distinct received, ${unknown} delivery_unknown`);
    const faults = stall
      ? {
          stall: `${stall.percent}% × ${stall.ms} ms at ${stall.at}`,
          stalled,
          bulkPerSecond: bulkSeconds ? round(bulk / bulkSeconds, 1) : null,
          bulkSeconds: bulkSeconds && round(bulkSeconds, 2),
        }
      : {};
    return { perSecond: round(n / seconds, 1), workers, duplicates, lost, unknown, database, n, seconds: round(seconds, 2), ...faults, ...(killed ? { killed } : {}) };
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise((res) => {
            if (c.exitCode !== null || c.signalCode !== null) return res(null); // already gone (a SIGKILLed worker)
            c.once('exit', res);
            c.kill('SIGTERM');
          }),
      ),
    );
    await sink.close();
    await jobs.close();
    await drop();
  }
};
export default bench;
