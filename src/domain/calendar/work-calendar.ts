/**
 * The work calendar as data: which local dates are working days in the city, and the hours in which
 * notifications may be sent. An administrator edits it (validated by `workCalendarSchema`); the deadline
 * engine only reads it. Nothing here does I/O or reads the clock: instants, dates and the calendar are
 * arguments.
 *
 * Sources of the rules:
 * - Labour Code of Ukraine (КЗпП) Art. 67: Saturday and Sunday are the days off of a five-day week;
 *   Art. 73: public holidays and non-working days (the default list is seeded by
 *   `ukrainian-holidays.ts`; here it is just data).
 * - Law of Ukraine 2136-IX «Про організацію трудових відносин в умовах воєнного стану», Art. 6 part 6:
 *   while martial law lasts, Art. 73 (public holidays) and the transfer rules of Art. 67 do not apply,
 *   so public holidays are working days (`martialLaw: true`).
 *
 * Local dates are ISO strings `YYYY-MM-DD` in the calendar's time zone. Date arithmetic is done on the
 * date alone (never by adding 24-hour periods), so daylight-saving changes cannot shift a day.
 */
import { DateTime, Info } from 'luxon';
import { z } from 'zod';

/** A local calendar date, `YYYY-MM-DD`, in the calendar's time zone. */
export type LocalDate = string;

/** The default city time zone (configuration; Europe/Kyiv for a Ukrainian city). */
export const DEFAULT_TIME_ZONE = 'Europe/Kyiv';
/** ISO weekdays (1 = Monday … 7 = Sunday) that are days off by default: Saturday and Sunday. */
export const DEFAULT_WEEKEND_DAYS: readonly number[] = [6, 7];
/** Default hours in which non-emergency notifications may be sent (quiet hours 22:00–08:00). */
export const DEFAULT_SERVICE_HOURS = { start: '08:00', end: '22:00' } as const;

const LOCAL_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const START_TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME_RE = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const DAY_MS = 86_400_000;

/**
 * The UTC midnight of a `YYYY-MM-DD` date in ms, or NaN when it is not a real date. Plain dates are
 * counted on UTC's calendar, which has no daylight saving: one day is always 86,400,000 ms there.
 * (The registration and the deadline sweep do this for every appeal; luxon took ~0.3 ms of it.)
 */
function localDateMs(value: string): number {
  if (!LOCAL_DATE_RE.test(value)) return NaN;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const at = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  at.setUTCFullYear(year, month - 1, day);
  return at.getUTCMonth() === month - 1 && at.getUTCDate() === day ? at.getTime() : NaN;
}

/** `YYYY-MM-DD` of a UTC midnight in ms. @throws RangeError outside the years 0000–9999. */
function localDateFromMs(ms: number): LocalDate {
  const at = new Date(ms);
  const year = at.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Invalid date: year ${year}`);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`;
}

/** Whether `value` is a real date written `YYYY-MM-DD` (rejects 2027-02-29, 2025-13-01). */
export function isLocalDate(value: string): boolean {
  return !Number.isNaN(localDateMs(value));
}

const localDateSchema = z
  .string()
  .refine(isLocalDate, { message: 'Expected a real date written YYYY-MM-DD' });

export const holidaySchema = z.object({
  date: localDateSchema,
  name: z.string().trim().min(1).max(200),
});
/** One public holiday or non-working day: `{ date: 'YYYY-MM-DD', name }`. */
export type Holiday = z.infer<typeof holidaySchema>;

export const serviceHoursSchema = z
  .object({
    start: z.string().regex(START_TIME_RE, 'Expected HH:mm, 00:00–23:59'),
    end: z.string().regex(END_TIME_RE, 'Expected HH:mm, 00:00–24:00'),
    /** Hold non-urgent mail until the next working day (not only outside the hours). */
    workingDaysOnly: z.boolean().optional(),
  })
  .refine((hours) => hours.start !== hours.end, {
    message: 'start and end must differ (use 00:00–24:00 for all day)',
    path: ['end'],
  });

