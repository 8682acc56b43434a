import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSettings } from '../db/tables/approval';
import { payloadHash } from '../lib/canonical-hash';
import { assertApprovedSend, type ApprovedSend } from './dispatcher-claim';

// The only module that talks SMTP (channels/invariant.test.ts fails the build if another file
// imports nodemailer). Sending transports are module-private; the one way to send is
// `deliverApproved`, which takes an ApprovedSend — a value only the dispatcher's claim can mint.

export type DeliveryResult =
  | { outcome: 'sent'; response: string }
  /** not delivered, safe to retry later (4xx, connection refused, auth, a connection lost before DATA) */
  | { outcome: 'transient'; error: string }
  /** the server refused the message for good (5xx) */
  | { outcome: 'permanent'; error: string }
  /** the connection broke after the message began to go out: possibly accepted, never retried automatically */
  | { outcome: 'unknown'; error: string };

/** parallel SMTP sessions per process and mailbox unless the channel says otherwise */
const DEFAULT_CONNECTIONS = 4;
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** a send's timeouts: at most the defaults, and none past its own (half its lease, set by the claim) */
function timeoutsFor(send: ApprovedSend) {
  const cap = (ms: number) => Math.max(100, Math.min(ms, send.sendTimeoutMs));
  return { connectionTimeout: cap(TIMEOUTS.connectionTimeout), greetingTimeout: cap(TIMEOUTS.greetingTimeout), socketTimeout: cap(TIMEOUTS.socketTimeout) };
}

const transports = new Map<string, Transporter<SMTPPool.SentMessageInfo>>();

/**
 * How long a send may wait, once a ready session (connected, TLS, AUTH done) takes it, for the
 * server to accept its envelope: MAIL FROM, RCPT TO, DATA → 354, answered in milliseconds by any
 * relay. Giving up there is safe — nothing was sent, the email is retried later — while a stalled
 * server would otherwise hold one of the mailbox's few connections for the whole socket timeout.
 */
const ENVELOPE_DEADLINE_MS = 5000;

type SendPhase = { dataStarted: boolean; onConnection: () => void; onData: () => void };

/**
 * Sends in flight by Message-ID, told when a connection takes them (the pool creates the message
 * stream then) and when their content begins to go out (the stream is resumed only once the
 * server answered DATA with 354). Until then a broken connection cannot have delivered anything.
 */
const progress = new Map<string, SendPhase>();

function watchPhases(t: Transporter<SMTPPool.SentMessageInfo>): void {
  t.use('stream', (mail, done) => {
    const p = progress.get(String(mail.data.messageId ?? ''));
    if (p) {
      mail.message.processFunc((input) => {
        p.onConnection();
        input.once('resume', p.onData);
        return input;
      });
    }
    done();
  });
}

/**
 * A password is only ever sent over TLS: implicit (secure) or STARTTLS, which nodemailer then
 * requires rather than merely tries — a server that offers none gets no AUTH at all. Only a
 * connector that says "no TLS (local relay)" lets it go in clear.
 */
const tlsFor = (s: Pick<SmtpSettings, 'secure' | 'user' | 'noTls'>) => ({ secure: s.secure, requireTLS: Boolean(s.user) && !s.secure && s.noTls !== true });

function transportFor(send: ApprovedSend): Transporter<SMTPPool.SentMessageInfo> {
  const c = send.channel;
  const timeouts = timeoutsFor(send);
  const key = `${c.id}:${c.version}:${timeouts.socketTimeout}`;
  let t = transports.get(key);
  if (!t) {
    for (const [k, old] of transports) {
      // an older version of the channel; another timeout of the same version keeps its pool
      if (!k.startsWith(`${c.id}:`) || k.startsWith(`${c.id}:${c.version}:`)) continue;
      old.close();
      transports.delete(k);
    }
    const options: SMTPPool.Options = {
      pool: true,
      maxConnections: c.maxConnections ?? DEFAULT_CONNECTIONS,
      maxMessages: 1000,
      host: c.host,
      port: c.port,
      ...tlsFor(c),
      auth: c.user ? { user: c.user, pass: c.password ?? '' } : undefined,
      ...timeouts,
    };
    t = nodemailer.createTransport(options);
    watchPhases(t);
    transports.set(key, t);
  }
  return t;
}

export async function deliverApproved(send: ApprovedSend): Promise<DeliveryResult> {
  assertApprovedSend(send);
  if (payloadHash(send.payload) !== send.approvedHash) throw new Error('refusing to send: the payload does not match the approved hash');
  // a session stalled before DATA sent nothing: one more try at once, on another connection
  for (let tries = 1; ; tries++) {
    const result = await sendOnce(send);
    if (result !== 'stalled') return result;
    if (tries === 2) return { outcome: 'transient', error: `the mail server did not accept the envelope within ${envelopeDeadline(send)} ms` };
  }
}

