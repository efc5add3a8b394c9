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

/** The seed calendar for the years around `now`. */
export function seedCalendar(timeZone: string, now: Date = new Date()): WorkCalendar {
  const year = DateTime.fromJSDate(now, { zone: timeZone }).year;
  return defaultUkrainianCalendar({
    years: [year - 1, year, year + 1, year + 2, year + 3],
    martialLaw: true,
    timeZone,
  });
}

/** The calendar in use (the saved one, or the seed for `timeZone`). */
export async function loadCalendar(db: Kysely<DB>, timeZone: string): Promise<WorkCalendar> {
  const row = await db
    .selectFrom('work_calendars')
    .select('calendar')
    .where('name', '=', CALENDAR_NAME)
    .executeTakeFirst();
  if (!row) return seedCalendar(timeZone);
  const parsed = workCalendarSchema.safeParse(row.calendar);
  return parsed.success ? parsed.data : seedCalendar(timeZone);
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
}