/**
 * The work calendar an administrator sends (and the type the engine reads).
 *
 * - `timeZone`: IANA name (default `Europe/Kyiv`).
 * - `weekendDays`: ISO weekdays that are days off, 1 = Monday … 7 = Sunday (default `[6, 7]`).
 * - `holidays`: public holidays and days off moved by Art. 67 (non-working unless `martialLaw`).
 * - `transferredWorkingDays`: dates made working (e.g. a Saturday worked off); always working.
 * - `transferredDaysOff`: dates made days off (e.g. a Friday between a holiday and the weekend);
 *   ignored under martial law, like holidays.
 * - `martialLaw`: public holidays and transferred days off are working days (Law 2136-IX Art. 6).
 *   Required, with no default: an administrator must say whether martial law is in force.
 * - `serviceHours`: local hours in which non-emergency notifications are sent, `start` inclusive,
 *   `end` exclusive; `end` before `start` means a window across midnight (e.g. 20:00–08:00);
 *   `00:00`–`24:00` is all day (round the clock); an `end` of `23:59` means the end of the day
 *   (24:00), as people write it. Applied on every day, working or not, unless `workingDaysOnly`:
 *   then non-urgent mail waits for the service hours of the next working day.
 * - `alwaysOpen`: a 24/7 calendar: every day is a working day and notifications go at any hour.
 *
 * Refinements: a date cannot be both a transferred working day and a transferred day off, and the
 * calendar must have at least one working weekday or be `alwaysOpen`.
 */
export const workCalendarSchema = z
  .object({
    timeZone: z
      .string()
      .refine((zone) => Info.isValidIANAZone(zone), { message: 'Unknown IANA time zone' })
      .default(DEFAULT_TIME_ZONE),
    weekendDays: z
      .array(z.int().min(1).max(7))
      .max(7)
      .refine((days) => new Set(days).size === days.length, { message: 'Weekdays repeat' })
      .default([...DEFAULT_WEEKEND_DAYS]),
    holidays: z.array(holidaySchema).default([]),
    transferredWorkingDays: z.array(localDateSchema).default([]),
    transferredDaysOff: z.array(localDateSchema).default([]),
    martialLaw: z.boolean(),
    serviceHours: serviceHoursSchema.default({ ...DEFAULT_SERVICE_HOURS }),
    alwaysOpen: z.boolean().optional(),
  })
  .superRefine((calendar, ctx) => {
    const off = new Set(calendar.transferredDaysOff);
    calendar.transferredWorkingDays.forEach((date, index) => {
      if (off.has(date)) {
        ctx.addIssue({
          code: 'custom',
          message: `${date} is both a transferred working day and a transferred day off`,
          path: ['transferredWorkingDays', index],
        });
      }
    });
    if (!calendar.alwaysOpen && calendar.weekendDays.length === 7) {
      ctx.addIssue({
        code: 'custom',
        message: 'Every weekday is a day off; set alwaysOpen or leave at least one working weekday',
        path: ['weekendDays'],
      });
    }
  });

/** The work calendar the engine reads (see `workCalendarSchema` for the meaning of each field). */
export type WorkCalendar = z.infer<typeof workCalendarSchema>;
/** What an administrator may send: defaults filled in by `workCalendarSchema.parse`. */
export type WorkCalendarInput = z.input<typeof workCalendarSchema>;

/** How far `nextWorkingDay` / `previousWorkingDay` look before giving up (ten years). */
const MAX_SCAN_DAYS = 3660;

/** Zones already found valid: checking one builds an `Intl.DateTimeFormat` (tens of µs each). */
const validZones = new Set<string>();

/**
 * @throws RangeError when `timeZone` is not a known IANA zone.
 */
