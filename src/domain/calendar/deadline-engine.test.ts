/**
 * Table-driven tests of the deadline engine. Every instant is written with its UTC offset, so the
 * results do not depend on the machine's time zone. Weekdays of the dates used: 2025-09-01 Monday,
 * 2025-08-24 Sunday, 2026-08-24 Monday, 2025-10-01 Wednesday, 2026-01-10 Saturday, 2028-02-29
 * Tuesday, 2027-03-01 Monday; DST in Europe/Kyiv: 2025-03-30 (+02:00 → +03:00) and 2025-10-26
 * (+03:00 → +02:00).
 */
import { describe, expect, it } from 'vitest';
import {
  deadlineState,
  emergencyDeadline,
  executorControlDate,
  forwardingDeadline,
  legalDeadline,
  returnIncompleteDeadline,
  termFor,
  type DeadlineState,
  type TermDecision,
  type TermKind,
} from './deadline-engine.js';
import { defaultUkrainianCalendar } from './ukrainian-holidays.js';
import {
  isWithinServiceHours,
  isWorkingDay,
  nextServiceTime,
  nextWorkingDay,
  workCalendarSchema,
  type WorkCalendar,
} from './work-calendar.js';

const KYIV = 'Europe/Kyiv';

/** Saturday and Sunday off, no holidays. */
const plain: WorkCalendar = {
  timeZone: KYIV,
  weekendDays: [6, 7],
  holidays: [],
  transferredWorkingDays: [],
  transferredDaysOff: [],
  martialLaw: false,
  serviceHours: { start: '08:00', end: '22:00' },
};
/** Ukrainian public holidays in peace time (moved days off included). */
const peace = defaultUkrainianCalendar({ years: [2025, 2026, 2027, 2028], martialLaw: false });
/** The same holidays under martial law: they are working days. */
const war: WorkCalendar = { ...peace, martialLaw: true };
/** Friday 2 January 2026 made a day off, worked off on Saturday 10 January. */
const transfers: WorkCalendar = {
  ...peace,
  transferredDaysOff: ['2026-01-02'],
  transferredWorkingDays: ['2026-01-10'],
};
const transfersWar: WorkCalendar = { ...transfers, martialLaw: true };
/** A 24/7 calendar. */
const open24: WorkCalendar = { ...plain, alwaysOpen: true };
/** A night desk whose notifications go 20:00–08:00 (a window across midnight). */
const nightDesk: WorkCalendar = { ...plain, serviceHours: { start: '20:00', end: '08:00' } };
const allDay: WorkCalendar = { ...plain, serviceHours: { start: '00:00', end: '24:00' } };

const iso = (value: string) => new Date(value).toISOString();

