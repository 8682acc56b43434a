import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSettings } from '../db/tables/approval';
import { payloadHash } from '../lib/canonical-hash';
import { assertApprovedSend, type ApprovedSend, type ChannelCredentials } from './dispatcher-claim';

// The only module that talks SMTP (channels/invariant.test.ts fails the build if another file
// imports nodemailer). Sending transports are module-private; the one way to send is
// `deliverApproved`, which takes an ApprovedSend — a value only the dispatcher's claim can mint.

export type DeliveryResult =
  | { outcome: 'sent'; response: string }
  /** not delivered, safe to retry later (4xx, connection refused, auth) */
  | { outcome: 'transient'; error: string }
  /** the server refused the message for good (5xx) */
  | { outcome: 'permanent'; error: string }
  /** the connection broke with the message possibly accepted: never retried automatically */
  | { outcome: 'unknown'; error: string };

/** parallel SMTP sessions per process and mailbox unless the channel says otherwise */
const DEFAULT_CONNECTIONS = 4;
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

const transports = new Map<string, Transporter<SMTPPool.SentMessageInfo>>();

/**
 * A password is only ever sent over TLS: implicit (secure) or STARTTLS, which nodemailer then
 * requires rather than merely tries — a server that offers none gets no AUTH at all. Only a
 * connector that says "no TLS (local relay)" lets it go in clear.
 */
const tlsFor = (s: Pick<SmtpSettings, 'secure' | 'user' | 'noTls'>) => ({ secure: s.secure, requireTLS: Boolean(s.user) && !s.secure && s.noTls !== true });

function transportFor(c: ChannelCredentials): Transporter<SMTPPool.SentMessageInfo> {
  const key = `${c.id}:${c.version}`;
  let t = transports.get(key);
  if (!t) {
    for (const [k, old] of transports) {
      if (!k.startsWith(`${c.id}:`)) continue;
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
      ...TIMEOUTS,
    };
    t = nodemailer.createTransport(options);
    transports.set(key, t);
  }
  return t;
}

export async function deliverApproved(send: ApprovedSend): Promise<DeliveryResult> {
  assertApprovedSend(send);
  if (payloadHash(send.payload) !== send.approvedHash) throw new Error('refusing to send: the payload does not match the approved hash');
  const m = send.message;
  try {
    const info = await transportFor(send.channel).sendMail({
      from: { name: send.channel.fromName, address: send.channel.fromEmail },
      to: { name: m.to.name, address: m.to.email },
      subject: m.subject,
      text: m.text,
      messageId: m.messageId,
      headers: m.headers,
      icalEvent: m.ics ? { method: 'REQUEST', filename: 'invitation.ics', content: m.ics } : undefined,
    });
    if (info.rejected.length > 0) return { outcome: 'permanent', error: info.response || 'recipient rejected' };
    return { outcome: 'sent', response: info.response };
  } catch (err) {
    return classify(err);
  }
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string; syscall?: string; timeoutType?: string };

export function classify(err: unknown): Exclude<DeliveryResult, { outcome: 'sent' }> {
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
