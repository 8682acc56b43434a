import type { ActionPayload, MeetingPayload } from './payload';
import type { ActionKind } from '../db/tables/approval';
import type { Language } from '../lib/language';

// The message exactly as the recipient reads it: the approved content, then the sender's legal
// identity and a working opt-out (CNIL: every prospecting message identifies the sender and
// offers a free opt-out). The Library preview and the dispatcher both render through here.
export type Sender = { email: string; name: string };
export type RenderInput = {
  actionId: string;
  kind: ActionKind;
  payload: ActionPayload;
  workspace: { legalName: string; address: string; siret: string | null };
  sender: Sender | null;
  unsubscribeUrl: string;
  /** DTSTAMP of a meeting invite */
  stampAt?: Date;
};
export type RenderedEmail = {
  from: Sender | null;
  to: { email: string; name: string };
  subject: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
  ics: string | null;
  unsubscribeUrl: string;
};

const FOOTER = {
  fr: (url: string) => `Vous recevez ce message dans le cadre de votre activité professionnelle. Pour ne plus recevoir de messages de notre part : ${url}`,
  en: (url: string) => `You are receiving this message in your professional capacity. To stop receiving messages from us: ${url}`,
};

export function footer(language: Language, w: RenderInput['workspace'], url: string): string {
  const lines = ['--', w.legalName];
  if (w.address) lines.push(w.address);
  if (w.siret) lines.push(`SIRET ${w.siret}`);
  lines.push('', FOOTER[language](url));
  return lines.join('\n');
}

/** Stable per action: a retry (or a resend a human asked for) carries the same Message-ID. */
export function messageIdFor(actionId: string, sender: Sender | null): string {
  const domain = sender?.email.split('@')[1]?.toLowerCase() || 'relais.invalid';
  return `<${actionId}@${domain}>`;
}

export function renderEmail(r: RenderInput): RenderedEmail {
  const p = r.payload;
  const subject = 'subject' in p ? p.subject : '';
  const text = `${p.body.trimEnd()}\n\n${footer(p.language, r.workspace, r.unsubscribeUrl)}\n`;
  return {
    from: r.sender,
    to: p.to,
    subject,
    text,
    messageId: messageIdFor(r.actionId, r.sender),
    headers: {
      'List-Unsubscribe': `<${r.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    ics: r.kind === 'meeting' ? meetingIcs(r.actionId, p as MeetingPayload, r.sender, r.stampAt ?? new Date()) : null,
    unsubscribeUrl: r.unsubscribeUrl,
  };
}

const icsDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
// every line break (CRLF, a lone CR or LF) is escaped: a raw one would start a property of its own
const icsText = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
/** A parameter value (CN=…): quoted, with no DQUOTE or control character, which a quoted value cannot hold. */
const icsParam = (s: string) => `"${s.replace(/["\p{Cc}]/gu, ' ').trim()}"`;

/** RFC 5545 folding: content lines of at most 75 octets, continuation lines start with a space. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function meetingIcs(actionId: string, m: MeetingPayload, sender: Sender | null, stampAt: Date): string {
  const start = new Date(m.startsAt);
  const end = new Date(start.getTime() + m.durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Relais//Relais CRM//FR',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${actionId}@relais`,
    `DTSTAMP:${icsDate(stampAt)}`,
    `DTSTART:${icsDate(start)}`,
    `DTEND:${icsDate(end)}`,
    `SUMMARY:${icsText(m.subject)}`,
    `DESCRIPTION:${icsText(m.body)}`,
    ...(m.location ? [`LOCATION:${icsText(m.location)}`] : []),
    ...(sender ? [`ORGANIZER;CN=${icsParam(sender.name || sender.email)}:mailto:${sender.email}`] : []),
    `ATTENDEE;CN=${icsParam(m.to.name || m.to.email)};ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:${m.to.email}`,
    'STATUS:CONFIRMED',
    'SEQUENCE:0',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
