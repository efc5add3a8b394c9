import { describe, expect, it } from 'vitest';
import { cityDayEnd, cityDayStart, cityOffset, formatDateTime, timeLeft } from './format.js';

describe('dates in the city’s time zone (Europe/Kyiv)', () => {
  it('knows winter and summer time', () => {
    expect(cityOffset(new Date('2026-01-15T12:00:00Z'))).toBe('+02:00');
    expect(cityOffset(new Date('2026-07-15T12:00:00Z'))).toBe('+03:00');
  });

  it('turns a day into the instants it starts and ends in Kyiv', () => {
    expect(cityDayStart('2026-03-01')).toBe('2026-03-01T00:00:00.000+02:00');
    expect(cityDayEnd('2026-08-31')).toBe('2026-08-31T23:59:59.999+03:00');
  });

  it('shows a time in Kyiv whatever the browser’s zone', () => {
    expect(formatDateTime('2026-01-15T22:30:00Z', 'uk')).toBe('16.01.2026, 00:30');
  });

  it('counts the time left to a control date, and how late it is', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    expect(timeLeft('2026-05-03T12:00:00Z', now)).toEqual({
      state: 'left',
      days: 2,
      hours: 2,
      dueSoon: true,
    });
    expect(timeLeft('2026-04-30T09:00:00Z', now)).toMatchObject({ state: 'overdue', days: 1 });
    expect(timeLeft(null, now)).toEqual({ state: 'none' });
  });
});
