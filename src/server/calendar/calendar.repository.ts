/**
 * The city's work calendar, stored as data (`work_calendars`, row 'city') and edited by an
 * administrator. Until one is saved, the default is the Ukrainian seed (weekends, public holidays
 * of last year to three years ahead) in martial-law mode, as in force since 2022.
 */
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { defaultUkrainianCalendar } from '../../domain/calendar/ukrainian-holidays.js';
import { type WorkCalendar, workCalendarSchema } from '../../domain/calendar/work-calendar.js';
import type { DB } from '../db/schema.js';

const CALENDAR_NAME = 'city';

/**
 * Seed calendars already computed, by time zone and year. Computing one (five years of holidays,
 * Easter included) takes milliseconds of CPU, and every registration and sweep asks for it while
 * no calendar is saved (docs/PERFORMANCE.md); callers get a copy, so the cache stays as computed.
 */
const seedCache = new Map<string, WorkCalendar>();

/**
 * The seed calendar for the years around `now` (last year to three years ahead). `now` is the
 * caller's clock (`deps.now()`), never the machine's, so a test or an import of old appeals
 * gets the holidays of its own years.
 */
export function seedCalendar(timeZone: string, now: Date): WorkCalendar {
  const year = DateTime.fromJSDate(now, { zone: timeZone }).year;
  const key = `${timeZone}|${year}`;
  let seed = seedCache.get(key);
  if (!seed) {
    seed = defaultUkrainianCalendar({
      years: [year - 1, year, year + 1, year + 2, year + 3],
      martialLaw: true,
      timeZone,
    });
    seedCache.set(key, seed);
  }
  return structuredClone(seed);
}

/**
 * Every registration needs the calendar; reading and validating it each time costs more than the
 * rest of the registration. It is kept per database handle for CACHE_MS; an edit in this process
 * is seen at once, an edit in another app process within CACHE_MS.
 */
const CACHE_MS = 30_000;
const cache = new WeakMap<
  object,
  { at: number; timeZone: string; seedYear: number; calendar: WorkCalendar }
>();

/**
 * The calendar in use: the saved one, or the seed for `timeZone` around `now` (the caller's
 * clock: `deps.now()`, or the date a term starts from).
 */
export async function loadCalendar(
  db: Kysely<DB>,
  timeZone: string,
  now: Date,
): Promise<WorkCalendar> {
  const key = cacheKey(db);
  const seedYear = DateTime.fromJSDate(now, { zone: timeZone }).year;
  const hit = cache.get(key);
  if (
    hit &&
    hit.timeZone === timeZone &&
    hit.seedYear === seedYear &&
    Date.now() - hit.at < CACHE_MS
  ) {
    return hit.calendar;
  }
  const calendar = await readCalendar(db, timeZone, now);
  cache.set(key, { at: Date.now(), timeZone, seedYear, calendar });
  return calendar;
}

/**
 * Transactions are separate Kysely objects over the same pool; the cache key is the executor's
 * pool-level identity when Kysely exposes it, else the handle itself.
 */
function cacheKey(db: Kysely<DB>): object {
  return (db.getExecutor() as unknown as { adapter?: object }).adapter ?? db;
}

async function readCalendar(db: Kysely<DB>, timeZone: string, now: Date): Promise<WorkCalendar> {
  const row = await db
    .selectFrom('work_calendars')
    .select('calendar')
    .where('name', '=', CALENDAR_NAME)
    .executeTakeFirst();
  if (!row) return seedCalendar(timeZone, now);
  const parsed = workCalendarSchema.safeParse(row.calendar);
  return parsed.success ? parsed.data : seedCalendar(timeZone, now);
}

/** Save the calendar an administrator edited (validated by `workCalendarSchema` before). */
export async function saveCalendar(
  db: Kysely<DB>,
  calendar: WorkCalendar,
  userId: number | null,
  now: Date,
): Promise<void> {
  await db
    .insertInto('work_calendars')
    .values({
      name: CALENDAR_NAME,
      calendar: JSON.stringify(calendar),
      updated_at: now,
      updated_by: userId,
    })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ calendar: JSON.stringify(calendar), updated_at: now, updated_by: userId }),
    )
    .execute();
  cache.delete(cacheKey(db));
}
