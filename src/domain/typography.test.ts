import { describe, expect, it } from 'vitest';
import { matchKey } from './text.js';
import { ukrainianTypography } from './typography.js';

describe('ukrainianTypography', () => {
  it.each([
    ['КП "Міський водоканал"', 'КП «Міський водоканал»'],
    [' КП "Керуюча компанія"  (Солом\'янська РДА) ', 'КП «Керуюча компанія» (Солом’янська РДА)'],
    ['Роз`яснено', 'Роз’яснено'],
    ['під’їзд', 'під’їзд'],
    ["Департамент охорони здоров'я", 'Департамент охорони здоров’я'],
    ["'цитата'", "'цитата'"],
  ])('%s → %s', (input, expected) => {
    expect(ukrainianTypography(input)).toBe(expected);
    expect(matchKey(ukrainianTypography(input))).toBe(matchKey(input));
  });
});
