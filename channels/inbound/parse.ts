import PostalMime from 'postal-mime';
import { htmlToText } from './html-text';
import { splitReply } from './reply-text';

// One inbound RFC 5322 message, read once with postal-mime. Parsing never throws: a message
// that cannot be read comes back with `parseError` (the issue: stored raw, shown, never dropped).

export type InboundAddress = { name: string; address: string };

/** A machine-readable part of a report (RFC 3464 delivery-status, returned headers), as text. */
export type ReportPart = { mimeType: string; content: string };

export type ParsedMessage = {
  /** every top-level header, lower-case name -> values in document order */
  headers: ReadonlyMap<string, readonly string[]>;
  from?: InboundAddress;
  subject: string;
  date?: Date;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** top-level Content-Type, lower-case, parameters included */
  contentType: string;
  /** the whole text (plain part, or the HTML rendered as text) */
  text: string;
  /** what the sender wrote in this message: quoted text and signature removed */
  newText: string;
  quotedText: string;
  reports: ReportPart[];
  /** a bounce's returned message (message/rfc822 or text/rfc822-headers part): its Message-ID */
  returnedMessageId?: string;
  parseError?: string;
};

const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/feedback-report']);
// a report part is a few hundred bytes; anything bigger is not one we need to read whole
const REPORT_MAX = 64 * 1024;
const HEADER_NAME = /^[!-9;-~]+$/;
const MESSAGE_ID = /<[^<>\s]{1,998}>/g;
const RETURNED_TYPES = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/global-headers']);
const RETURNED_ID = /^message-id:[ \t]*(<[^<>\s]{1,998}>)/im;

function firstMailbox(value: unknown): InboundAddress | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { name?: string; address?: string; group?: { name: string; address: string }[] };
  if (v.address) return { name: v.name ?? '', address: v.address.toLowerCase() };
  const member = v.group?.[0];
  return member ? { name: member.name, address: member.address.toLowerCase() } : undefined;
}

function decodePart(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === 'string') return content.slice(0, REPORT_MAX);
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  return new TextDecoder('utf-8').decode(bytes.subarray(0, REPORT_MAX));
}

function idsOf(value: string | undefined): string[] {
  return value ? (value.match(MESSAGE_ID) ?? []) : [];
}

function empty(parseError: string): ParsedMessage {
  return { headers: new Map(), subject: '', references: [], contentType: '', text: '', newText: '', quotedText: '', reports: [], parseError };
}

/** Reads a raw message (string or bytes). Never throws. */
export async function parseMessage(raw: string | Uint8Array): Promise<ParsedMessage> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    // returned messages inside a bounce are attachments: their text is not the reply's text
    email = await PostalMime.parse(raw, { forceRfc822Attachments: true });
  } catch (err) {
    return empty(`unreadable MIME: ${err instanceof Error ? err.message : String(err)}`);
  }
  const headers = new Map<string, string[]>();
  for (const h of email.headers) {
    const list = headers.get(h.key);
    if (list) list.push(h.value);
    else headers.set(h.key, [h.value]);
  }
  // postal-mime reads anything; a message whose first "header" is not one has no header block at all
  const first = email.headers[0];
  const noHeaders = !first || !HEADER_NAME.test(first.key) || !(headers.has('from') || headers.has('date') || headers.has('subject') || headers.has('message-id'));
  const date = email.date ? new Date(email.date) : undefined;
  const text = (email.text || htmlToText(email.html ?? '')).replace(/\r\n?/g, '\n');
  const { newText, quotedText } = splitReply(text);
  const returned = email.attachments.find((a) => RETURNED_TYPES.has(a.mimeType));
  // only the returned message's header block is read: it ends at the first blank line
  const returnedHead = returned ? decodePart(returned.content).split(/\r?\n\r?\n/, 1)[0] : '';
  const returnedMessageId = RETURNED_ID.exec(returnedHead)?.[1];
  const reports = email.attachments.filter((a) => REPORT_TYPES.has(a.mimeType)).map((a) => ({ mimeType: a.mimeType, content: decodePart(a.content) }));
  return {
    headers,
    from: firstMailbox(email.from),
    subject: email.subject ?? '',
    date: date && !Number.isNaN(date.getTime()) ? date : undefined,
    messageId: idsOf(email.messageId)[0],
    inReplyTo: idsOf(email.inReplyTo)[0],
    references: idsOf(email.references),
    contentType: (headers.get('content-type')?.[0] ?? 'text/plain').toLowerCase(),
    text,
    newText,
    quotedText,
    reports,
    ...(returnedMessageId ? { returnedMessageId } : {}),
    ...(noHeaders ? { parseError: 'no RFC 5322 header block' } : {}),
  };
}

/** The last value of a header, or '' (lower-case name). */
export function header(msg: ParsedMessage, name: string): string {
  const values = msg.headers.get(name);
  return values ? (values[values.length - 1] ?? '').trim() : '';
}
