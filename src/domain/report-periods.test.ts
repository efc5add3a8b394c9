import { describe, expect, it } from 'vitest';
import {
  cityToday,
  resolvePeriod,
  scheduledPeriodDue,
  validPeriod,
  type RelativePeriod,
} from './report-periods.js';

describe('a relative period resolved against today', () => {
  it.each<[RelativePeriod, string, string | null, string | null]>([
    // Wednesday 11 March 2026: the previous ISO week is Mon 2 – Sun 8 March.
    ['previous_week', '2026-03-11', '2026-03-02', '2026-03-08'],
    // On a Monday the previous week ends yesterday.
    ['previous_week', '2026-03-09', '2026-03-02', '2026-03-08'],
    // Across a year: Thursday 1 January 2026 → Mon 22 – Sun 28 December 2025.
    ['previous_week', '2026-01-01', '2025-12-22', '2025-12-28'],
    ['previous_month', '2026-03-11', '2026-02-01', '2026-02-28'],
    ['previous_month', '2024-03-01', '2024-02-01', '2024-02-29'],
    ['previous_month', '2026-01-15', '2025-12-01', '2025-12-31'],
    ['previous_quarter', '2026-05-20', '2026-01-01', '2026-03-31'],
    ['previous_quarter', '2026-02-01', '2025-10-01', '2025-12-31'],
    ['last_7_days', '2026-03-11', '2026-03-04', '2026-03-10'],
    ['last_30_days', '2026-03-11', '2026-02-09', '2026-03-10'],
  ])('%s on %s is %s – %s', (period, today, from, to) => {
    expect(resolvePeriod(period, today)).toEqual({ from, to });
  });

  it('a fixed period is its own days, or null when one is missing', () => {
    expect(resolvePeriod('fixed', '2026-03-11', { from: '2025-01-01', to: '2025-01-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-01-31',
    });
    expect(resolvePeriod('fixed', '2026-03-11', { from: '2025-01-01' })).toBeNull();
    expect(resolvePeriod('fixed', '2026-03-11')).toBeNull();
  });
});

describe('a period’s validity', () => {
  it.each([
    ['2026-01-01', '2026-01-01', true],
    ['2026-01-01', '2027-02-04', true], // 400 days
    ['2026-01-01', '2027-02-05', false], // 401 days
    ['2026-03-02', '2026-03-01', false],
    ['2026-02-30', '2026-03-01', false],
  ])('%s – %s: %s', (from, to, ok) => {
    expect(validPeriod(from, to)).toBe(ok);
  });
});

describe('a schedule due (Kyiv, digest hour 7)', () => {
  const zone = 'Europe/Kyiv';
  it.each<['week' | 'month', string, { from: string; to: string } | null]>([
    // Monday 9 March 2026, 06:59 Kyiv (UTC+2): not yet the hour.
    ['week', '2026-03-09T04:59:00Z', null],
    ['week', '2026-03-09T05:00:00Z', { from: '2026-03-02', to: '2026-03-08' }],
    ['week', '2026-03-09T21:59:00Z', { from: '2026-03-02', to: '2026-03-08' }],
    // Tuesday 00:00 Kyiv: Monday is over.
    ['week', '2026-03-09T22:00:00Z', null],
    ['week', '2026-03-11T09:00:00Z', null],
    ['month', '2026-03-01T05:00:00Z', { from: '2026-02-01', to: '2026-02-28' }],
    ['month', '2026-03-01T04:59:00Z', null],
    ['month', '2026-03-02T09:00:00Z', null],
    // Summer time (UTC+3): 1 July 07:00 Kyiv is 04:00 UTC.
    ['month', '2026-07-01T04:00:00Z', { from: '2026-06-01', to: '2026-06-30' }],
    // 28 February 23:30 UTC is already 1 March 01:30 in Kyiv, before the hour.
    ['month', '2026-02-28T23:30:00Z', null],
  ])('%s at %s', (every, at, due) => {
    expect(scheduledPeriodDue(every, new Date(at), zone, 7)).toEqual(due);
  });

  it('the city’s today is the zone’s date, not UTC’s', () => {
    expect(cityToday(new Date('2026-02-28T23:30:00Z'), zone)).toBe('2026-03-01');
  });
});
