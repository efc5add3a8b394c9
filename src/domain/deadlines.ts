/**
 * Control dates. Law 393/96-ВР Art. 20: an appeal is considered within one month of receipt, one
 * needing no extra study within 15 days; days are calendar days counted in the city's time zone, and
 * the term ends at the end of its last day.
 *
 * This is the calendar-day rule only; the working calendar (days off moving the last day to the next
 * working day, martial law, service hours) belongs to the deadline engine,
 * `calendar/deadline-engine.ts` (`legalDeadline`), which counts days the same way (day of receipt is
 * day 0) and takes its default terms from the constants here.
 */
import { DateTime } from 'luxon';

/** Default legal term, in calendar days, when the question type does not set one (Art. 20). */
export const DEFAULT_TERM_DAYS = 30;
/** Term for an appeal that needs no extra study (Art. 20). */
export const SHORT_TERM_DAYS = 15;

/**
 * The end (23:59:59.999 local time) of the day `termDays` calendar days after `receivedAt`, in
 * `timeZone` (IANA name, e.g. "Europe/Kyiv"). Correct across daylight-saving changes because it counts
 * local calendar days, not 24-hour periods.
 *
 * @throws RangeError when `termDays` is negative or `timeZone` is unknown.
 */
export function controlDateAfterDays(receivedAt: Date, termDays: number, timeZone: string): Date {
  if (!Number.isInteger(termDays) || termDays < 0) {
    throw new RangeError(`termDays must be a non-negative integer, got ${termDays}`);
  }
  const local = DateTime.fromJSDate(receivedAt, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return local.plus({ days: termDays }).endOf('day').toJSDate();
}

/** The calendar year of `at` in `timeZone` (registration numbers restart each year). */
export function yearInZone(at: Date, timeZone: string): number {
  return DateTime.fromJSDate(at, { zone: timeZone }).year;
}
