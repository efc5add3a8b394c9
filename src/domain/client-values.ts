/**
 * Dates, times and coordinates as clients send them (issue 11, items 7 and 8): one strict reading
 * for the staff API, the portal and Open311.
 */
import { DateTime } from 'luxon';

/**
 * W3C / ISO 8601 date-time (`2026-01-12T10:00:00+02:00`, `…Z`, fractions of a second), or a date
 * alone (`2026-01-12`, as GeoReport v2 allows), or a date-time without an offset
 * (`2026-01-12T10:00`). What has no offset is read in the city's time zone; a date alone is its
 * start of day there. Refuses other spellings (`12.01.2026`, `1`, `2026-1-2`) and dates that do not
 * exist (30 February, hour 25).
 *
 * @returns the instant, or null when `text` is not such a value.
 */
export function parseClientDateTime(text: string, timeZone: string): Date | null {
  const value = text.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
  const dateTime =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
  if (!dateOnly.test(value) && !dateTime.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: timeZone, setZone: false });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** How far ahead of the server's clock a client's time may be (clock skew). */
export const CLOCK_SKEW_MS = 60_000;

/** The first year the system serves (older records come by import, not through the API). */
export const FIRST_SERVED_YEAR = 2000;

/**
 * Why a staff `receivedAt` cannot be taken, or null: more than a minute in the future (a typing
 * slip would open next year's counter), or before the years the system serves.
 */
export function receivedAtProblem(receivedAt: Date, now: Date): string | null {
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return 'received_in_future';
  }
  if (receivedAt.getUTCFullYear() < FIRST_SERVED_YEAR) return 'received_out_of_range';
  return null;
}

/** Decimal degrees as people write them: an optional minus, digits, an optional decimal point. */
const DECIMAL_DEGREES = /^-?\d{1,3}(?:\.\d{1,15})?$/;

/**
 * A coordinate from a query string or a form: decimal degrees only — `0x32`, `5e1`, `50,45`,
 * `Infinity`, ` ` are refused (Number() would take some of them).
 *
 * @returns the number, or null when `text` is not decimal degrees.
 */
export function parseDecimalDegrees(text: string): number | null {
  const value = text.trim();
  return DECIMAL_DEGREES.test(value) ? Number(value) : null;
}
