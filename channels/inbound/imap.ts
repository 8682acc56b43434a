import type { ImapFlow } from 'imapflow';
import type { Logger } from '../../lib/log';
import { closeQuietly, createImapClient, describeImapError, type ImapSettings, type ImapSyncState, imapLogger, openMailbox } from './imap-client';

// Reading a mailbox over IMAP, without a database or a job queue (the caller stores the state and
// the messages): an incremental sync by UID with UIDVALIDITY tracking, a connection test, and the
// IDLE watcher (imap-watch.ts) that says when to sync again.

export { DEFAULT_MAILBOX, ImapError, type ImapErrorKind, type ImapSettings, type ImapSyncState } from './imap-client';
export { type WatchOptions, watchMailbox } from './imap-watch';

export type InboundRawMessage = { uid: number; raw: Buffer; internalDate: Date | null };

export type SyncFailure = { uid: number; error: string };

export type SyncResult = {
  state: ImapSyncState;
  /** messages delivered (deliver resolved) */
  fetched: number;
  /** messages skipped for good: deliver threw, or the server would not give them */
  failed: SyncFailure[];
  /** the mailbox's UIDVALIDITY changed: every message was read again from UID 1 */
  resynced: boolean;
};

export type SyncOptions = {
  /** stops between messages; the sync then resolves with the progress so far */
  signal?: AbortSignal;
  /** messages per FETCH (default 100; a batch also stops at 32 MB of messages) */
  batch?: number;
  logger?: Logger;
  /** called with the state after each batch, so a caller can persist progress during a long first sync */
  checkpoint?: (state: ImapSyncState) => Promise<void> | void;
};

const DEFAULT_BATCH = 100;
/** the bytes a batch holds in memory at most (a single larger message still makes its own batch) */
const BATCH_BYTES = 32 * 1024 * 1024;
/** a slow `deliver` leaves the connection quiet: a NOOP this often keeps it under the socket timeout (120 s) */
const KEEPALIVE_MS = 60_000;

/**
 * Delivers every message with a UID above `state.lastUid`, in UID order, and returns the new
 * state. The state only moves past a message once it was delivered or reported in `failed`, so
 * a crash re-delivers at most the batch in flight (or, without `checkpoint`, what this call
 * delivered) — and a UIDVALIDITY change re-delivers everything: `deliver` must be idempotent on
 * the caller's side (keyed by Message-ID or a hash of the bytes, never by UID).
 *
 * Rejects with an ImapError (login refused, TLS missing, folder that cannot be selected, the
 * connection lost mid-sync); its `state` is the progress made before the failure.
 */
export async function syncMailbox(settings: ImapSettings, state: ImapSyncState, deliver: (m: InboundRawMessage) => Promise<void>, opts: SyncOptions = {}): Promise<SyncResult> {
  const log = imapLogger(settings, opts.logger);
  const batchSize = Math.max(1, opts.batch ?? DEFAULT_BATCH);
  const signal = opts.signal;
  const failed: SyncFailure[] = [];
  let fetched = 0;
  let resynced = false;
  let current: ImapSyncState = { ...state };
  const result = (): SyncResult => ({ state: current, fetched, failed, resynced });
  if (signal?.aborted) return result();

  const client = createImapClient(settings, log, { disableAutoIdle: true });
  // an abort while waiting on the server: closing makes the pending command reject at once
  const onAbort = () => client.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    try {
      await client.connect();
    } catch (err) {
      throw describeImapError(err, settings);
    }
    const mailbox = await openMailbox(client, settings);
    const uidValidity = mailbox.uidValidity.toString();
    if (state.uidValidity !== null && state.uidValidity !== uidValidity) {
      // UIDs of the old mailbox mean nothing now (recreated folder, restored server): start over
      log.warn({ was: state.uidValidity, now: uidValidity }, 'IMAP UIDVALIDITY changed: full resync');
      resynced = true;
      current = { uidValidity, lastUid: 0 };
    } else {
      current = { uidValidity, lastUid: state.lastUid };
    }
    if (mailbox.exists === 0) return result();

    const pending = await newMessages(client, current.lastUid);
    log.debug({ from: current.lastUid + 1, count: pending.length }, 'IMAP sync: new messages');
    for (const batch of batches(pending, batchSize, BATCH_BYTES)) {
      if (signal?.aborted) break;
      const got = await fetchBatch(client, batch, log);
      let lastCommand = Date.now();
      for (const uid of batch) {
        if (signal?.aborted) break;
        if (Date.now() - lastCommand > KEEPALIVE_MS) {
          await client.noop();
          lastCommand = Date.now();
        }
        const m = got.get(uid) ?? { error: 'the server did not return the message (expunged meanwhile?)' };
        if ('error' in m) {
          failed.push({ uid, error: m.error });
          log.warn({ uid, error: m.error }, 'IMAP sync: message could not be fetched, skipped');
        } else {
          try {
            await deliver({ uid, raw: m.raw, internalDate: m.internalDate });
            fetched++;
          } catch (err) {
            const error = err instanceof Error ? err.message : String(err);
            failed.push({ uid, error });
            log.warn({ uid, error }, 'IMAP sync: delivery failed, message skipped');
          }
        }
        current = { uidValidity, lastUid: uid };
      }
      try {
        await opts.checkpoint?.(current);
      } catch (err) {
        // the final result carries the same state: a checkpoint that fails only loses crash safety
        log.warn({ err: err instanceof Error ? err.message : String(err), lastUid: current.lastUid }, 'IMAP sync: checkpoint failed');
      }
    }
    log.info({ fetched, failed: failed.length, resynced, lastUid: current.lastUid }, 'IMAP sync done');
    return result();
  } catch (err) {
    if (signal?.aborted) return result();
    const e = describeImapError(err, settings);
    e.state = current;
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await closeQuietly(client);
  }
}