describe('legalDeadline: day of receipt is day 0, the term ends at the end of day N (Art. 20)', () => {
  // prettier-ignore
  const cases: [string, WorkCalendar, string, number, string][] = [
    ['term of 0 days ends at the end of the day of receipt', plain, '2025-09-01T10:00:00+03:00', 0, '2025-09-01T23:59:59.999+03:00'],
    ['last day on a working Friday stays', plain, '2025-09-01T10:00:00+03:00', 4, '2025-09-05T23:59:59.999+03:00'],
    ['last day on a Saturday → Monday', plain, '2025-09-01T10:00:00+03:00', 5, '2025-09-08T23:59:59.999+03:00'],
    ['last day on a Sunday → Monday', plain, '2025-09-01T10:00:00+03:00', 6, '2025-09-08T23:59:59.999+03:00'],
    ['15 days (no extra study)', plain, '2025-09-01T10:00:00+03:00', 15, '2025-09-16T23:59:59.999+03:00'],
    ['30 days ending on Defenders Day 1 Oct → 2 Oct', peace, '2025-09-01T10:00:00+03:00', 30, '2025-10-02T23:59:59.999+03:00'],
    ['martial law: 1 Oct is a working day', war, '2025-09-01T10:00:00+03:00', 30, '2025-10-01T23:59:59.999+03:00'],
    ['public holiday 24 Aug 2026 (Monday) → Tuesday', peace, '2026-08-14T09:00:00+03:00', 10, '2026-08-25T23:59:59.999+03:00'],
    ['martial law: 24 Aug 2026 is a working day', war, '2026-08-14T09:00:00+03:00', 10, '2026-08-24T23:59:59.999+03:00'],
    ['24 Aug 2025 on a Sunday, day off moved to Monday → Tuesday', peace, '2025-08-14T09:00:00+03:00', 10, '2025-08-26T23:59:59.999+03:00'],
    ['martial law: no moved day off → Monday 25 Aug 2025', war, '2025-08-14T09:00:00+03:00', 10, '2025-08-25T23:59:59.999+03:00'],
    ['New Year 1 Jan 2026 (Thursday) → Friday 2 Jan', peace, '2025-12-22T12:00:00+02:00', 10, '2026-01-02T23:59:59.999+02:00'],
    ['transferred day off Fri 2 Jan 2026 → Monday 5 Jan', transfers, '2025-12-23T12:00:00+02:00', 10, '2026-01-05T23:59:59.999+02:00'],
    ['martial law: a transferred day off does not apply', transfersWar, '2025-12-23T12:00:00+02:00', 10, '2026-01-02T23:59:59.999+02:00'],
    ['Saturday 10 Jan 2026 made working by transfer stays', transfers, '2025-12-31T12:00:00+02:00', 10, '2026-01-10T23:59:59.999+02:00'],
    ['Easter 2026: Sat → Sun Easter → Mon moved day off → Tuesday', peace, '2026-04-01T12:00:00+03:00', 10, '2026-04-14T23:59:59.999+03:00'],
    ['martial law: Easter Monday is working', war, '2026-04-01T12:00:00+03:00', 10, '2026-04-13T23:59:59.999+03:00'],
    ['DST spring: Friday + 3 → Monday after the change, at +03:00', plain, '2025-03-28T10:00:00+02:00', 3, '2025-03-31T23:59:59.999+03:00'],
    ['DST spring: received the evening before, Sunday → Monday', plain, '2025-03-29T23:30:00+02:00', 1, '2025-03-31T23:59:59.999+03:00'],
    ['DST spring: the 23-hour day ends at local midnight (24/7)', open24, '2025-03-29T12:00:00+02:00', 1, '2025-03-30T23:59:59.999+03:00'],
    ['DST spring: 30 days across the change', plain, '2025-03-10T09:00:00+02:00', 30, '2025-04-09T23:59:59.999+03:00'],
    ['DST autumn: Friday + 3 → Monday after the change, at +02:00', plain, '2025-10-24T10:00:00+03:00', 3, '2025-10-27T23:59:59.999+02:00'],
    ['DST autumn: received the evening before, Sunday → Monday', plain, '2025-10-25T21:30:00+03:00', 1, '2025-10-27T23:59:59.999+02:00'],
    ['DST autumn: the 25-hour day ends at local midnight (24/7)', open24, '2025-10-25T12:00:00+03:00', 1, '2025-10-26T23:59:59.999+02:00'],
    ['day 0 is the local date: 00:30 Kyiv is still the previous UTC day', plain, '2025-06-30T21:30:00Z', 1, '2025-07-02T23:59:59.999+03:00'],
    ['leap year: 15 days to 29 Feb 2028', plain, '2028-02-14T10:00:00+02:00', 15, '2028-02-29T23:59:59.999+02:00'],
    ['leap year: 30 days from 30 Jan 2028 → 29 Feb', plain, '2028-01-30T10:00:00+02:00', 30, '2028-02-29T23:59:59.999+02:00'],
    ['leap year: 28 Feb 2028 + 1 → 29 Feb', plain, '2028-02-28T23:00:00+02:00', 1, '2028-02-29T23:59:59.999+02:00'],
    ['non-leap year: 15 days from 14 Feb 2027 → 1 Mar', plain, '2027-02-14T10:00:00+02:00', 15, '2027-03-01T23:59:59.999+02:00'],
    ['non-leap year: Sat 27 Feb 2027 + 1 → Sun 28 → Mon 1 Mar', plain, '2027-02-27T10:00:00+02:00', 1, '2027-03-01T23:59:59.999+02:00'],
    ['45 days in total', plain, '2025-09-01T10:00:00+03:00', 45, '2025-10-16T23:59:59.999+03:00'],
    ['45 days ending on a Saturday → Monday', plain, '2025-09-03T10:00:00+03:00', 45, '2025-10-20T23:59:59.999+03:00'],
    ['24/7 calendar: a Saturday is a working day', open24, '2025-09-01T10:00:00+03:00', 5, '2025-09-06T23:59:59.999+03:00'],
  ];

  it.each(cases)('%s', (_name, calendar, receivedAt, termDays, expected) => {
    expect(
      legalDeadline({ receivedAt: new Date(receivedAt), termDays, calendar }).toISOString(),
    ).toBe(iso(expected));
  });

  it.each([-1, 1.5, Number.NaN])('refuses termDays %s', (termDays) => {
    expect(() => legalDeadline({ receivedAt: new Date(), termDays, calendar: plain })).toThrow(
      RangeError,
    );
  });

  it('refuses an unknown time zone', () => {
    const calendar = { ...plain, timeZone: 'Europe/Atlantis' };
    expect(() => legalDeadline({ receivedAt: new Date(), termDays: 1, calendar })).toThrow(
      RangeError,
    );
  });
});

