import { fold } from './fold';

// The return date an out-of-office names, as yyyy-mm-dd, read relative to the message's Date:
// "de retour le 12 janvier", "je reviens le 18/01", "absent jusqu'au 3/02", "back on Monday
// 5th", "until 12/01/2027", "returning January 15". An explicit return wins over "until X"
// (which gives X: the caller adds its own margin); a year left out is the next one to come.

const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  january: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  mar: 3,
  avril: 4,
  avr: 4,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  jun: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  jul: 7,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  sept: 9,
  september: 9,
  sep: 9,
  octobre: 10,
  oct: 10,
  october: 10,
  novembre: 11,
  nov: 11,
  november: 11,
  decembre: 12,
  dec: 12,
  december: 12,
};
const WEEKDAYS: Record<string, number> = {
  dimanche: 0,
  sunday: 0,
  lundi: 1,
  monday: 1,
  mardi: 2,
  tuesday: 2,
  mercredi: 3,
  wednesday: 3,
  jeudi: 4,
  thursday: 4,
  vendredi: 5,
  friday: 5,
  samedi: 6,
  saturday: 6,
};
const MONTH = `(${Object.keys(MONTHS).join('|')})\\.?`;
const WEEKDAY = `(${Object.keys(WEEKDAYS).join('|')})`;
const ORD = '(?:er|st|nd|rd|th|e|eme)?';

const FORMS: { re: RegExp; read: (m: RegExpExecArray, sent: Date) => Date | null }[] = [
  { re: /^(\d{4})-(\d{2})-(\d{2})\b/, read: (m) => ymd(+m[1], +m[2], +m[3]) },
  { re: /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?(?![\d/.]*\d)/, read: (m, sent) => withYear(+m[1], +m[2], m[3], sent) },
  { re: new RegExp(`^(?:${WEEKDAY},? )?(?:the )?(\\d{1,2})${ORD} (?:of )?${MONTH}(?:,? (\\d{4}))?`), read: (m, sent) => withYear(+m[2], MONTHS[m[3]], m[4], sent) },
  { re: new RegExp(`^(?:${WEEKDAY},? )?${MONTH} (?:the )?(\\d{1,2})${ORD}\\b(?:,? (\\d{4}))?`), read: (m, sent) => withYear(+m[3], MONTHS[m[2]], m[4], sent) },
  { re: new RegExp(`^(?:${WEEKDAY},? )?(?:the )?(\\d{1,2})${ORD}\\b(?! ?(?:h|:|heures?|am|pm|min))`), read: (m, sent) => dayOfMonth(+m[2], sent) },
  { re: new RegExp(`^${WEEKDAY}\\b`), read: (m, sent) => nextWeekday(WEEKDAYS[m[1]], sent) },
  { re: /^(demain|tomorrow)\b/, read: (_m, sent) => addDays(sent, 1) },
];

const RETURN_CUE =
  /\b(de retour|je reprendrai|je reprends|reprendrai|retour (prevu )?(au bureau )?|je reviens|reprise|a mon retour|je serai la|back( in the office| at work| at my desk)?|return(ing)?( to the office| to work)?|i return|reopen(ing)?|reouverture|nous rouvrons)\b/g;
const UNTIL_CUE = /\b(jusqu'?\s?(au|a|a la|le)|until|till|through|thru|au)\b/g;
const LEAD =
  /^[\s,:]{0,3}(?:(?:le|on|the|au bureau|in the office|at work|mes (?:mails|e-?mails|messages|fonctions)|le travail|mon poste|au|a partir du|a compter du|des|from|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|inclus|included|prochain|next)[\s,]+){0,3}/;

function ymd(y: number, m: number, d: number): Date | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? date : null;
}

function addDays(date: Date, n: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + n));
}

/** A day and month without a year: the first such date from a week before the message on. */
function withYear(d: number, m: number, year: string | undefined, sent: Date): Date | null {
  if (year) return ymd(year.length === 2 ? 2000 + +year : +year, m, d);
  const same = ymd(sent.getUTCFullYear(), m, d);
  if (!same) return ymd(sent.getUTCFullYear() + 1, m, d);
  return same.getTime() < addDays(sent, -7).getTime() ? ymd(sent.getUTCFullYear() + 1, m, d) : same;
}

function dayOfMonth(d: number, sent: Date): Date | null {
  // "the 5th": this month's, or the next month's when this month's has passed
  for (let k = 0; k < 3; k++) {
    const month = new Date(Date.UTC(sent.getUTCFullYear(), sent.getUTCMonth() + k, 1));
    const date = ymd(month.getUTCFullYear(), month.getUTCMonth() + 1, d);
    if (date && date.getTime() >= addDays(sent, -1).getTime()) return date;
  }
  return null;
}

function nextWeekday(day: number, sent: Date): Date {
  const diff = (day - sent.getUTCDay() + 7) % 7 || 7;
  return addDays(sent, diff);
}

/** The date written at the start of `text` (after a few lead words), or null. */
function dateAt(text: string, sent: Date): Date | null {
  const rest = text.slice(0, 60);
  const lead = LEAD.exec(rest)?.[0] ?? '';
  // "lundi 4 janvier": the weekday alone is read only when no fuller date follows it
  for (const start of [lead.length, (/^[\s,:]{0,3}/.exec(rest)?.[0] ?? '').length]) {
    const tail = rest.slice(start);
    for (const form of FORMS) {
      const m = form.re.exec(tail);
      if (m) {
        const date = form.read(m, sent);
        if (date) return date;
      }
    }
  }
  return null;
}

function afterCue(text: string, cue: RegExp, sent: Date): Date | null {
  cue.lastIndex = 0;
  for (let m = cue.exec(text); m; m = cue.exec(text)) {
    const date = dateAt(text.slice(m.index + m[0].length), sent);
    if (date) return date;
  }
  return null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function extractReturnDate(text: string, sent: Date = new Date()): string | undefined {
  const folded = fold(text.slice(0, 3000));
  const date = afterCue(folded, RETURN_CUE, sent) ?? afterCue(folded, UNTIL_CUE, sent);
  return date ? iso(date) : undefined;
}