/** UIDs above `lastUid` with their sizes, ascending. `n:*` also returns the last message when n is past it (RFC 3501): filtered. */
async function newMessages(client: ImapFlow, lastUid: number): Promise<{ uid: number; size: number }[]> {
  const out: { uid: number; size: number }[] = [];
  for await (const m of client.fetch(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true })) {
    if (m.uid > lastUid) out.push({ uid: m.uid, size: m.size ?? 0 });
  }
  return out.sort((a, b) => a.uid - b.uid);
}

function* batches(list: { uid: number; size: number }[], count: number, bytes: number): Generator<number[]> {
  let batch: number[] = [];
  let size = 0;
  for (const m of list) {
    if (batch.length > 0 && (batch.length >= count || size + m.size > bytes)) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(m.uid);
    size += m.size;
  }
  if (batch.length > 0) yield batch;
}

/** "1:5,8,10:11" from ascending UIDs */
export function uidSet(uids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length; ) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j] + 1) j++;
    parts.push(i === j ? String(uids[i]) : `${uids[i]}:${uids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

type Fetched = { raw: Buffer; internalDate: Date | null } | { error: string };

const QUERY = { uid: true, source: true, internalDate: true } as const;

const toDate = (d: Date | string | undefined): Date | null => {
  if (d === undefined) return null;
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * One FETCH for the batch; when the server refuses it (one unreadable message can fail a whole
 * FETCH), the batch again one message at a time so only the bad one is lost. A dropped
 * connection is not a message's fault: it rejects and ends the sync.
 */
async function fetchBatch(client: ImapFlow, uids: number[], log: Logger): Promise<Map<number, Fetched>> {
  const out = new Map<number, Fetched>();
  try {
    for await (const m of client.fetch(uidSet(uids), QUERY, { uid: true })) {
      if (m.source) out.set(m.uid, { raw: m.source, internalDate: toDate(m.internalDate) });
    }
    return out;
  } catch (err) {
    if (!client.usable) throw err;
    log.warn({ err: (err as Error).message, uids: uids.length }, 'IMAP FETCH of a batch failed: one message at a time');
  }
  for (const uid of uids) {
    if (out.has(uid)) continue;
    try {
      const m = await client.fetchOne(String(uid), QUERY, { uid: true });
      if (m !== false && m.source) out.set(uid, { raw: m.source, internalDate: toDate(m.internalDate) });
    } catch (err) {
      if (!client.usable) throw err;
      out.set(uid, { error: ((err as { responseText?: string }).responseText || (err as Error).message).slice(0, 300) });
    }
  }
  return out;
}

/** Settings → Connecteurs "test": connect, log in, select the folder; never reads a message. */
export async function testImap(settings: ImapSettings, opts: { timeoutMs?: number; logger?: Logger } = {}): Promise<{ ok: true } | { ok: false; error: string }> {
  const ms = opts.timeoutMs ?? 10_000;
  const log = imapLogger(settings, opts.logger);
  const client = createImapClient(settings, log, { disableAutoIdle: true, connectionTimeout: ms, greetingTimeout: ms, socketTimeout: ms });
  let timedOut = false;
  // one deadline for the whole test, whatever step hangs
  const timer = setTimeout(() => {
    timedOut = true;
    client.close();
  }, ms);
  try {
    await client.connect();
    await openMailbox(client, settings);
    return { ok: true };
  } catch (err) {
    if (timedOut) return { ok: false, error: `no answer from the IMAP server ${settings.host}:${settings.port} within ${Math.round(ms / 1000)} s` };
    return { ok: false, error: describeImapError(err, settings).message };
  } finally {
    clearTimeout(timer);
    await closeQuietly(client, 2_000);
  }
}
