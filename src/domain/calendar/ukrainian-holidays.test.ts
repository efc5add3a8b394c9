import { describe, expect, it } from 'vitest';
import {
  defaultUkrainianCalendar,
  orthodoxEaster,
  ukrainianPublicHolidays,
} from './ukrainian-holidays.js';
import { workCalendarSchema } from './work-calendar.js';

const datesOf = (year: number) => ukrainianPublicHolidays(year).map((holiday) => holiday.date);

describe('orthodoxEaster', () => {
  // prettier-ignore
  const cases: [number, string][] = [
    [2016, '2016-05-01'], [2021, '2021-05-02'], [2022, '2022-04-24'], [2023, '2023-04-16'],
    [2024, '2024-05-05'], [2025, '2025-04-20'], [2026, '2026-04-12'], [2027, '2027-05-02'],
    [2028, '2028-04-16'],
  ];
  it.each(cases)('%i → %s', (year, expected) => {
    expect(orthodoxEaster(year)).toBe(expected);
  });
});

describe('ukrainianPublicHolidays (Labour Code Art. 73, Art. 67 part 3)', () => {
  // prettier-ignore
  const cases: [string, number, string, boolean][] = [
    ['2025: Victory Day is 8 May', 2025, '2025-05-08', true],
    ['2025: 9 May is no longer a holiday', 2025, '2025-05-09', false],
    ['2025: Independence Day on Sunday moves the day off to Monday', 2025, '2025-08-25', true],
    ['2025: Constitution Day on Saturday moves the day off to Monday', 2025, '2025-06-30', true],
    ['2025: Statehood Day 15 July', 2025, '2025-07-15', true],
    ['2025: Trinity (Easter + 49) and its moved day off', 2025, '2025-06-09', true],
    ['2024: 7 January is no longer a holiday', 2024, '2024-01-07', false],
    ['2023: 7 January still a holiday', 2023, '2023-01-07', true],
    ['2023: 9 May (the 8 May law came into force in June)', 2023, '2023-05-09', true],
    ['2023: Statehood Day on 28 July', 2023, '2023-07-28', true],
    ['2023: Defenders Day on 1 October', 2023, '2023-10-01', true],
    ['2023: 14 October no longer', 2023, '2023-10-14', false],
    ['2022: Defenders Day on 14 October', 2022, '2022-10-14', true],
    ['2022: Statehood Day on 28 July', 2022, '2022-07-28', true],
    ['2021: no Statehood Day yet', 2021, '2021-07-28', false],
    ['2016: 2 May still a holiday', 2016, '2016-05-02', true],
    ['2016: no 25 December yet', 2016, '2016-12-25', false],
  ];
  it.each(cases)('%s', (_name, year, date, expected) => {
    expect(datesOf(year).includes(date)).toBe(expected);
  });

  it('2016: Easter and Labour Day on one Sunday move one day off (3 May), not two', () => {
    const may = datesOf(2016).filter((date) => date.startsWith('2016-05-0'));
    expect([...new Set(may)]).toEqual(['2016-05-01', '2016-05-02', '2016-05-03', '2016-05-09']);
  });

  it('is sorted and every entry has a name', () => {
    const list = ukrainianPublicHolidays(2026);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(list.length).toBeGreaterThanOrEqual(11);
    expect(list.every((h) => h.name.length > 0)).toBe(true);
  });

  it.each([2014, 2100, 2025.5])('refuses year %s', (year) => {
    expect(() => ukrainianPublicHolidays(year)).toThrow(RangeError);
  });

  it('builds a calendar the administrator schema accepts', () => {
    const calendar = defaultUkrainianCalendar({ years: [2026, 2025], martialLaw: true });
    expect(workCalendarSchema.parse(calendar)).toEqual(calendar);
    expect(calendar.holidays[0]?.date).toBe('2025-01-01');
  });
});
