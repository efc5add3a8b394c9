/**
 * The plain-date arithmetic of `work-calendar.ts` (counted on UTC's calendar, without luxon since
 * 3 December 2026) gives what luxon gives, day by day; the end of a local day stays luxon's
 * `endOf('day')` (a shortcut through the next day's start failed where clocks go back at 01:00,
 * America/Havana 2019-11-02: the first 00:00 of the next day is the end, not the second).
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addLocalDays, endOfLocalDay, isLocalDate, isoWeekday } from './work-calendar.js';

/** Every date from `from` for `count` days, as luxon writes them. */
function days(from: string, count: number): string[] {
  const start = DateTime.fromISO(from, { zone: 'utc' });
  return Array.from({ length: count }, (_, i) => start.plus({ days: i }).toISODate()!);
}

describe('plain dates agree with luxon', () => {
  it.each([
    ['2015-01-01', 365 * 16],
    ['0001-01-01', 800],
    ['0099-12-01', 62],
    ['1899-12-01', 120],
    ['9999-10-01', 60],
  ])('day by day from %s: weekday, +1, −1, +30, −45', (from, count) => {
    for (const date of days(from, count)) {
      const luxon = DateTime.fromISO(date, { zone: 'utc' });
      expect(isLocalDate(date)).toBe(true);
      expect(isoWeekday(date)).toBe(luxon.weekday);
      for (const step of [1, -1, 30, -45]) {
        const expected = luxon.plus({ days: step });
        if (expected.year < 0 || expected.year > 9999) {
          expect(() => addLocalDays(date, step)).toThrow(RangeError);
        } else {
          expect(addLocalDays(date, step)).toBe(expected.toISODate());
        }
      }
    }
  });

  it.each([
    '2027-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-4-01',
    '25-04-01',
    '2025-04-01T00:00',
    ' 2025-04-01',
    '',
  ])('%j is not a date', (value) => {
    expect(isLocalDate(value)).toBe(false);
    expect(() => addLocalDays(value, 1)).toThrow(RangeError);
    expect(() => isoWeekday(value)).toThrow(RangeError);
  });

  it.each([
    'Europe/Kyiv',
    'America/Santiago', // clocks change at midnight
    'America/Havana', // and here
    'Asia/Beirut', // and here
    'Australia/Lord_Howe', // half-hour daylight saving
    'UTC',
  ])('the end of each local day in %s is luxon’s endOf(day)', (zone) => {
    for (const date of days('2019-01-01', 365 * 3)) {
      const expected = DateTime.fromISO(date, { zone }).endOf('day').toMillis();
      expect(endOfLocalDay(date, zone).getTime(), `${date} in ${zone}`).toBe(expected);
    }
  });
});
