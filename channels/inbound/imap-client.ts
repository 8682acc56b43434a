import { ImapFlow, type ImapFlowError, type ImapFlowOptions, type MailboxObject } from 'imapflow';
import { logger as rootLogger, type Logger } from '../../lib/log';

// What the IMAP sync and the IDLE watcher share: the connector's settings, one way to build an
// imapflow client (TLS policy, timeouts, an 'error' listener, logs), and errors people can read
// in Settings → Connecteurs.

export type ImapSettings = {
  host: string;
  port: number;
  /** implicit TLS (993); otherwise STARTTLS is required unless `noTls` */
  secure: boolean;
  user: string;
  password: string;
  /** the folder to read, 'INBOX' when absent */
  mailbox?: string;
  /** "no TLS (local server)": the password may go in clear; otherwise it needs TLS (implicit or STARTTLS), like SMTP's `noTls` */
  noTls?: boolean;
};

/** What the caller keeps between syncs. `uidValidity` is a decimal string (IMAP's is a 32-bit unsigned number, imapflow's a bigint). */
export type ImapSyncState = { uidValidity: string | null; lastUid: number };

export const DEFAULT_MAILBOX = 'INBOX';
export const mailboxOf = (s: Pick<ImapSettings, 'mailbox'>) => s.mailbox || DEFAULT_MAILBOX;

export type ImapErrorKind = 'auth' | 'tls' | 'connect' | 'timeout' | 'mailbox' | 'protocol';

/** A failure worth showing as is: `message` is written for the person who set up the connector. */
export class ImapError extends Error {
  readonly kind: ImapErrorKind;
  /** set by a sync that failed midway: the progress it made before (save it like a result's state) */
  state?: ImapSyncState;
  constructor(kind: ImapErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImapError';
    this.kind = kind;
  }
}

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 120_000 };

/**
 * A password only goes over TLS: implicit (`secure`) or STARTTLS, which imapflow then requires
 * (`doSTARTTLS: true`: no STARTTLS offered → no LOGIN at all) rather than merely tries (its
 * default would fall back to cleartext when the offer is stripped). Only `noTls` allows cleartext.
 * Certificates are always verified (Node's default; no `rejectUnauthorized: false` anywhere).
 */
export const tlsFor = (s: Pick<ImapSettings, 'secure' | 'noTls'>): Pick<ImapFlowOptions, 'secure' | 'doSTARTTLS'> =>
  s.secure ? { secure: true } : { secure: false, doSTARTTLS: s.noTls !== true };

/** imapflow's log lines, lowered: its info is connection chatter, and its errors reach the caller as ImapErrors */
function imapflowLogger(log: Logger): NonNullable<Exclude<ImapFlowOptions['logger'], false>> {
  const child = log.child({ component: 'imapflow' });
  return {
    debug: () => {},
    info: (o: unknown) => child.debug(o),
    warn: (o: unknown) => child.info(o),
    error: (o: unknown) => child.info(o),
  };
}

/**
 * A client with an 'error' listener already on: imapflow emits 'error' for a socket timeout or a
 * dropped connection outside any command, and an EventEmitter without a listener would throw it
 * as an uncaught exception and take the process down.
 */
export function createImapClient(s: ImapSettings, log: Logger, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  const client = new ImapFlow({
    host: s.host,
    port: s.port,
    ...tlsFor(s),
    auth: { user: s.user, pass: s.password },
    logger: imapflowLogger(log),
    clientInfo: { name: 'Relais' },
    ...TIMEOUTS,
    ...extra,
  });
  client.on('error', (err: Error) => log.warn({ err: errorSummary(err) }, 'IMAP connection error'));
  return client;
}

function errorSummary(err: unknown): { message: string; code?: string } {
  const e = err as ImapFlowError;
  return { message: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}) };
}

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'NoConnection',
  'EConnectionClosed',
]);

/** Any failure of connect/login/commands as an ImapError with a readable message. */
export function describeImapError(err: unknown, s: Pick<ImapSettings, 'host' | 'port' | 'user'>): ImapError {
  if (err instanceof ImapError) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as ImapFlowError;
  // the server's own words without the tag ("Authentication failed." rather than "2 NO [AUTHENTICATIONFAILED] …")
  const server = e.responseText ? `${e.serverResponseCode ? `[${e.serverResponseCode}] ` : ''}${e.responseText}` : typeof e.response === 'string' ? e.response : '';
  const detail = (server || e.message).slice(0, 500);
  const where = `${s.host}:${s.port}`;
  if (e.authenticationFailed) return new ImapError('auth', `IMAP authentication failed for ${s.user} on ${where}: ${detail}`, { cause: err });
  if (e.tlsFailed || /STARTTLS/i.test(e.message)) return new ImapError('tls', `TLS required (STARTTLS or implicit TLS) on ${where}: ${detail}`, { cause: err });
  if (e.code && CERT_CODES.test(e.code)) return new ImapError('tls', `TLS failed on ${where} (certificate not trusted?): ${detail}`, { cause: err });
  if (e.code === 'ETIMEOUT' || e.code === 'UPGRADE_TIMEOUT') return new ImapError('timeout', `no answer from ${where}: ${detail}`, { cause: err });
  if (e.code && CONNECT_CODES.has(e.code)) return new ImapError('connect', `cannot reach the IMAP server ${where}: ${detail}`, { cause: err });
  return new ImapError('protocol', `IMAP error on ${where}: ${detail}`, { cause: err });
}

/** SELECT (read-only: EXAMINE, so reading never changes \Seen) or a clear error. */
export async function openMailbox(client: ImapFlow, s: ImapSettings): Promise<MailboxObject> {
  const mailbox = mailboxOf(s);
  try {
    return await client.mailboxOpen(mailbox, { readOnly: true });
  } catch (err) {
    const e = err as ImapFlowError;
    if (!client.usable) throw describeImapError(err, s);
    const detail = (e.responseText || e.message).slice(0, 300);
    if (e.mailboxMissing) throw new ImapError('mailbox', `the IMAP folder "${mailbox}" does not exist on ${s.host}: ${detail}`, { cause: err });
    throw new ImapError('mailbox', `the IMAP folder "${mailbox}" cannot be selected on ${s.host}: ${detail}`, { cause: err });
  }
}

/** LOGOUT when the connection still works (bounded: a dead server must not hold us), then close. */
export async function closeQuietly(client: ImapFlow, ms = 5_000): Promise<void> {
  if (client.usable) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.logout().catch(() => {}), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }
  if (!client.isClosed) client.close();
}

export const imapLogger = (s: ImapSettings, log: Logger | undefined) => (log ?? rootLogger).child({ imap: `${s.user}@${s.host}:${s.port}`, mailbox: mailboxOf(s) });
