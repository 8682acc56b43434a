import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expireDueActions } from '../actions/expiry';
import type { Database } from '../db/schema';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/log';
import { secretKeys } from '../lib/secrets';
import { claimBatch } from './dispatcher-claim';
import { recordOutcomes, sweepExpiredLeases, type OutcomeCounts } from './dispatcher-outcomes';
import { closeTransports, deliverApproved } from './smtp';

// The outbox dispatcher: claim → send → record, in `lanes` concurrent loops per worker process.
// Any number of processes can run it against one database (`npm start`, `npm run cli -- worker`).
// Its housekeeping (expired leases → delivery_unknown, pending actions → expired) runs as
// periodic jobs (channels/jobs.ts, actions/jobs.ts) on whichever worker takes them.

export type DispatcherEnv = { db: Kysely<Database>; config: Config; logger: Logger };
export type DispatcherOptions = {
  owner: string;
  batchSize: number;
  leaseMs: number;
  pollMs: number;
  lanes: number;
  maxAttempts: number;
  backoffMs: number;
};
export type CycleStats = OutcomeCounts & { claimed: number; refused: number; deferred: number };

export const DEFAULT_DISPATCHER: Omit<DispatcherOptions, 'owner'> = {
  batchSize: 25,
  leaseMs: 10 * 60_000,
  pollMs: 1000,
  lanes: 2,
  maxAttempts: 6,
  backoffMs: 60_000,
};

export const newOwnerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

function resolve(opts: Partial<DispatcherOptions>): DispatcherOptions {
  return { owner: opts.owner ?? newOwnerId(), ...DEFAULT_DISPATCHER, ...stripUndefined(opts) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One claim → send → record cycle. Returns what happened (tests and the worker loop use it). */
export async function dispatchOnce(env: DispatcherEnv, partial: Partial<DispatcherOptions> = {}): Promise<CycleStats> {
  const o = resolve(partial);
  const t0 = performance.now();
  const claim = await claimBatch(env.db, {
    owner: o.owner,
    batchSize: o.batchSize,
    leaseMs: o.leaseMs,
    sendWindow: env.config.RELAIS_SEND_WINDOW === 'on',
    keys: secretKeys(env.config),
    publicUrl: env.config.publicUrl,
    logger: env.logger,
  });
  // SMTP I/O happens here, outside any database transaction.
  const t1 = performance.now();
  const outcomes = await Promise.all(claim.sends.map(async (send) => ({ send, result: await deliverApproved(send) })));
  const t2 = performance.now();
  const counts = outcomes.length ? await recordOutcomes(env.db, o.owner, outcomes, o) : { sent: 0, retried: 0, failed: 0, unknown: 0 };
  const claimed = claim.sends.length + claim.refused + claim.deferred;
  if (claimed) {
    const ms = { claimMs: Math.round(t1 - t0), sendMs: Math.round(t2 - t1), recordMs: Math.round(performance.now() - t2) };
    env.logger.debug({ owner: o.owner, claimed, ...counts, ...ms }, 'dispatch cycle');
  }
  return { ...counts, claimed, refused: claim.refused, deferred: claim.deferred };
}

/** Both housekeeping passes at once (`cli worker --once`, tests); workers run them as periodic jobs. */
export async function housekeeping(env: DispatcherEnv): Promise<{ unknown: number; expired: number }> {
  const unknown = await sweepExpiredLeases(env.db);
  const expired = await expireDueActions(env.db);
  if (unknown) env.logger.warn({ unknown }, 'actions left sending past their lease are now delivery_unknown');
  if (expired) env.logger.info({ expired }, 'pending actions expired');
  return { unknown, expired };
}

export type Dispatcher = { owner: string; stop: () => Promise<void> };

export function startDispatcher(env: DispatcherEnv, partial: Partial<DispatcherOptions> = {}): Dispatcher {
  const o = resolve(partial);
  let running = true;
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const done = () => {
        clearTimeout(t);
        wakers.delete(done);
        r();
      };
      const t = setTimeout(done, ms);
      wakers.add(done);
    });

  const lane = async (n: number) => {
    while (running) {
      try {
        const s = await dispatchOnce(env, o);
        if (s.claimed < o.batchSize && running) await sleep(o.pollMs + n * 7);
      } catch (err) {
        env.logger.error({ err }, 'dispatch cycle failed');
        if (running) await sleep(o.pollMs * 2);
      }
    }
  };
  const loops = Array.from({ length: o.lanes }, (_, i) => lane(i));
  env.logger.info({ owner: o.owner, lanes: o.lanes, batchSize: o.batchSize, sendWindow: env.config.RELAIS_SEND_WINDOW }, 'dispatcher started');
  return {
    owner: o.owner,
    stop: async () => {
      running = false;
      for (const w of [...wakers]) w();
      await Promise.all(loops);
      closeTransports();
      env.logger.info({ owner: o.owner }, 'dispatcher stopped');
    },
  };
}
