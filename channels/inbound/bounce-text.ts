import type { BounceKind } from './dsn';

// Bounces that are not RFC 3464 reports: Postfix/qmail/sendmail texts, Exchange and Outlook
// NDRs, Gmail "Address not found", French providers' "Message non remis". Recognised only when
// the sender is a mail system or the subject says so, so a person writing "undeliverable" is not one.

const SYSTEM_SENDER =
  /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|microsoftexchange[0-9a-f]*|mail delivery (system|subsystem))\b|^(no-?reply|bounces?)@.*\b(mailer|bounce)/i;
const BOUNCE_SUBJECT =
  /(undeliver(ed|able)|undelivered mail returned|delivery status notification|delivery (has )?failed|delivery failure|mail delivery failed|failure notice|returned mail|returned to sender|could not be delivered|delivery (delayed|notification)|delayed mail|warning: message .{0,40}delayed|non remis|non d[ée]livr[ée]|[ée]chec (de (la )?)?(remise|livraison|distribution)|remise (retard[ée]e|diff[ée]r[ée]e)|message retard[ée]|impossible de remettre|mail non distribu[ée])/i;

const SOFT =
  /\b4\.\d{1,3}\.\d{1,3}\b|\b4[2-5]\d[ -]|\b(delayed|deferred|will (be )?retr(y|ied)|still being retried|temporar(y|ily)|mailbox (is )?full|over quota|quota exceeded|warning message only|do not need to resend)\b|retard[ée]e?|temporaire(ment)?|nouvelle tentative|(bo[iî]te|boite aux lettres).{0,40}pleine|continuera [àa] essayer|pas encore termin[ée]e/i;
const HARD =
  /\b5\.\d{1,3}\.\d{1,3}\b|\b55\d[ -]|\b(user unknown|no such (user|mailbox|address)|address (not found|couldn't be found|could not be found|rejected)|does not exist|doesn't exist|recipient not found|mailbox unavailable|permanent (error|failure)|no mailbox here|invalid recipient|account (has been )?disabled)\b|introuvable|inconnu(e)?|n['’]existe (pas|plus)|d[ée]finitive?(ment)?/i;

function foldedHead(text: string): string {
  return text.slice(0, 20_000);
}

/** A non-standard bounce, from the sender, the subject and the first part of the text. */
export function bounceFromText(fromAddress: string, fromName: string, subject: string, text: string): BounceKind | null {
  const fromSystem = SYSTEM_SENDER.test(fromAddress) || SYSTEM_SENDER.test(fromName);
  const subjectSays = BOUNCE_SUBJECT.test(subject);
  const head = foldedHead(text);
  if (!fromSystem && !subjectSays) return null;
  // a mail system's message that says nothing about delivery (a postmaster writing by hand) is not a bounce
  if (!subjectSays && !BOUNCE_SUBJECT.test(head) && !HARD.test(head) && !SOFT.test(head)) return null;
  // a permanent code or wording decides; otherwise a delay or a 4xx is soft; a failure notice that says neither is hard
  const soft = SOFT.test(subject) || SOFT.test(head);
  const hard = HARD.test(head);
  if (hard && !/\b4\.\d{1,3}\.\d{1,3}\b/.test(head)) return 'bounce_hard';
  if (soft) return 'bounce_soft';
  return 'bounce_hard';
}
