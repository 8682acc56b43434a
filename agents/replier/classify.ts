import { recogniseAutomatic, type AutomaticVerdict } from '../../channels/inbound/automatic';
import { parseMessage, type ParsedMessage } from '../../channels/inbound/parse';
import { detectReplyLanguage } from './language';
import { extractReferral } from './referral';
import { extractReturnDate } from './return-date';
import { categoryOfText, readsOutOfOffice } from './rules';
import type { ReplyCategory, ReplyClassification } from './state';

// The offline replier: headers first (channels/inbound/automatic.ts), then the rules over the
// new text. A header verdict is never overridden: a bounce stays a bounce, and automatic mail
// is only ever an out-of-office or an auto-reply, whatever its text says.

export type ClassifiedMessage = { message: ParsedMessage; automatic: AutomaticVerdict | null; classification: ReplyClassification };

function categoryOf(msg: ParsedMessage, automatic: AutomaticVerdict | null): ReplyCategory {
  if (msg.parseError) return 'other';
  if (automatic && automatic.kind !== 'automatic') return automatic.kind;
  if (automatic) return readsOutOfOffice(msg.newText || msg.text) || /absen|out of (the )?office/i.test(msg.subject) ? 'out_of_office' : 'auto_reply';
  return categoryOfText(msg.newText, msg.from?.address);
}

/** Classifies a parsed message (never throws). */
export function classifyMessage(msg: ParsedMessage): ClassifiedMessage {
  const automatic = msg.parseError ? null : recogniseAutomatic(msg);
  const category = categoryOf(msg, automatic);
  const text = msg.newText || msg.text;
  const classification: ReplyClassification = { category, language: detectReplyLanguage(text, msg.subject) };
  if (category === 'out_of_office') {
    const returnDate = extractReturnDate(text, msg.date ?? new Date());
    if (returnDate) classification.returnDate = returnDate;
  }
  if (category === 'wrong_person') {
    const referral = extractReferral(msg.newText, msg.from?.address);
    if (referral) classification.referral = referral;
  }
  // a bounce answers nothing: the message it returns is the one it is about
  const bounced = category === 'bounce_hard' || category === 'bounce_soft' ? msg.returnedMessageId : undefined;
  const inReplyTo = msg.inReplyTo ?? msg.references[msg.references.length - 1] ?? bounced;
  if (inReplyTo) classification.inReplyTo = inReplyTo;
  return { message: msg, automatic, classification };
}

/** Parses and classifies a raw RFC 5322 message, offline. Never throws. */
export async function classifyRaw(raw: string | Uint8Array): Promise<ClassifiedMessage> {
  return classifyMessage(await parseMessage(raw));
}
