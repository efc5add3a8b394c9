/**
 * The default Ukrainian public holidays, as DATA: a seed for the work calendar an administrator edits.
 * The deadline engine never calls this; it reads whatever calendar it is given.
 *
 * Labour Code of Ukraine (КЗпП) Art. 73, as amended:
 * - 1 January — New Year; 8 March — International Women's Day; 1 May — Labour Day (1 and 2 May until
 *   2017; Law 2211-VIII of 16.11.2017 left 1 May only and added 25 December);
 * - 9 May — Victory Day until 2023; from 2024 8 May — Day of Remembrance and Victory over Nazism
 *   (Law 3107-IX of 29.05.2023, in force 15.06.2023, after 9 May 2023 had passed);
 * - 28 June — Constitution Day; 24 August — Independence Day;
 * - Statehood Day: 28 July in 2022–2023 (Law 2295-IX of 31.05.2022); 15 July from 2024
 *   (bill 9431, adopted 14.07.2023, applied from 1 September 2023, after 28 July 2023 had passed);
 * - Defenders Day: 14 October in 2015–2022 (Law 238-VIII of 05.03.2015); 1 October from 2023
 *   (bill 9431, applied from 1 September 2023);
 * - Christmas: 7 January until 2023 (the last one a holiday was 7 January 2023); 25 December from
 *   2017 (Law 2211-VIII); bill 9431 left 25 December only;
 * - religious holidays on which work is not done: Easter (one day, Sunday) and Trinity (one day,
 *   Sunday, Easter + 49 days), by the Orthodox (Julian) paschalion, which the 2023 calendar reform
 *   of the Orthodox Church of Ukraine did not change.
 *
 * Labour Code Art. 67 part 3: when a holiday falls on a day off, the day off moves to the next day
 * after the holiday. The seed writes the moved day off as a holiday entry of its own (Saturday or
 * Sunday → the next weekday that is not already a holiday or a moved day off). One weekend day holding
 * two holidays (Easter on 1 May 2016) moves one day off, not two: the rule moves the day off, not the
 * holiday.
 *
 * Under martial law (Law 2136-IX Art. 6 part 6, Ukraine since 24.02.2022) Art. 73 and Art. 67 parts
 * 3–5 do not apply: the calendar's `martialLaw` flag makes the engine ignore every holiday entry,
 * moved days off included, so the seed itself does not depend on martial law.
 *
 * Not in the seed: working days moved by a Cabinet of Ministers recommendation (Art. 67 part 5); the
 * administrator enters those as transferred days. The seed follows the law as in force in 2025; when
 * the law changes, the administrator edits the calendar.
 */
import { DateTime } from 'luxon';
import {
  addLocalDays,
  DEFAULT_SERVICE_HOURS,
  DEFAULT_TIME_ZONE,
  DEFAULT_WEEKEND_DAYS,
  isoWeekday,
  type Holiday,
  type LocalDate,
  type WorkCalendar,
} from './work-calendar.js';

/** First and last year the seed knows the rules for. */
export const FIRST_SEED_YEAR = 2015;
export const LAST_SEED_YEAR = 2099;

function assertSeedYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SEED_YEAR || year > LAST_SEED_YEAR) {
    throw new RangeError(
      `Ukrainian holidays are seeded for ${FIRST_SEED_YEAR}–${LAST_SEED_YEAR}, got ${year}`,
    );
  }
}

function isoDate(year: number, month: number, day: number): LocalDate {
  const iso = DateTime.utc(year, month, day).toISODate();
  if (iso === null) throw new RangeError(`Invalid date ${year}-${month}-${day}`);
  return iso;
}

/**
 * The Gregorian date of Orthodox Easter in `year` (Meeus' Julian algorithm, then Julian → Gregorian,
 * which is +13 days in 1900–2099). E.g. 2024 → `2024-05-05`, 2025 → `2025-04-20`.
 *
 * @throws RangeError outside 2015–2099.
 */
export function orthodoxEaster(year: number): LocalDate {
  assertSeedYear(year);
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const julianToGregorian = Math.floor(year / 100) - Math.floor(year / 400) - 2;
  return addLocalDays(isoDate(year, month, day), julianToGregorian);
}

