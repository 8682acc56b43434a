import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, isOpen, localDay, nextLocalDay, nextOpening } from './send-window';

const tz = 'Europe/Paris';

describe('send window (Europe/Paris)', () => {
  it('is open on weekdays 09:00–18:00 local time, across DST', () => {
    expect(isOpen(DEFAULT_WINDOW, tz, new Date('2030-01-07T08:30:00Z'))).toBe(true); // Mon 09:30 CET
    expect(isOpen(DEFAULT_WINDOW, tz, new Date('2030-01-07T07:59:00Z'))).toBe(false); // Mon 08:59 CET
    expect(isOpen(DEFAULT_WINDOW, tz, new Date('2030-07-01T07:30:00Z'))).toBe(true); // Mon 09:30 CEST
    expect(isOpen(DEFAULT_WINDOW, tz, new Date('2030-07-01T16:00:00Z'))).toBe(false); // Mon 18:00 CEST
    expect(isOpen(DEFAULT_WINDOW, tz, new Date('2030-01-05T10:00:00Z'))).toBe(false); // Saturday
  });

  it('finds the next opening', () => {
    expect(nextOpening(DEFAULT_WINDOW, tz, new Date('2030-01-04T18:30:00Z'))!.toISOString()).toBe('2030-01-07T08:00:00.000Z'); // Fri evening → Mon 09:00 CET
    expect(nextOpening(DEFAULT_WINDOW, tz, new Date('2030-03-29T17:00:00Z'))!.toISOString()).toBe('2030-04-01T07:00:00.000Z'); // DST weekend → Mon 09:00 CEST
    const inside = new Date('2030-01-07T10:00:00Z');
    expect(nextOpening(DEFAULT_WINDOW, tz, inside)).toEqual(inside);
  });

  it('counts daily caps on the local day', () => {
    expect(localDay(new Date('2030-01-07T23:30:00Z'), tz)).toBe('2030-01-08');
    expect(nextLocalDay(new Date('2030-01-07T12:00:00Z'), tz).toISOString()).toBe('2030-01-07T23:00:00.000Z');
  });
});