describe('termFor: 30 days, 15 without extra study, shorter on request, 45 in total (Art. 20)', () => {
  // prettier-ignore
  const cases: [string, { kind: TermKind; requestedDays?: number; extensionDays?: number }, TermDecision | string][] = [
    ['standard: one month as 30 days', { kind: 'standard' }, { ok: true, days: 30, baseDays: 30, extensionDays: 0 }],
    ['no extra study: 15 days', { kind: 'no_extra_study' }, { ok: true, days: 15, baseDays: 15, extensionDays: 0 }],
    ['applicant request: 10 days', { kind: 'applicant_request', requestedDays: 10 }, { ok: true, days: 10, baseDays: 10, extensionDays: 0 }],
    ['standard extended by 15 → 45 (the cap)', { kind: 'standard', extensionDays: 15 }, { ok: true, days: 45, baseDays: 30, extensionDays: 15 }],
    ['no extra study extended by 30 → 45', { kind: 'no_extra_study', extensionDays: 30 }, { ok: true, days: 45, baseDays: 15, extensionDays: 30 }],
    ['standard extended by 16 → refused', { kind: 'standard', extensionDays: 16 }, 'extension_over_45_days'],
    ['no extra study extended by 31 → refused', { kind: 'no_extra_study', extensionDays: 31 }, 'extension_over_45_days'],
    ['applicant request 20 + 26 → refused', { kind: 'applicant_request', requestedDays: 20, extensionDays: 26 }, 'extension_over_45_days'],
    ['applicant request without days', { kind: 'applicant_request' }, 'requested_days_required'],
    ['applicant request of 30 days is not shorter', { kind: 'applicant_request', requestedDays: 30 }, 'requested_term_not_shorter'],
    ['applicant request of 0 days', { kind: 'applicant_request', requestedDays: 0 }, 'requested_term_not_shorter'],
    ['fractional requested days', { kind: 'applicant_request', requestedDays: 2.5 }, 'invalid_days'],
    ['negative extension', { kind: 'standard', extensionDays: -1 }, 'invalid_days'],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    const decision = termFor(input);
    if (typeof expected === 'string') expect(decision).toMatchObject({ ok: false, code: expected });
    else expect(decision).toEqual(expected);
  });

  it('a 45-day term from termFor feeds legalDeadline', () => {
    const decision = termFor({ kind: 'standard', extensionDays: 15 });
    if (!decision.ok) throw new Error(decision.message);
    const receivedAt = new Date('2025-09-01T10:00:00+03:00');
    expect(
      legalDeadline({ receivedAt, termDays: decision.days, calendar: plain }).toISOString(),
    ).toBe(iso('2025-10-16T23:59:59.999+03:00'));
  });
});