/** The holidays of Art. 73 in force on their date in `year`, without moved days off. */
function statutoryHolidays(year: number): Holiday[] {
  const easter = orthodoxEaster(year);
  const on = (month: number, day: number, name: string): Holiday => ({
    date: isoDate(year, month, day),
    name,
  });
  const list: Holiday[] = [on(1, 1, 'Новий рік')];
  if (year <= 2023) list.push(on(1, 7, 'Різдво Христове'));
  list.push(on(3, 8, 'Міжнародний жіночий день'));
  list.push({ date: easter, name: 'Великдень (Пасха)' });
  list.push({ date: addLocalDays(easter, 49), name: 'Трійця' });
  if (year <= 2017) {
    list.push(on(5, 1, 'День міжнародної солідарності трудящих'));
    list.push(on(5, 2, 'День міжнародної солідарності трудящих'));
  } else {
    list.push(on(5, 1, 'День праці'));
  }
  if (year <= 2023) {
    list.push(on(5, 9, 'День перемоги над нацизмом у Другій світовій війні (День перемоги)'));
  } else {
    list.push(
      on(5, 8, 'День пам’яті та перемоги над нацизмом у Другій світовій війні 1939–1945 років'),
    );
  }
  list.push(on(6, 28, 'День Конституції України'));
  if (year === 2022 || year === 2023) list.push(on(7, 28, 'День Української Державності'));
  if (year >= 2024) list.push(on(7, 15, 'День Української Державності'));
  list.push(on(8, 24, 'День Незалежності України'));
  if (year <= 2022) list.push(on(10, 14, 'День захисника України'));
  else list.push(on(10, 1, 'День захисників і захисниць України'));
  if (year >= 2017) list.push(on(12, 25, 'Різдво Христове'));
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * The default public holidays of Ukraine in `year`, sorted by date: the Art. 73 holidays plus, for each
 * Saturday or Sunday holding a holiday, the moved day off (Art. 67 part 3) named
 * `«<holiday>» — перенесений вихідний (ст. 67 КЗпП)`.
 *
 * @returns `{ date: 'YYYY-MM-DD', name }[]` (names in Ukrainian: they are shown to users as data).
 * @throws RangeError outside 2015–2099.
 */
export function ukrainianPublicHolidays(year: number): Holiday[] {
  assertSeedYear(year);
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((holiday) => holiday.date));
  const isWeekend = (date: LocalDate) => DEFAULT_WEEKEND_DAYS.includes(isoWeekday(date));
  const moved: Holiday[] = [];
  const weekendDates = [...new Set(holidays.map((h) => h.date).filter(isWeekend))];
  for (const date of weekendDates) {
    const names = holidays.filter((h) => h.date === date).map((h) => h.name);
    let dayOff = addLocalDays(date, 1);
    while (isWeekend(dayOff) || taken.has(dayOff)) dayOff = addLocalDays(dayOff, 1);
    taken.add(dayOff);
    moved.push({
      date: dayOff,
      name: `«${names.join(', ')}» — перенесений вихідний (ст. 67 КЗпП)`,
    });
  }
  return [...holidays, ...moved].sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * A complete default work calendar for a Ukrainian city: Saturday and Sunday off, the seeded holidays
 * of `years`, no transferred days, service hours 08:00–22:00. `martialLaw` must be stated: while it is
 * true the holidays are kept as data but are working days.
 *
 * @throws RangeError when a year is outside 2015–2099.
 */
export function defaultUkrainianCalendar(options: {
  years: number[];
  martialLaw: boolean;
  timeZone?: string;
}): WorkCalendar {
  const holidays = [...new Set(options.years)]
    .sort((x, y) => x - y)
    .flatMap((year) => ukrainianPublicHolidays(year));
  return {
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    weekendDays: [...DEFAULT_WEEKEND_DAYS],
    holidays,
    transferredWorkingDays: [],
    transferredDaysOff: [],
    martialLaw: options.martialLaw,
    serviceHours: { ...DEFAULT_SERVICE_HOURS },
  };
}
