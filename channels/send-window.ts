import type { WorkspaceSettings } from '../db/schema';

// The send window (weekdays 09:00–18:00 Europe/Paris by default) computed in the workspace's
// time zone with Intl, so DST changes are handled without a date library.
export type SendWindow = NonNullable<WorkspaceSettings['sendWindow']>;
export const DEFAULT_WINDOW: SendWindow = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
export const DEFAULT_DAILY_CAP = 50;

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function localParts(at: Date, tz: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday] ?? 1,
  };
}

/** 'YYYY-MM-DD' of `at` in the zone: the day a daily cap counts against. */
export function localDay(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant when the zone's wall clock shows y-m-d h:mi (two passes settle DST offsets). */
function zonedInstant(y: number, m: number, d: number, h: number, mi: number, tz: string): Date {
  const wall = Date.UTC(y, m - 1, d, h, mi);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), tz);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - shown;
  }
  return new Date(guess);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isOpen(w: SendWindow, tz: string, at: Date): boolean {
  const p = localParts(at, tz);
  const now = p.hour * 60 + p.minute;
  return w.days.includes(p.weekday) && now >= minutesOf(w.start) && now < minutesOf(w.end);
}

/** The first instant ≥ `after` inside the window (within the next 8 days), or null if it never opens. */
export function nextOpening(w: SendWindow, tz: string, after: Date): Date | null {
  const p = localParts(after, tz);
  for (let i = 0; i <= 8; i++) {
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day + i));
    const weekday = ((day.getUTCDay() + 6) % 7) + 1;
    if (!w.days.includes(weekday)) continue;
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    const start = zonedInstant(y, m, d, Math.floor(minutesOf(w.start) / 60), minutesOf(w.start) % 60, tz);
    const end = zonedInstant(y, m, d, Math.floor(minutesOf(w.end) / 60), minutesOf(w.end) % 60, tz);
    if (after < end) return after > start ? after : start;
  }
  return null;
}

/** Midnight starting the local day after `at` (a daily cap is full until then). */
export function nextLocalDay(at: Date, tz: string): Date {
  const p = localParts(at, tz);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, tz);
}
