import EmailReplyParser from 'email-reply-parser';

// Separates what the sender just wrote from the message they answer. Quote headers are found
// line by line with short, anchored patterns (linear in the text): Gmail "Le jeu. 3 déc. 2026
// à 10:12, X a écrit :" (often wrapped), Apple Mail "> Le … a écrit :", Outlook "De : … /
// Envoyé : …" blocks and its "____" rule, "-----Message d'origine-----". email-reply-parser then
// removes the signature and any quote it knows that these missed.

export type ReplyParts = { newText: string; quotedText: string };

// the library's patterns are quadratic on long lines: it only reads a short, normal-looking head
const LIBRARY_MAX_CHARS = 6000;
const LIBRARY_MAX_LINE = 400;
const LINE_MAX = 2000;

const WROTE_START = /^\s*(le|on|am|el|il|em)\s/i;
const WROTE_END = /(a\s+[ée]crit|wrote|schrieb|escribi[óo]|scritto)\s*:?\s*$/i;
const SEPARATOR = /^\s*(-{2,}\s*(original message|message d['’]origine|forwarded message|message transf[ée]r[ée]|mail original|message original)\b|_{10,}\s*$)/i;
const FROM_LINE = /^\s*\*?(de|from|exp[ée]diteur)\s*:\*?\s*\S/i;
const HEADER_LINE = /^\s*\*?(envoy[ée]|sent|date|[àa]|to|objet|subject|cc)\s*:/i;
const QUOTED = /^\s*>/;
const SIGNATURE =
  /^\s*(--\s*|envoy[ée] (de|depuis) (mon|un|l['’])\s?.{0,40}|sent from (my|mail for|outlook)\b.{0,40}|get outlook for .{0,40}|t[ée]l[ée]charger outlook pour .{0,40})$/i;

/** Index of the first line of the quoted part, or -1. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].slice(0, LINE_MAX);
    if (QUOTED.test(line) || SEPARATOR.test(line)) return i;
    if (WROTE_START.test(line)) {
      // clients wrap long attributions onto a second (or third) line
      if (WROTE_END.test(line)) return i;
      const next = `${line} ${(lines[i + 1] ?? '').slice(0, LINE_MAX)}`;
      if (line.length < 400 && WROTE_END.test(next)) return i;
      const third = `${next} ${(lines[i + 2] ?? '').slice(0, LINE_MAX)}`;
      if (line.length < 400 && WROTE_END.test(third)) return i;
    }
    if (FROM_LINE.test(line)) {
      for (let k = i + 1; k <= i + 4 && k < lines.length; k++) if (HEADER_LINE.test(lines[k].slice(0, LINE_MAX))) return i;
    }
  }
  return -1;
}

function cutSignature(lines: string[]): string[] {
  const at = lines.findIndex((l) => SIGNATURE.test(l.slice(0, LINE_MAX)));
  return at === -1 ? lines : lines.slice(0, at);
}

function visibleText(head: string): string {
  if (head.length > LIBRARY_MAX_CHARS || head.split('\n').some((l) => l.length > LIBRARY_MAX_LINE)) return head;
  try {
    const visible = new EmailReplyParser().read(head).getVisibleText();
    // the library hides a one-line message that looks like a signature ("Cordialement"): keep the head then
    return visible.trim() ? visible : head;
  } catch {
    return head;
  }
}

export function splitReply(text: string): ReplyParts {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = quoteStart(lines);
  const head = start === -1 ? lines : lines.slice(0, start);
  const quotedText = start === -1 ? '' : lines.slice(start).join('\n');
  const newText = visibleText(cutSignature(head).join('\n').trim()).trim();
  return { newText, quotedText };
}
