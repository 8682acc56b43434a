import type { Language } from '../../lib/language';

// Intl formatters are costly to build: one set per language, built once.
// Money is always fr-FR (1 234,56 € — the group separator is U+202F, as Intl writes it).
const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const moneyRound = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const TZ = 'Europe/Paris';
const locale: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

type Formatters = {
  number: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  weekday: Intl.DateTimeFormat;
};
const cache = new Map<Language, Formatters>();
function formatters(lang: Language): Formatters {
  let f = cache.get(lang);
  if (!f) {
    const l = locale[lang];
    f = {
      number: new Intl.NumberFormat(l),
      percent: new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 }),
      date: new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: TZ }),
      dateTime: new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone: TZ }),
      weekday: new Intl.DateTimeFormat(l, { weekday: 'long', timeZone: 'UTC' }),
    };
    cache.set(lang, f);
  }
  return f;
}

export type Format = {
  money: (cents: number) => string;
  moneyRound: (cents: number) => string;
  number: (n: number) => string;
  percent: (ratio: number) => string;
  date: (d: Date | string) => string;
  dateTime: (d: Date | string) => string;
  /** ISO weekday 1 (Monday) … 7 (Sunday) */
  weekday: (isoDay: number) => string;
};

export function formatFor(lang: Language): Format {
  const f = formatters(lang);
  const asDate = (d: Date | string) => (typeof d === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T12:00:00Z` : d) : d);
  return {
    money: (cents) => money.format(cents / 100),
    moneyRound: (cents) => moneyRound.format(cents / 100),
    number: (n) => f.number.format(n),
    percent: (r) => f.percent.format(r),
    date: (d) => f.date.format(asDate(d)),
    dateTime: (d) => f.dateTime.format(asDate(d)),
    // 2024-01-01 was a Monday
    weekday: (isoDay) => f.weekday.format(new Date(Date.UTC(2024, 0, isoDay))),
  };
}

/** "1 234,56" / "1234.56" / "1 234 €" → cents; null when it is not a non-negative amount. */
export function parseEuros(input: string): number | null {
  const s = input.replace(/[\s\u00a0\u202f€]/g, '');
  if (!s) return null;
  const normalised = /,\d{1,2}$/.test(s) ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Math.round(Number(normalised) * 100);
}

/** 23:59:59 Paris time on a 'YYYY-MM-DD' day, as an ISO instant (rule expiries). */
export function endOfDayParis(ymd: string): string {
  const utc = new Date(`${ymd}T23:59:59Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'shortOffset' }).formatToParts(utc).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  return new Date(utc.getTime() - offsetMin * 60_000).toISOString();
}