export function assertTimeZone(timeZone: string): void {
  if (validZones.has(timeZone)) return;
  if (!Info.isValidIANAZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  validZones.add(timeZone);
}

function assertLocalDate(date: string): number {
  const ms = localDateMs(date);
  if (Number.isNaN(ms)) throw new RangeError(`Expected a date written YYYY-MM-DD, got ${date}`);
  return ms;
}

function toIsoDate(value: DateTime): LocalDate {
  const iso = value.toISODate();
  if (iso === null) throw new RangeError(`Invalid date: ${value.invalidExplanation ?? 'unknown'}`);
  return iso;
}

/** `date` plus `days` calendar days (negative goes back). Pure date arithmetic, no time zone. */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return localDateFromMs(assertLocalDate(date) + days * DAY_MS);
}

/** The ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return new Date(assertLocalDate(date)).getUTCDay() || 7;
}

/**
 * The local date of `instant` in `timeZone`, e.g. 2025-06-30T21:30:00Z in Europe/Kyiv → `2025-07-01`.
 *
 * @throws RangeError when the time zone is unknown.
 */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  assertTimeZone(timeZone);
  return toIsoDate(DateTime.fromJSDate(instant, { zone: timeZone }));
}

/**
 * The last millisecond (23:59:59.999 local time) of `date` in `timeZone`: the instant a term in days
 * ends (a term ends at the end of its last day). On a DST-change day the day is 23 or 25 hours long;
 * the result is still the local end of that day.
 *
 * @throws RangeError when the date or the time zone is invalid.
 */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  assertLocalDate(date);
  assertTimeZone(timeZone);
  return DateTime.fromISO(date, { zone: timeZone }).endOf('day').toJSDate();
}

/** Sets built once per call, so a scan over many days does not search arrays each time. */
interface CalendarIndex {
  alwaysOpen: boolean;
  martialLaw: boolean;
  weekend: Set<number>;
  holidays: Set<LocalDate>;
  workingTransfers: Set<LocalDate>;
  daysOffTransfers: Set<LocalDate>;
}

function indexCalendar(calendar: WorkCalendar): CalendarIndex {
  return {
    alwaysOpen: calendar.alwaysOpen === true,
    martialLaw: calendar.martialLaw,
    weekend: new Set(calendar.weekendDays),
    holidays: new Set(calendar.holidays.map((holiday) => holiday.date)),
    workingTransfers: new Set(calendar.transferredWorkingDays),
    daysOffTransfers: new Set(calendar.transferredDaysOff),
  };
}

function isWorkingIn(index: CalendarIndex, date: LocalDate): boolean {
  if (index.alwaysOpen) return true;
  if (index.workingTransfers.has(date)) return true;
  if (!index.martialLaw && (index.holidays.has(date) || index.daysOffTransfers.has(date))) {
    return false;
  }
  return !index.weekend.has(isoWeekday(date));
}

/**
 * Whether `localDate` (`YYYY-MM-DD`) is a working day of `calendar`. In order of precedence:
 * 1. `alwaysOpen` → every day is working;
 * 2. a transferred working day → working (also under martial law);
 * 3. without martial law, a holiday or a transferred day off → not working (КЗпП Art. 73, 67);
 *    under martial law both are ignored (Law 2136-IX Art. 6 part 6);
 * 4. otherwise working unless its ISO weekday is in `weekendDays`.
 *
 * @throws RangeError when `localDate` is not a real `YYYY-MM-DD` date.
 */
export function isWorkingDay(calendar: WorkCalendar, localDate: LocalDate): boolean {
  assertLocalDate(localDate);
  return isWorkingIn(indexCalendar(calendar), localDate);
}

