import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expireDueActions } from '../actions/expiry';
import { renewActionLeases } from '../db/repositories/actions';
import type { Database } from '../db/schema';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/log';
import { secretKeys } from '../lib/secrets';
import { claimBatch, sendTimeoutMs, type ApprovedSend, type ClaimResult } from './dispatcher-claim';
import { recordOutcomesDurably, sweepExpiredLeases, type Outcome, type OutcomeCounts } from './dispatcher-outcomes';
import { closeTransports, deliverApproved, type DeliveryResult } from './smtp';

// The outbox dispatcher: claim → send → record, in `lanes` concurrent loops per worker process.
// Any number of processes can run it against one database (`npm start`, `npm run cli -- worker`).
// Each lane keeps up to `batchSize` sends in flight and claims again as soon as a quarter of its
// slots are free; each outcome is recorded as it lands (micro-batched), so one stalled recipient
// server holds one slot, not a batch. The leases of rows in flight are renewed while they are,
// and a send's SMTP socket timeout is half the lease.
// Its housekeeping (expired leases → delivery_unknown, pending actions → expired) runs as
// periodic jobs (channels/jobs.ts, actions/jobs.ts) on whichever worker takes them.

export type DispatcherEnv = { db: Kysely<Database>; config: Config; logger: Logger };
export type DispatcherOptions = {
  owner: string;
  batchSize: number;
  /** default: RELAIS_DISPATCH_LEASE_MS */
  leaseMs: number;
  pollMs: number;
  lanes: number;
  maxAttempts: number;
  backoffMs: number;
};
export type CycleStats = OutcomeCounts & { claimed: number; refused: number; deferred: number };

export const DEFAULT_DISPATCHER: Omit<DispatcherOptions, 'owner'> = {
  batchSize: 25,
  leaseMs: 60_000,
  pollMs: 1000,
  lanes: 2,
  maxAttempts: 6,
  backoffMs: 60_000,
};

const renewEveryMs = (leaseMs: number) => Math.max(100, Math.floor(leaseMs / 3));
const RECORD_BATCH = 200;

export const newOwnerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

