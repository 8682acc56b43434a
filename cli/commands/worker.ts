import { z } from 'zod';
import { dispatchOnce, housekeeping, type DispatcherOptions } from '../../channels/dispatcher';
import { newWorkerOwner } from '../../db/jobs/worker';
import { openRelais } from '../../server/root';
import type { Command } from '../command';

// `npm run cli -- worker`: a worker without the HTTP server — the background jobs (teammate
// runs, revisions, sweeps, expiry) and the outbox dispatcher — any number of them, on this
// machine or another with the same DATABASE_URL. `npm start` runs one too. Prints
// "worker ready <owner>" once it is working; stops cleanly on SIGTERM / SIGINT.
const Args = z
  .object({
    jobs: z.string().min(1).optional(),
    batch: z.coerce.number().int().min(1).max(500).optional(),
    'lease-ms': z.coerce.number().int().min(100).optional(),
    'poll-ms': z.coerce.number().int().min(10).optional(),
    lanes: z.coerce.number().int().min(1).max(16).optional(),
    'backoff-ms': z.coerce.number().int().min(0).optional(),
    'housekeeping-ms': z.coerce.number().int().min(50).optional(),
    'maintenance-s': z.coerce.number().int().min(1).optional(),
    once: z.literal(true).optional(),
  })
  .strict();

function parseArgs(args: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const key = args[i].replace(/^--/, '');
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else out[key] = args[++i];
  }
  return out;
}

const command: Command = {
  describe: 'worker [--jobs all|a,b|all,-a] [--once] [--batch N] [--lanes N] [--lease-ms N] [--poll-ms N] [--housekeeping-ms N]: background jobs and the outbox dispatcher',
  async run(args, io) {
    const parsed = Args.safeParse(parseArgs(args));
    if (!parsed.success) {
      io.stderr(`worker: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
      return 2;
    }
    const a = parsed.data;
    const dispatcher: Partial<Omit<DispatcherOptions, 'owner'>> = { batchSize: a.batch, leaseMs: a['lease-ms'], pollMs: a['poll-ms'], lanes: a.lanes, backoffMs: a['backoff-ms'] };
    const relais = await openRelais({ maintenanceIntervalSeconds: a['maintenance-s'] });
    const env = { db: relais.db.kysely, config: relais.config, logger: relais.logger };
    if (a.once) {
      // drain what is due now, then exit (cron-style deployments, demos)
      let total = 0;
      try {
        await housekeeping(env);
        const owner = newWorkerOwner();
        for (;;) {
          const s = await dispatchOnce(env, { ...dispatcher, owner });
          total += s.sent;
          if (s.claimed === 0) break;
        }
        io.stdout(`sent ${total}`);
        return 0;
      } finally {
        await relais.close();
      }
    }
    // --poll-ms is the dispatcher's; the job queue keeps its own idle poll (a local send wakes it at once)
    const worker = relais.startWorker({ jobs: a.jobs, housekeepingMs: a['housekeeping-ms'], dispatcher });
    io.stdout(`worker ready ${worker.owner}`);
    const shutdown = async () => {
      await relais.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return new Promise<number>(() => {});
  },
};
export default command;
