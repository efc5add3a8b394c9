/**
 * The calendar page's day and time rules (domain/calendar/work-calendar.ts, as the server applies
 * them) and the labels of days and weekdays.
 */
import { isLocalDate, serviceHoursSchema } from '../../../../domain/calendar/work-calendar.js';
import { intlLocale } from '../../../shared/i18n/locale.js';
import { formatDate } from '../../../shared/lib/format.js';

export const isDay = isLocalDate;
export const isStart = (time: string) => serviceHoursSchema.shape.start.safeParse(time).success;
export const isEnd = (time: string) => serviceHoursSchema.shape.end.safeParse(time).success;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** ISO weekday 1…7 → its name in the language (1 Jan 2024 was a Monday). */
export function weekdayName(day: number, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2024, 0, day)));
}

/** A day as people read it (the date is a calendar day, not an instant). */
export function dayLabel(day: string, language: string): string {
  return isDay(day) ? formatDate(`${day}T12:00:00Z`, language) : day;
}