function scanWorkingDay(calendar: WorkCalendar, from: LocalDate, step: 1 | -1): LocalDate {
  assertLocalDate(from);
  const index = indexCalendar(calendar);
  let date = from;
  for (let i = 0; i < MAX_SCAN_DAYS; i += 1) {
    date = addLocalDays(date, step);
    if (isWorkingIn(index, date)) return date;
  }
  throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days of ${from}`);
}

/**
 * The first working day strictly after `localDate` (`YYYY-MM-DD` → `YYYY-MM-DD`).
 *
 * @throws RangeError on an invalid date, or when no working day exists within ten years.
 */
export function nextWorkingDay(calendar: WorkCalendar, localDate: LocalDate): LocalDate {
  return scanWorkingDay(calendar, localDate, 1);
}

/**
 * The last working day strictly before `localDate` (`YYYY-MM-DD` → `YYYY-MM-DD`).
 *
 * @throws RangeError on an invalid date, or when no working day exists within ten years.
 */
export function previousWorkingDay(calendar: WorkCalendar, localDate: LocalDate): LocalDate {
  return scanWorkingDay(calendar, localDate, -1);
}

/** `HH:mm` → minutes after local midnight (`24:00` → 1440). */
function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The end of service hours in minutes: `23:59` is written for the end of the day and means 24:00. */
function endMinutesOf(time: string): number {
  return time === '23:59' ? 24 * 60 : minutesOf(time);
}

/** Minutes (with fractions) after local midnight of a local time. */
function minuteOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
}

function insideWindow(minute: number, start: number, end: number): boolean {
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * Whether `instant` falls inside the calendar's service hours (local time, `start` inclusive, `end`
 * exclusive; a window with `end` before `start` runs across midnight). Service hours apply on every
 * day, working or not: they protect people's nights, not the working week. A 24/7 calendar
 * (`alwaysOpen`) is always inside. Emergency notifications bypass this check at the call site.
 *
 * @throws RangeError when the calendar's time zone is unknown.
 */
export function isWithinServiceHours(calendar: WorkCalendar, instant: Date): boolean {
  if (calendar.alwaysOpen) return true;
  assertTimeZone(calendar.timeZone);
  const local = DateTime.fromJSDate(instant, { zone: calendar.timeZone });
  if (
    calendar.serviceHours.workingDaysOnly &&
    !isWorkingDay(calendar, localDateOf(instant, calendar.timeZone))
  ) {
    return false;
  }
  return insideWindow(
    minuteOfDay(local),
    minutesOf(calendar.serviceHours.start),
    endMinutesOf(calendar.serviceHours.end),
  );
}

/**
 * The local wall time `minutes` after midnight of `date`, choosing the earliest occurrence after
 * `after` when a DST fall-back makes the wall time happen twice. A wall time skipped by a spring-
 * forward change moves forward by the gap (03:30 → 04:30 in Europe/Kyiv).
 */
function wallTimeAfter(date: LocalDate, minutes: number, timeZone: string, after: number): number {
  const candidate = DateTime.fromISO(date, { zone: timeZone }).set({
    hour: Math.floor(minutes / 60),
    minute: minutes % 60,
  });
  const sameWall = (other: DateTime) =>
    other.hour === candidate.hour && other.minute === candidate.minute;
  const earlier = candidate.minus({ hours: 1 });
  if (sameWall(earlier) && earlier.toMillis() > after) return earlier.toMillis();
  const later = candidate.plus({ hours: 1 });
  if (candidate.toMillis() <= after && sameWall(later)) return later.toMillis();
  return candidate.toMillis();
}

/**
 * The next instant a non-emergency notification may be sent: `instant` itself when inside service
 * hours, otherwise the next opening. With the default 08:00–22:00: 02:00 → 08:00 the same day,
 * 23:30 → 08:00 the next day, 22:00 exactly → 08:00 the next day. Across a DST change the opening is
 * the local wall time (08:00 local), so the real wait is an hour shorter or longer.
 *
 * @returns a new `Date`; never earlier than `instant`.
 * @throws RangeError when the calendar's time zone is unknown.
 */
export function nextServiceTime(calendar: WorkCalendar, instant: Date): Date {
  if (isWithinServiceHours(calendar, instant)) return new Date(instant.getTime());
  const { timeZone } = calendar;
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  const start = minutesOf(calendar.serviceHours.start);
  const today = localDateOf(instant, timeZone);
  let opening = minuteOfDay(local) < start ? today : addLocalDays(today, 1);
  if (calendar.serviceHours.workingDaysOnly && !isWorkingDay(calendar, opening)) {
    opening = nextWorkingDay(calendar, opening);
  }
  return new Date(wallTimeAfter(opening, start, timeZone, instant.getTime()));
}
