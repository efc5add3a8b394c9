import { describe, expect, it } from 'vitest';
import { parseClientDateTime, parseDecimalDegrees, receivedAtProblem } from './client-values.js';

describe('client date-times (W3C / ISO 8601)', () => {
  it.each([
    ['2026-01-12T10:00:00+02:00', '2026-01-12T08:00:00.000Z'],
    ['2026-01-12T08:00:00Z', '2026-01-12T08:00:00.000Z'],
    ['2026-01-12T08:00:00.123Z', '2026-01-12T08:00:00.123Z'],
    ['2026-07-12T10:00:00', '2026-07-12T07:00:00.000Z'], // no offset: Kyiv summer time (+03)
    ['2026-01-12T10:00', '2026-01-12T08:00:00.000Z'],
    ['2026-01-12', '2026-01-11T22:00:00.000Z'], // a date alone: its start of day in Kyiv
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseClientDateTime(text, 'Europe/Kyiv')?.toISOString()).toBe(iso);
  });
  it.each([
    '12.01.2026',
    '1',
    '2026-02-30',
    '2025-02-29',
    '2026-01-12T25:00:00Z',
    '2026-1-2',
    'yesterday',
    '',
    '2026-01-12 10:00',
  ])('refuses %j', (text) => {
    expect(parseClientDateTime(text, 'Europe/Kyiv')).toBeNull();
  });
});

describe('receivedAt', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  it.each([
    ['2026-11-30T12:00:30Z', null],
    ['2026-11-30T12:01:01Z', 'received_in_future'],
    ['2027-01-01T00:00:00Z', 'received_in_future'],
    ['1999-12-31T12:00:00Z', 'received_out_of_range'],
    ['2000-06-01T00:00:00Z', null],
  ])('%s → %s', (at, problem) => {
    expect(receivedAtProblem(new Date(at), now)).toBe(problem);
  });
});

describe('decimal degrees', () => {
  it.each([
    ['50.4501', 50.4501],
    ['-33.9', -33.9],
    ['30', 30],
    [' 30.5234 ', 30.5234],
  ])('%s → %s', (text, value) => {
    expect(parseDecimalDegrees(text)).toBe(value);
  });
  it.each(['0x32', '5e1', '50,45', 'Infinity', 'NaN', '', ' ', '+50', '50.', '.5', '1e-3', '٥٠'])(
    'refuses %j',
    (text) => {
      expect(parseDecimalDegrees(text)).toBeNull();
    },
  );
});
