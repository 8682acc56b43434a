import { z } from 'zod';
import { openDatabase } from '../../db/connection';
import { defineJob } from '../../db/jobs/definition';
import { openJobQueue } from '../../db/jobs/queue';
import { jobHandler, startJobWorker } from '../../db/jobs/worker';
import { logger } from '../../lib/log';

// A job worker in a process of its own (forked with IPC) for db/jobs/jobs.slow.test.ts and
// bench/jobs.ts. Job `{ i }` of JOBS_NAME; JOBS_MODE=noop records each i it runs (sent back on
// 'stats', how many on 'count'), JOBS_MODE=hang reports each job it starts and never finishes it (to be SIGKILLed).
const Env = z.object({
  JOBS_NAME: z.string(),
  JOBS_MODE: z.enum(['noop', 'hang']),
  JOBS_DATA_DIR: z.string().optional(),
  JOBS_DATABASE_URL: z.string().optional(),
  JOBS_SCHEMA: z.string().default('public'),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).default(10),
  JOBS_BATCH: z.coerce.number().int().min(1).optional(),
  JOBS_POLL_MS: z.coerce.number().int().min(1).default(100),
  JOBS_MAINTENANCE_S: z.coerce.number().int().min(1).default(1),
});

export type ChildMessage = { ready: string } | { started: number; attempt: number } | { executed: number[] } | { count: number };

const env = Env.parse(process.env);
const send = (m: ChildMessage) => process.send!(m);
const log = logger.child({}, { level: process.env.JOBS_LOG_LEVEL ?? 'warn' });

const db = await openDatabase({ databaseUrl: env.JOBS_DATABASE_URL, dataDir: env.JOBS_DATA_DIR ?? '', schema: env.JOBS_SCHEMA, poolSize: 2, migrate: false });
const queue = await openJobQueue(db, { logger: log, maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_S });
const job = defineJob(env.JOBS_NAME, z.object({ i: z.number().int() }));
const executed: number[] = [];

const worker = startJobWorker(
  queue,
  [
    jobHandler({
      job,
      concurrency: env.JOBS_CONCURRENCY,
      batchSize: env.JOBS_BATCH,
      handle: async ({ i }, ctx) => {
        if (env.JOBS_MODE === 'noop') {
          executed.push(i);
          return;
        }
        send({ started: i, attempt: ctx.attempt });
        await new Promise(() => {}); // holds the job until this process is killed
      },
    }),
  ],
  { logger: log, pollMs: env.JOBS_POLL_MS },
);
send({ ready: worker.owner });

process.on('message', async (m: unknown) => {
  if (m === 'stats') send({ executed });
  if (m === 'count') send({ count: executed.length });
  if (m === 'stop') {
    await worker.stop();
    await queue.close();
    await db.close();
    process.exit(0);
  }
});