function resolve(env: DispatcherEnv, opts: Partial<DispatcherOptions>): DispatcherOptions {
  const leaseMs = env.config.RELAIS_DISPATCH_LEASE_MS ?? DEFAULT_DISPATCHER.leaseMs;
  return { owner: opts.owner ?? newOwnerId(), ...DEFAULT_DISPATCHER, leaseMs, ...stripUndefined(opts) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const zero = (): OutcomeCounts => ({ sent: 0, retried: 0, failed: 0, unknown: 0 });

type Flight = {
  /** sends it and records its outcome; resolves once recorded (or given up while stopping) */
  track: (send: ApprovedSend) => Promise<void>;
  totals: OutcomeCounts;
  /** from now on, recording gives up once a lease has passed (rows left are swept for a human) */
  stopping: () => void;
  close: () => void;
};

/**
 * The sends one owner has in flight: each is delivered on its own, its outcome queued and recorded
 * with whatever else landed meanwhile (one recorder at a time, retried until it commits), and the
 * lease of every row not yet recorded is renewed every third of the lease.
 */
function startFlight(env: DispatcherEnv, o: DispatcherOptions): Flight {
  const held = new Set<string>();
  const queue: (Outcome & { recorded: () => void })[] = [];
  const totals = zero();
  let recorder: Promise<void> | null = null;
  let stopAt: number | null = null;
  const giveUp = () => stopAt !== null && Date.now() - stopAt > o.leaseMs;

  let renewing = false;
  const renewer = setInterval(() => {
    if (renewing || held.size === 0) return;
    renewing = true;
    renewActionLeases(env.db, o.owner, [...held], o.leaseMs)
      .catch((err: unknown) => env.logger.warn({ owner: o.owner, err: err instanceof Error ? err.message : String(err) }, 'could not renew dispatch leases'))
      .finally(() => {
        renewing = false;
      });
  }, renewEveryMs(o.leaseMs));

  const drain = async () => {
    while (queue.length) {
      const batch = queue.splice(0, RECORD_BATCH);
      try {
        const c = await recordOutcomesDurably(env.db, o.owner, batch, o, { logger: env.logger, giveUp });
        for (const k of Object.keys(totals) as (keyof OutcomeCounts)[]) totals[k] += c[k];
      } catch (err) {
        env.logger.error({ owner: o.owner, actions: batch.map((b) => b.send.actionId), err }, 'dispatch outcomes not recorded: left to the lease sweeper');
      }
      for (const b of batch) {
        held.delete(b.send.actionId);
        b.recorded();
      }
    }
  };
  const kick = () => {
    if (recorder) return;
    recorder = drain().finally(() => {
      recorder = null;
      if (queue.length) kick();
    });
  };

  const deliver = (send: ApprovedSend): Promise<DeliveryResult> =>
    // deliverApproved throws only when it refuses to send: nothing left, the action fails visibly
    deliverApproved(send).catch((err: unknown) => ({ outcome: 'permanent' as const, error: err instanceof Error ? err.message : String(err) }));

  return {
    track: (send) =>
      new Promise<void>((recorded) => {
        held.add(send.actionId);
        void deliver(send).then((result) => {
          queue.push({ send, result, recorded });
          kick();
        });
      }),
    totals,
    stopping: () => {
      stopAt ??= Date.now();
    },
    close: () => clearInterval(renewer),
  };
}

function claim(env: DispatcherEnv, o: DispatcherOptions, batchSize: number): Promise<ClaimResult> {
  return claimBatch(env.db, {
    owner: o.owner,
    batchSize,
    leaseMs: o.leaseMs,
    sendWindow: env.config.RELAIS_SEND_WINDOW === 'on',
    keys: secretKeys(env.config),
    publicUrl: env.config.publicUrl,
    logger: env.logger,
  });
}

/** One claim, then every claimed send delivered and recorded (each as it completes). Tests and `worker --once` use it. */
export async function dispatchOnce(env: DispatcherEnv, partial: Partial<DispatcherOptions> = {}): Promise<CycleStats> {
  const o = resolve(env, partial);
  const flight = startFlight(env, o);
  try {
    const c = await claim(env, o, o.batchSize);
    // SMTP I/O happens outside any database transaction.
    await Promise.all(c.sends.map((send) => flight.track(send)));
    const claimed = c.sends.length + c.refused + c.deferred;
    if (claimed) env.logger.debug({ owner: o.owner, claimed, ...flight.totals }, 'dispatch cycle');
    return { ...flight.totals, claimed, refused: c.refused, deferred: c.deferred };
  } finally {
    flight.close();
  }
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
  const o = resolve(env, partial);
  const flight = startFlight(env, o);
  let running = true;
  const wakers = new Set<() => void>();
  /** resolves after `ms`, or at once when the dispatcher stops */
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
  const wakeAll = () => {
    for (const w of [...wakers]) w();
  };
  // claim again once a quarter of a lane's slots are free: small claims, few statements
  const refillAt = Math.max(1, Math.ceil(o.batchSize / 4));

  const lane = async (n: number) => {
    const inFlight = new Set<Promise<void>>();
    const slotFreed = new Set<() => void>();
    while (running) {
      const free = o.batchSize - inFlight.size;
      if (free < refillAt) {
        await new Promise<void>((r) => {
          const done = () => {
            slotFreed.delete(done);
            wakers.delete(done);
            r();
          };
          slotFreed.add(done);
          wakers.add(done);
        });
        continue;
      }
      try {
        const c = await claim(env, o, free);
        for (const send of c.sends) {
          const p: Promise<void> = flight.track(send).then(() => {
            inFlight.delete(p);
            for (const w of [...slotFreed]) w();
          });
          inFlight.add(p);
        }
        const claimed = c.sends.length + c.refused + c.deferred;
        if (claimed) env.logger.debug({ owner: o.owner, lane: n, claimed, inFlight: inFlight.size }, 'dispatch claim');
        // nothing more due now: look again after a poll
        if (claimed < free && running) await sleep(o.pollMs + n * 7);
      } catch (err) {
        env.logger.error({ err }, 'dispatch claim failed');
        if (running) await sleep(o.pollMs * 2);
      }
    }
    await Promise.all(inFlight);
  };
  const loops = Array.from({ length: o.lanes }, (_, i) => lane(i));
  env.logger.info(
    { owner: o.owner, lanes: o.lanes, batchSize: o.batchSize, leaseMs: o.leaseMs, sendTimeoutMs: sendTimeoutMs(o.leaseMs), sendWindow: env.config.RELAIS_SEND_WINDOW },
    'dispatcher started',
  );
  return {
    owner: o.owner,
    stop: async () => {
      running = false;
      flight.stopping();
      wakeAll();
      await Promise.all(loops);
      flight.close();
      closeTransports();
      env.logger.info({ owner: o.owner, ...flight.totals }, 'dispatcher stopped');
    },
  };
}
