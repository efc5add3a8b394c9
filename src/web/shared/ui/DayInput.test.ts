import { describe, expect, it } from 'vitest';
import { parseDay } from './DayInput.js';

describe('parseDay', () => {
  it.each([
    ['31.12.2026', '2026-12-31'],
    ['1.3.2027', '2027-03-01'],
    [' 05.05.2026 ', '2026-05-05'],
    ['2026-12-31', '2026-12-31'],
    ['12/31/2026', null],
    ['', null],
  ])('%j → %j', (text, day) => {
    expect(parseDay(text)).toBe(day);
  });
});