describe('emergencyDeadline: elapsed hours, across midnight, no gap', () => {
  // prettier-ignore
  const cases: [string, WorkCalendar, string, number, string][] = [
    ['4 hours across midnight into a Saturday', plain, '2025-09-05T22:30:00+03:00', 4, '2025-09-06T02:30:00+03:00'],
    ['the same in a 24/7 calendar: no gap at midnight', open24, '2025-09-05T22:30:00+03:00', 4, '2025-09-06T02:30:00+03:00'],
    ['holiday does not pause an emergency', peace, '2025-08-23T20:00:00+03:00', 24, '2025-08-24T20:00:00+03:00'],
    ['24 hours across the spring change: the clock shows 23:00', plain, '2025-03-29T22:00:00+02:00', 24, '2025-03-30T23:00:00+03:00'],
    ['24 hours across the autumn change: the clock shows 21:00', plain, '2025-10-25T22:00:00+03:00', 24, '2025-10-26T21:00:00+02:00'],
    ['half an hour', plain, '2025-09-05T23:45:00+03:00', 0.5, '2025-09-06T00:15:00+03:00'],
  ];

  it.each(cases)('%s', (_name, calendar, receivedAt, hours, expected) => {
    expect(
      emergencyDeadline({ receivedAt: new Date(receivedAt), hours, calendar }).toISOString(),
    ).toBe(iso(expected));
  });

  it.each([0, -2, Number.POSITIVE_INFINITY])('refuses %s hours', (hours) => {
    expect(() => emergencyDeadline({ receivedAt: new Date(), hours, calendar: plain })).toThrow(
      RangeError,
    );
  });
});

describe('executorControlDate: earlier by a margin of working days, floor and cap', () => {
  // prettier-ignore
  const cases: [string, WorkCalendar, string, number, number, string][] = [
    // [name, calendar, receivedAt, termDays, marginDays, expected control date]
    ['margin 0 is the legal deadline', plain, '2025-09-01T10:00:00+03:00', 5, 0, '2025-09-08T23:59:59.999+03:00'],
    ['Monday deadline, margin 1 crosses the weekend → Friday', plain, '2025-09-01T10:00:00+03:00', 5, 1, '2025-09-05T23:59:59.999+03:00'],
    ['Monday deadline, margin 2 → Thursday', plain, '2025-09-01T10:00:00+03:00', 5, 2, '2025-09-04T23:59:59.999+03:00'],
    ['30-day term, margin 3 → Friday', plain, '2025-09-01T10:00:00+03:00', 30, 3, '2025-09-26T23:59:59.999+03:00'],
    ['margin over the term: not before the first working day after receipt', plain, '2025-09-01T10:00:00+03:00', 2, 5, '2025-09-02T23:59:59.999+03:00'],
    ['received on Friday, margin 10 → floor Monday', plain, '2025-09-05T10:00:00+03:00', 6, 10, '2025-09-08T23:59:59.999+03:00'],
    ['term 0: never later than the legal deadline', plain, '2025-09-01T10:00:00+03:00', 0, 3, '2025-09-01T23:59:59.999+03:00'],
    ['holiday 24 Aug 2026 is skipped in the margin', peace, '2026-08-15T09:00:00+03:00', 10, 1, '2026-08-21T23:59:59.999+03:00'],
    ['martial law: 24 Aug 2026 counts as a working day', war, '2026-08-15T09:00:00+03:00', 10, 1, '2026-08-24T23:59:59.999+03:00'],
    ['margin across a weekend and the spring DST change', plain, '2025-03-24T10:00:00+02:00', 7, 1, '2025-03-28T23:59:59.999+02:00'],
    ['24/7 calendar: the margin is in calendar days', open24, '2025-09-01T10:00:00+03:00', 7, 2, '2025-09-06T23:59:59.999+03:00'],
  ];

  it.each(cases)('%s', (_name, calendar, receivedAtIso, termDays, reviewMarginDays, expected) => {
    const receivedAt = new Date(receivedAtIso);
    const deadline = legalDeadline({ receivedAt, termDays, calendar });
    const control = executorControlDate({
      legalDeadline: deadline,
      receivedAt,
      reviewMarginDays,
      calendar,
    });
    expect(control.toISOString()).toBe(iso(expected));
    expect(control.getTime()).toBeLessThanOrEqual(deadline.getTime());
  });
});

