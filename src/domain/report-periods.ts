/**
 * Saved reports' periods and schedules (issue 17, item 2; ADR 051). Pure: the day and the instant
 * are arguments, so a test pins them.
 *
 * - A relative period is resolved against the city's "today" (`YYYY-MM-DD`): the previous full week
 *   (ISO, Monday–Sunday), month or quarter, the last 7 or 30 days up to yesterday, or fixed days.
 * - A schedule is due on its day (Monday for `week`, the 1st for `month`) from the digest hour
 *   until that city day ends, for the period just finished; outside that window nothing is due
 *   (no back-fill after an outage of a whole day — the report can be run by hand).
 */
import { DateTime } from 'luxon';

/**
 * A saved report's period, relative to the day it is run (for schedules): the previous full
 * week (Monday–Sunday), month or quarter, the last 7 or 30 days up to yesterday, or fixed days.
 */
export const RELATIVE_PERIODS = [
  'previous_week',
  'previous_month',
  'previous_quarter',
  'last_7_days',
  'last_30_days',
  'fixed',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

/** A period of calendar days, both inclusive (`YYYY-MM-DD`). */
export interface DayPeriod {
  from: string;
  to: string;
}

/** The longest period a report covers, in days (the standard reports' limit). */
export const MAX_PERIOD_DAYS = 400;

/** The number of days from `from` to `to` inclusive (0 or less when `to` is before `from`). */
export function periodDays(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/**
 * Whether [from, to] is a valid report period: both real dates, from ≤ to, at most
 * {@link MAX_PERIOD_DAYS} days. The routes answer 400 `report_period_invalid` otherwise.
 */
export function validPeriod(from: string, to: string): boolean {
  if (!DateTime.fromISO(from).isValid || !DateTime.fromISO(to).isValid) return false;
  const days = periodDays(from, to);
  return days >= 1 && days <= MAX_PERIOD_DAYS;
}

/**
 * The days a relative period covers when run on `today` (the city's date, `YYYY-MM-DD`).
 * `fixed` returns its own `from`/`to` (null when either is missing: the caller refuses it).
 */
export function resolvePeriod(
  period: RelativePeriod,
  today: string,
  fixed: { from?: string | undefined; to?: string | undefined } = {},
): DayPeriod | null {
  const d = DateTime.fromISO(today, { zone: 'utc' });
  const day = (x: DateTime) => x.toISODate()!;
  switch (period) {
    case 'previous_week': {
      const start = d.startOf('week').minus({ weeks: 1 });
      return { from: day(start), to: day(start.plus({ days: 6 })) };
    }
    case 'previous_month': {
      const start = d.startOf('month').minus({ months: 1 });
      return { from: day(start), to: day(start.endOf('month')) };
    }
    case 'previous_quarter': {
      const start = d.startOf('quarter').minus({ quarters: 1 });
      return { from: day(start), to: day(start.endOf('quarter')) };
    }
    case 'last_7_days':
      return { from: day(d.minus({ days: 7 })), to: day(d.minus({ days: 1 })) };
    case 'last_30_days':
      return { from: day(d.minus({ days: 30 })), to: day(d.minus({ days: 1 })) };
    case 'fixed':
      return fixed.from && fixed.to ? { from: fixed.from, to: fixed.to } : null;
  }
}

/** How often a schedule sends. */
export type ScheduleEvery = 'week' | 'month';

/**
 * The period a schedule of `every` should send at instant `now`, or null when nothing is due:
 * weekly on Mondays for the previous week, monthly on the 1st for the previous month, from
 * `hour` (0–23, the city's time in `zone`; `KONTAKT_DIGEST_HOUR`) to the end of that day.
 */
export function scheduledPeriodDue(
  every: ScheduleEvery,
  now: Date,
  zone: string,
  hour: number,
): DayPeriod | null {
  const local = DateTime.fromJSDate(now, { zone });
  if (local.hour < hour) return null;
  const today = local.toISODate()!;
  if (every === 'week') return local.weekday === 1 ? resolvePeriod('previous_week', today) : null;
  return local.day === 1 ? resolvePeriod('previous_month', today) : null;
}

/** The city's date of instant `now` in `zone` (`YYYY-MM-DD`). */
export function cityToday(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}
