import { describe, expect, it } from 'vitest';
import { isWithinServiceHours, nextServiceTime, workCalendarSchema } from './work-calendar.js';

const calendar = (serviceHours: { start: string; end: string; workingDaysOnly?: boolean }) =>
  workCalendarSchema.parse({
    martialLaw: false,
    holidays: [{ date: '2026-12-25', name: 'Різдво' }],
    serviceHours,
  });

describe('quiet hours', () => {
  it.each([
    // [hours, local instant (Kyiv, +02:00 in winter), within?]
    [{ start: '08:00', end: '23:59' }, '2026-12-01T23:59:30+02:00', true],
    [{ start: '08:00', end: '23:59' }, '2026-12-01T23:59:00+02:00', true],
    [{ start: '08:00', end: '23:59' }, '2026-12-02T00:00:00+02:00', false],
    [{ start: '00:00', end: '24:00' }, '2026-12-01T03:00:00+02:00', true],
    [{ start: '08:00', end: '22:00' }, '2026-12-01T22:00:00+02:00', false],
    [{ start: '08:00', end: '22:00', workingDaysOnly: true }, '2026-12-05T12:00:00+02:00', false],
    [{ start: '08:00', end: '22:00', workingDaysOnly: true }, '2026-12-04T12:00:00+02:00', true],
  ] as const)('%j at %s → %s', (hours, at, within) => {
    expect(isWithinServiceHours(calendar({ ...hours }), new Date(at))).toBe(within);
  });

  it.each([
    // Saturday noon → Monday 08:00 when mail is held until the next working day.
    [
      { start: '08:00', end: '22:00', workingDaysOnly: true },
      '2026-12-05T12:00:00+02:00',
      '2026-12-07T06:00:00.000Z',
    ],
    // Friday 23:00 → Monday 08:00.
    [
      { start: '08:00', end: '22:00', workingDaysOnly: true },
      '2026-12-04T23:00:00+02:00',
      '2026-12-07T06:00:00.000Z',
    ],
    // Christmas eve late → the 26th (a Saturday) is skipped too → Monday the 28th.
    [
      { start: '08:00', end: '22:00', workingDaysOnly: true },
      '2026-12-24T23:00:00+02:00',
      '2026-12-28T06:00:00.000Z',
    ],
    // Without the option Saturday noon is inside the hours.
    [{ start: '08:00', end: '22:00' }, '2026-12-05T12:00:00+02:00', '2026-12-05T10:00:00.000Z'],
    [{ start: '08:00', end: '22:00' }, '2026-12-05T23:00:00+02:00', '2026-12-06T06:00:00.000Z'],
  ] as const)('%j: %s → %s', (hours, at, next) => {
    expect(nextServiceTime(calendar({ ...hours }), new Date(at)).toISOString()).toBe(next);
  });
});