describe('Art. 7 forwarding (5 days) and Art. 5 return (10 days)', () => {
  // prettier-ignore
  const cases: [string, 'forward' | 'return', WorkCalendar, string, string][] = [
    ['forward: Monday + 5 = Saturday → Monday', 'forward', plain, '2025-09-01T10:00:00+03:00', '2025-09-08T23:59:59.999+03:00'],
    ['forward: Thursday + 5 = Tuesday', 'forward', plain, '2025-09-18T10:00:00+03:00', '2025-09-23T23:59:59.999+03:00'],
    ['forward: Sunday 24 Aug 2025 → moved day off → Tuesday', 'forward', peace, '2025-08-19T10:00:00+03:00', '2025-08-26T23:59:59.999+03:00'],
    ['return: Monday + 10 = Thursday', 'return', plain, '2025-09-01T10:00:00+03:00', '2025-09-11T23:59:59.999+03:00'],
    ['return: ends on 1 Oct (holiday) → 2 Oct', 'return', peace, '2025-09-21T10:00:00+03:00', '2025-10-02T23:59:59.999+03:00'],
    ['return under martial law: 1 Oct stays', 'return', war, '2025-09-21T10:00:00+03:00', '2025-10-01T23:59:59.999+03:00'],
  ];

  it.each(cases)('%s', (_name, which, calendar, receivedAt, expected) => {
    const fn = which === 'forward' ? forwardingDeadline : returnIncompleteDeadline;
    expect(fn(new Date(receivedAt), calendar).toISOString()).toBe(iso(expected));
  });
});

describe('nextServiceTime: non-emergency notifications wait for service hours', () => {
  // prettier-ignore
  const cases: [string, WorkCalendar, string, string][] = [
    ['02:00 → 08:00 the same day', plain, '2025-09-03T02:00:00+03:00', '2025-09-03T08:00:00+03:00'],
    ['23:30 → 08:00 the next day', plain, '2025-09-03T23:30:00+03:00', '2025-09-04T08:00:00+03:00'],
    ['22:00 exactly is outside → 08:00 the next day', plain, '2025-09-03T22:00:00+03:00', '2025-09-04T08:00:00+03:00'],
    ['21:59:59.999 is inside → now', plain, '2025-09-03T21:59:59.999+03:00', '2025-09-03T21:59:59.999+03:00'],
    ['08:00 exactly is inside → now', plain, '2025-09-03T08:00:00+03:00', '2025-09-03T08:00:00+03:00'],
    ['07:59:59 → 08:00', plain, '2025-09-03T07:59:59+03:00', '2025-09-03T08:00:00+03:00'],
    ['Sunday 02:00 → Sunday 08:00 (service hours apply every day)', plain, '2025-09-07T02:00:00+03:00', '2025-09-07T08:00:00+03:00'],
    ['spring DST night: 02:00 (+02) → 08:00 (+03)', plain, '2025-03-30T02:00:00+02:00', '2025-03-30T08:00:00+03:00'],
    ['Saturday 23:30 before the spring change → Sunday 08:00 (+03)', plain, '2025-03-29T23:30:00+02:00', '2025-03-30T08:00:00+03:00'],
    ['autumn DST night: 02:00 (+03) → 08:00 (+02)', plain, '2025-10-26T02:00:00+03:00', '2025-10-26T08:00:00+02:00'],
    ['24/7 calendar: 02:00 → now', open24, '2025-09-03T02:00:00+03:00', '2025-09-03T02:00:00+03:00'],
    ['night desk 20:00–08:00: 23:30 → now', nightDesk, '2025-09-03T23:30:00+03:00', '2025-09-03T23:30:00+03:00'],
    ['night desk 20:00–08:00: 03:00 → now (no gap at midnight)', nightDesk, '2025-09-04T03:00:00+03:00', '2025-09-04T03:00:00+03:00'],
    ['night desk 20:00–08:00: 12:00 → 20:00', nightDesk, '2025-09-03T12:00:00+03:00', '2025-09-03T20:00:00+03:00'],
    ['all day 00:00–24:00: 23:59 → now', allDay, '2025-09-03T23:59:00+03:00', '2025-09-03T23:59:00+03:00'],
  ];

  it.each(cases)('%s', (_name, calendar, at, expected) => {
    const instant = new Date(at);
    const next = nextServiceTime(calendar, instant);
    expect(next.toISOString()).toBe(iso(expected));
    expect(isWithinServiceHours(calendar, instant)).toBe(next.getTime() === instant.getTime());
  });
});

