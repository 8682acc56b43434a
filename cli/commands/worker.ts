import { z } from 'zod';
import { dispatchOnce, housekeeping, newOwnerId, startDispatcher, type DispatcherOptions } from '../../channels/dispatcher';
import { openRuntime } from '../../server/runtime';
import type { Command } from '../command';

// `npm run cli -- worker`: the dispatcher alone, any number of them beside `npm start` (which runs
// one too). Prints "worker ready <owner>" once it is claiming; stops cleanly on SIGTERM / SIGINT.
const Args = z
  .object({
    batch: z.coerce.number().int().min(1).max(500).optional(),
    'lease-ms': z.coerce.number().int().min(100).optional(),
    'poll-ms': z.coerce.number().int().min(10).optional(),
    lanes: z.coerce.number().int().min(1).max(16).optional(),
    'backoff-ms': z.coerce.number().int().min(0).optional(),
    'housekeeping-ms': z.coerce.number().int().min(50).optional(),
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
  describe: 'worker [--once] [--batch N] [--lanes N] [--lease-ms N] [--poll-ms N]: run the outbox dispatcher',
  async run(args, io) {
    const parsed = Args.safeParse(parseArgs(args));
    if (!parsed.success) {
      io.stderr(`worker: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
      return 2;
    }
    const a = parsed.data;
    const opts: Partial<DispatcherOptions> = {
      owner: newOwnerId(),
      batchSize: a.batch,
      leaseMs: a['lease-ms'],
      pollMs: a['poll-ms'],
      lanes: a.lanes,
      backoffMs: a['backoff-ms'],
      housekeepingMs: a['housekeeping-ms'],
    };
    const { db, deps } = await openRuntime();
    // an idle connection dropped by the server must not kill the worker: the pool reconnects
    db.pool.on('error', (err) => deps.logger.warn({ err: err.message }, 'database connection lost; reconnecting'));
    if (a.once) {
      // drain what is due now, then exit (cron-style deployments, demos)
      let total = 0;
      try {
        await housekeeping(deps);
        for (;;) {
          const s = await dispatchOnce(deps, opts);
          total += s.sent;
          if (s.claimed === 0) break;
        }
        io.stdout(`sent ${total}`);
        return 0;
      } finally {
        await db.close();
      }
    }
    const dispatcher = startDispatcher(deps, opts);
    io.stdout(`worker ready ${dispatcher.owner}`);
    const shutdown = async () => {
      await dispatcher.stop();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return new Promise<number>(() => {});
  },
};
export default command;