const envelopeDeadline = (send: ApprovedSend) => Math.min(ENVELOPE_DEADLINE_MS, send.sendTimeoutMs);

/** One SMTP transaction; 'stalled' when it was given up before DATA (the abort closed its connection). */
async function sendOnce(send: ApprovedSend): Promise<DeliveryResult | 'stalled'> {
  const m = send.message;
  const abort = new AbortController();
  let deadline: NodeJS.Timeout | undefined;
  const phase: SendPhase = {
    dataStarted: false,
    // (again if the pool moves it to another connection)
    onConnection: () => {
      clearTimeout(deadline);
      deadline = setTimeout(() => {
        if (!phase.dataStarted) abort.abort();
      }, envelopeDeadline(send));
    },
    onData: () => {
      phase.dataStarted = true;
      clearTimeout(deadline);
    },
  };
  progress.set(m.messageId, phase);
  try {
    const info = await transportFor(send).sendMail({
      from: { name: send.channel.fromName, address: send.channel.fromEmail },
      to: { name: m.to.name, address: m.to.email },
      subject: m.subject,
      text: m.text,
      messageId: m.messageId,
      headers: m.headers,
      icalEvent: m.ics ? { method: 'REQUEST', filename: 'invitation.ics', content: m.ics } : undefined,
      signal: abort.signal,
    });
    if (info.rejected.length > 0) return { outcome: 'permanent', error: info.response || 'recipient rejected' };
    return { outcome: 'sent', response: info.response };
  } catch (err) {
    if (abort.signal.aborted && !phase.dataStarted) return 'stalled';
    return classify(err, phase);
  } finally {
    clearTimeout(deadline);
    progress.delete(m.messageId);
  }
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string; syscall?: string; timeoutType?: string };

// Commands of the envelope: a failure while one of them is in flight leaves nothing delivered.
const BEFORE_DATA = new Set(['EHLO', 'HELO', 'LHLO', 'STARTTLS', 'AUTH', 'AUTH PLAIN', 'AUTH LOGIN', 'AUTH CRAM-MD5', 'AUTH XOAUTH2', 'MAIL FROM', 'RCPT TO']);

/**
 * What a failed send means. `phase.dataStarted` says whether the message content began to go out;
 * without it (a caller that cannot tell) a broken connection is assumed to have come after DATA.
 * nodemailer reports socket errors, closes and timeouts as command 'CONN' whatever the stage, so
 * only the phase separates a drop at RCPT (retried) from one during DATA (delivery unknown).
 */
export function classify(err: unknown, phase: { dataStarted: boolean } = { dataStarted: true }): Exclude<DeliveryResult, { outcome: 'sent' }> {
  const e = (err instanceof Error ? err : new Error(String(err))) as SmtpError;
  const detail = (e.response || e.message).slice(0, 500);
  if (e.code === 'EAUTH') return { outcome: 'transient', error: `authentication failed: ${detail}` };
  // no TLS to protect the password: nothing was sent; retried once the connector is fixed
  if (e.code === 'ETLS') return { outcome: 'transient', error: `TLS required (STARTTLS or implicit TLS): ${detail}` };
  if (e.responseCode && e.responseCode >= 400 && e.responseCode < 500) return { outcome: 'transient', error: detail };
  if (e.responseCode && e.responseCode >= 500) return { outcome: 'permanent', error: detail };
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { outcome: 'permanent', error: detail };
  const beforeSession =
    e.syscall === 'connect' ||
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(e.message) ||
    (e.code === 'ETIMEDOUT' && (e.timeoutType === 'CONNECTION' || e.timeoutType === 'GREETING'));
  if (beforeSession) return { outcome: 'transient', error: detail };
  const beforeData = !phase.dataStarted || (e.command !== undefined && BEFORE_DATA.has(e.command));
  if (beforeData) return { outcome: 'transient', error: `connection lost before the message was sent${e.command ? ` (${e.command})` : ''}: ${detail}` };
  return { outcome: 'unknown', error: detail };
}

/** Settings → Connecteurs "test": an SMTP handshake (EHLO, STARTTLS, AUTH), never a message. */
export async function verifySmtp(s: SmtpSettings & { password: string | null }): Promise<{ ok: true } | { ok: false; error: string }> {
  const options: SMTPTransport.Options = {
    host: s.host,
    port: s.port,
    ...tlsFor(s),
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    ...TIMEOUTS,
    connectionTimeout: 10_000,
  };
  const t = nodemailer.createTransport(options);
  try {
    await t.verify();
    return { ok: true };
  } catch (err) {
    const e = err as SmtpError;
    const detail = (e.response || e.message).slice(0, 500);
    return { ok: false, error: e.code === 'ETLS' ? `TLS required (STARTTLS or implicit TLS): ${detail}` : detail };
  } finally {
    t.close();
  }
}

export function closeTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