describe('deadlineState: ok, due_soon, overdue at the boundaries', () => {
  const deadline = new Date('2025-09-08T23:59:59.999+03:00');
  const hour = 3_600_000;
  // prettier-ignore
  const cases: [string, number, number, DeadlineState][] = [
    // [name, now − deadline in ms, dueSoonHours, expected]
    ['25 hours before, due-soon window 24 h', -25 * hour, 24, 'ok'],
    ['1 ms before the window opens', -24 * hour - 1, 24, 'ok'],
    ['exactly 24 hours before', -24 * hour, 24, 'due_soon'],
    ['1 hour before', -hour, 24, 'due_soon'],
    ['at the deadline instant', 0, 24, 'due_soon'],
    ['1 ms after the deadline', 1, 24, 'overdue'],
    ['days after', 3 * 24 * hour, 24, 'overdue'],
    ['window 0: 1 ms before is ok', -1, 0, 'ok'],
    ['window 0: at the deadline is due soon', 0, 0, 'due_soon'],
  ];

  it.each(cases)('%s', (_name, offset, dueSoonHours, expected) => {
    const now = new Date(deadline.getTime() + offset);
    expect(deadlineState({ deadline, now, dueSoonHours })).toBe(expected);
  });

  it('refuses a negative window', () => {
    expect(() => deadlineState({ deadline, now: deadline, dueSoonHours: -1 })).toThrow(RangeError);
  });
});

describe('work calendar', () => {
  // prettier-ignore
  const cases: [string, WorkCalendar, string, boolean][] = [
    ['a Wednesday', plain, '2025-09-03', true],
    ['a Saturday', plain, '2025-09-06', false],
    ['a holiday in peace time', peace, '2026-08-24', false],
    ['a holiday under martial law', war, '2026-08-24', true],
    ['a moved day off in peace time', peace, '2025-08-25', false],
    ['a transferred working Saturday', transfers, '2026-01-10', true],
    ['a transferred working Saturday under martial law', transfersWar, '2026-01-10', true],
    ['a Sunday in a 24/7 calendar', open24, '2025-09-07', true],
  ];

  it.each(cases)('isWorkingDay: %s', (_name, calendar, date, expected) => {
    expect(isWorkingDay(calendar, date)).toBe(expected);
  });

  it('nextWorkingDay is strictly after the date', () => {
    expect(nextWorkingDay(plain, '2025-09-05')).toBe('2025-09-08');
    expect(nextWorkingDay(plain, '2025-09-03')).toBe('2025-09-04');
    expect(nextWorkingDay(open24, '2025-09-06')).toBe('2025-09-07');
  });

  it('refuses a date that does not exist', () => {
    expect(() => isWorkingDay(plain, '2027-02-29')).toThrow(RangeError);
  });

  it('schema fills defaults and keeps martial law explicit', () => {
    const parsed = workCalendarSchema.parse({ martialLaw: true });
    expect(parsed).toEqual({
      timeZone: KYIV,
      weekendDays: [6, 7],
      holidays: [],
      transferredWorkingDays: [],
      transferredDaysOff: [],
      martialLaw: true,
      serviceHours: { start: '08:00', end: '22:00' },
    });
    expect(workCalendarSchema.safeParse({}).success).toBe(false);
  });

  // prettier-ignore
  const invalid: [string, Record<string, unknown>][] = [
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }],
    ['weekday 8', { weekendDays: [6, 8] }],
    ['every day off without alwaysOpen', { weekendDays: [1, 2, 3, 4, 5, 6, 7] }],
    ['29 February of a non-leap year', { holidays: [{ date: '2027-02-29', name: 'x' }] }],
    ['a date both working and off', { transferredWorkingDays: ['2026-01-10'], transferredDaysOff: ['2026-01-10'] }],
    ['a time 25:00', { serviceHours: { start: '08:00', end: '25:00' } }],
    ['start equal to end', { serviceHours: { start: '08:00', end: '08:00' } }],
  ];

  it.each(invalid)('schema refuses %s', (_name, patch) => {
    expect(workCalendarSchema.safeParse({ martialLaw: false, ...patch }).success).toBe(false);
  });
});
