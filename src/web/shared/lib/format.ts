/**
 * Dates, times and sizes as people in the city read them: always in the city's time zone
 * (Europe/Kyiv), whatever the browser's zone, in the chosen language.
 */
import { intlLocale } from '../i18n/locale.js';

export const CITY_TIME_ZONE = 'Europe/Kyiv';

function zone(): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: CITY_TIME_ZONE });
    return CITY_TIME_ZONE;
  } catch {
    return 'Europe/Kiev'; // older ICU data
  }
}
const TZ = zone();

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: TZ,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: TZ,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

/** The offset of the city's zone at `at`, as `+02:00`. */
export function cityOffset(at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(part ?? '');
  return match?.[1] ?? '+00:00';
}

/** `2026-03-29` (a day in the city) → the ISO instant its first millisecond starts. */
export function cityDayStart(day: string): string {
  return `${day}T00:00:00.000${cityOffset(new Date(`${day}T12:00:00Z`))}`;
}

/** `2026-03-29` → the ISO instant of its last millisecond in the city. */
export function cityDayEnd(day: string): string {
  return `${day}T23:59:59.999${cityOffset(new Date(`${day}T12:00:00Z`))}`;
}

/** Today's date in the city as `YYYY-MM-DD`. */
export function cityToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(now);
}

export type TimeLeft =
  { state: 'none' } | { state: 'overdue' | 'left'; days: number; hours: number; dueSoon: boolean };

/** Time from `now` to the control date: whole days and hours, overdue when past. */
export function timeLeft(controlDate: string | null, now: Date = new Date()): TimeLeft {
  if (!controlDate) return { state: 'none' };
  const ms = new Date(controlDate).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  return {
    state: ms < 0 ? 'overdue' : 'left',
    days,
    hours,
    dueSoon: ms >= 0 && ms < 3 * 86_400_000,
  };
}

export function formatBytes(bytes: number, language: string): string {
  const [value, unit] =
    bytes < 1024
      ? [bytes, 'byte']
      : bytes < 1024 * 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}
