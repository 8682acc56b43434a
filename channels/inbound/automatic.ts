import { bounceFromText } from './bounce-text';
import { bounceOfReport, isDeliveryReport, readDeliveryStatus, type BounceKind } from './dsn';
import { header, type ParsedMessage } from './parse';

// Automatic mail, recognised from headers before any rule or model reads the text. A bounce
// is final; any other automatic message can only be told apart as an out-of-office or a plain
// auto-reply (a newsletter's "unsubscribe" or "book a call" is not the prospect speaking).

export type AutomaticKind = BounceKind | 'automatic';
/** Which signal decided, for the record ("auto-submitted: auto-replied", "dsn 5.1.1"…). */
export type AutomaticVerdict = { kind: AutomaticKind; signal: string };

const PRECEDENCE = /^(auto_reply|bulk|junk|list)$/i;
// clients that set no header still say so in the subject (Outlook "Automatic reply:", "Réponse automatique :")
const AUTO_SUBJECT =
  /^\s*(\[?(auto(matic)?[ -]?(reply|response|answer)|autoreply|out of (the )?office|r[ée]ponse automatique|message automatique|absen(t|te|ce)( du bureau)?|accus[ée] de r[ée]ception|request received)\b)/i;

function fromHeaders(msg: ParsedMessage): AutomaticVerdict | null {
  const submitted = header(msg, 'auto-submitted');
  if (submitted && !/^no\b/i.test(submitted)) return { kind: 'automatic', signal: `auto-submitted: ${submitted}` };
  if (msg.headers.has('x-autoreply')) return { kind: 'automatic', signal: 'x-autoreply' };
  if (msg.headers.has('x-autorespond')) return { kind: 'automatic', signal: 'x-autorespond' };
  const precedence = header(msg, 'precedence');
  if (PRECEDENCE.test(precedence)) return { kind: 'automatic', signal: `precedence: ${precedence}` };
  if (msg.headers.has('list-id')) return { kind: 'automatic', signal: 'list-id' };
  if (msg.headers.has('return-path') && /^<?\s*>?$/.test(header(msg, 'return-path'))) return { kind: 'automatic', signal: 'return-path: <>' };
  return null;
}

function fromReport(msg: ParsedMessage): AutomaticVerdict | null {
  if (!isDeliveryReport(msg.contentType)) return null;
  const statuses = msg.reports.filter((p) => p.mimeType.endsWith('delivery-status')).flatMap((p) => readDeliveryStatus(p.content));
  const kind = bounceOfReport(statuses);
  const signal = `dsn ${statuses.map((s) => `${s.action} ${s.status ?? ''}`.trim()).join(', ')}`.trim();
  // a report that every recipient got the message (Action: delivered, relayed) is still automatic mail
  return { kind: kind ?? 'automatic', signal };
}

/** The verdict of headers and delivery reports, or null for mail a person seems to have written. */
export function recogniseAutomatic(msg: ParsedMessage): AutomaticVerdict | null {
  const report = fromReport(msg);
  if (report) return report;
  const bounce = bounceFromText(msg.from?.address ?? '', msg.from?.name ?? '', msg.subject, msg.text);
  if (bounce) return { kind: bounce, signal: 'bounce text' };
  const headers = fromHeaders(msg);
  if (headers) return headers;
  if (AUTO_SUBJECT.test(msg.subject)) return { kind: 'automatic', signal: 'subject' };
  return null;
}
