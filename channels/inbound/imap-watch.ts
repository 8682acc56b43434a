import type { ImapFlow } from 'imapflow';
import type { Logger } from '../../lib/log';
import { closeQuietly, createImapClient, describeImapError, type ImapSettings, imapLogger, mailboxOf, openMailbox } from './imap-client';

// Knowing when to sync: IDLE on the folder (RFC 2177), with a watchdog for a connection that
// went silent, a periodic STATUS poll for servers whose IDLE misses changes, and reconnection
// with capped backoff. It never reads messages: `onNew` is a hint ("sync now"), which may come
// more than once for one message; the caller runs syncMailbox, which is incremental.

export type WatchOptions = {
  signal: AbortSignal;
  /** STATUS poll interval; a changed UIDNEXT/UIDVALIDITY calls onNew (default 60 s) */
  pollMs?: number;
  /** no byte from the server for this long → NOOP probe, then reconnect if unanswered; IDLE is also re-issued this often (default 5 min) */
  idleWatchdogMs?: number;
  logger?: Logger;
  /** reconnection delays: doubled each failed attempt from minMs up to maxMs (defaults 1 s, 60 s) */
  backoff?: { minMs?: number; maxMs?: number };
};

/** how long a poll or watchdog probe may take before the connection counts as dead */
const PROBE_TIMEOUT_MS = 30_000;

/**
 * Watches `settings.mailbox` until `opts.signal` aborts, then resolves. Never rejects: a refused
 * login, a server restart or a dropped socket are logged and retried with backoff. After every
 * reconnection (and a first connection that needed retries) onNew is called once, since mail may
 * have arrived while the connection was down.
 */
export async function watchMailbox(settings: ImapSettings, onNew: () => void, opts: WatchOptions): Promise<void> {
  const log = imapLogger(settings, opts.logger);
  const minMs = opts.backoff?.minMs ?? 1_000;
  const maxMs = Math.max(minMs, opts.backoff?.maxMs ?? 60_000);
  const notify = (why: string) => {
    log.debug({ why }, 'IMAP watch: new mail hint');
    try {
      onNew();
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'IMAP watch: onNew threw');
    }
  };
  let failures = 0;
  let attempts = 0;
  while (!opts.signal.aborted) {
    // any connection but a first one at the first try may have missed mail: it calls onNew
    const r = await session(settings, opts, log, attempts++ > 0 ? notify : null, notify).catch((err: unknown) => ({ selected: false, error: String(err) }));
    if (opts.signal.aborted) break;
    if (r.selected) failures = 0;
    // jittered so many connectors to one server do not reconnect in step
    const delay = Math.round(Math.min(maxMs, minMs * 2 ** failures) * (0.75 + Math.random() * 0.25));
    failures = Math.min(failures + 1, 30);
    log.warn({ error: r.error, retryInMs: delay }, 'IMAP watch: disconnected, reconnecting');
    await sleep(delay, opts.signal);
  }
}

type SessionEnd = { selected: boolean; error?: string };

/** One connection: connect, select, IDLE until it breaks or the signal aborts. */
async function session(settings: ImapSettings, opts: WatchOptions, log: Logger, onReconnect: ((why: string) => void) | null, notify: (why: string) => void): Promise<SessionEnd> {
  const pollMs = opts.pollMs ?? 60_000;
  const watchdogMs = opts.idleWatchdogMs ?? 300_000;
  const probeMs = Math.min(PROBE_TIMEOUT_MS, watchdogMs);
  const client = createImapClient(settings, log, {
    disableAutoIdle: true,
    // imapflow breaks and re-issues IDLE this often (RFC 2177: at least every 29 minutes)
    maxIdleTime: watchdogMs,
    // a silent socket past the watchdog and its probe is dead whatever we are doing
    socketTimeout: watchdogMs + 2 * probeMs,
  });
  let lastError: string | undefined;
  client.on('error', (err: Error) => (lastError = err.message));
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  const onAbort = () => void closeQuietly(client, 2_000);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  const timers: NodeJS.Timeout[] = [];
  let selected = false;
  try {
    await client.connect();
    const mailbox = await openMailbox(client, settings);
    selected = true;
    log.info('IMAP watch: idling');
    let known = { uidNext: mailbox.uidNext, uidValidity: mailbox.uidValidity };
    onReconnect?.('reconnected');
    client.on('exists', (e) => {
      if (e.count > e.prevCount) notify('exists');
    });
    // imapflow re-selects on a UIDVALIDITY it notices: the caller must resync
    client.on('mailboxOpen', (m) => {
      if (m.uidValidity !== known.uidValidity) notify('uidvalidity');
    });

    let probing = false;
    /** one command at a time, bounded: unanswered → close, and the session ends */
    const probe = async (what: string, run: () => Promise<void>) => {
      if (probing || !client.usable) return;
      probing = true;
      let timer: NodeJS.Timeout | undefined;
      try {
        const deadline = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), probeMs)));
        const outcome = await Promise.race([run().then(() => 'ok' as const), deadline]);
        if (outcome === 'timeout') {
          lastError = `${what} unanswered for ${probeMs} ms`;
          log.warn({ what }, 'IMAP watch: server silent, reconnecting');
          client.close();
        }
      } catch (err) {
        lastError = `${what} failed: ${err instanceof Error ? err.message : String(err)}`;
        client.close();
      } finally {
        clearTimeout(timer);
        probing = false;
      }
    };
    if (pollMs > 0) {
      timers.push(
        setInterval(
          () =>
            void probe('STATUS', async () => {
              const st = await client.status(mailboxOf(settings), { uidNext: true, uidValidity: true });
              if (!st) throw new Error('STATUS refused');
              if (st.uidNext !== known.uidNext || st.uidValidity !== known.uidValidity) {
                known = { uidNext: st.uidNext ?? known.uidNext, uidValidity: st.uidValidity ?? known.uidValidity };
                notify('poll');
              }
            }),
          pollMs,
        ),
      );
    }
    let received = client.stats().received;
    timers.push(
      setInterval(() => {
        const now = client.stats().received;
        const quiet = now === received;
        received = now;
        if (quiet) void probe('NOOP', () => client.noop());
      }, watchdogMs),
    );

    while (!opts.signal.aborted && client.usable) {
      const started = Date.now();
      // returns when a probe breaks IDLE to run its command, or the connection ends
      await Promise.race([idle(client), closed]);
      if (!client.mailbox) break; // deselected (the folder vanished): start over
      if (Date.now() - started < 20) await sleep(100, opts.signal); // no busy loop if IDLE ends at once
    }
    return { selected, error: lastError ?? 'the connection closed' };
  } catch (err) {
    return { selected, error: describeImapError(err, settings).message };
  } finally {
    for (const t of timers) clearInterval(t);
    opts.signal.removeEventListener('abort', onAbort);
    await closeQuietly(client, 2_000);
  }
}

/** IDLE, whose failure is the connection's: reported by 'error'/'close', not thrown here */
const idle = (client: ImapFlow) => client.idle().catch(() => undefined);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
