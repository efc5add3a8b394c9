import { describe, expect, it } from 'vitest';
import { formatRegistrationNumber, matchKey, normalisePhone, searchStems } from './text.js';
import { resultByLabel } from './results.js';

describe('normalisePhone', () => {
  it.each([
    ['067 123-45-67', '380671234567'],
    ['+38 (067) 1234567', '380671234567'],
    ['380671234567', '380671234567'],
    ['80671234567', '380671234567'],
    ['1551', null],
    ['', null],
    ['+1 212 555 0100', '12125550100'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });
});

describe('matchKey', () => {
  it.each([
    ['Солом`янська РДА', "Солом'янська РДА"],
    ['Солом’янська  РДА ', "солом'янська рда"],
    ['КП "Фармація"', 'КП «Фармація»'],
  ])('%s equals %s', (a, b) => {
    expect(matchKey(a)).toBe(matchKey(b));
  });
});

describe('resultByLabel (real Kyiv 1551 spellings)', () => {
  it.each([
    ['Роз`яснено / Перевірено куратором', 'explained'],
    ["Роз'яснено / Перевірено куратором", 'explained'],
    ['Виконано / Фотофіксація /Відеофіксація', 'done_photo_evidence'],
    ['Відмінено / Відмінено заявником', 'cancelled_by_applicant'],
    ['Прийнято в роботу', undefined],
  ])('%s → %s', (label, code) => {
    expect(resultByLabel(label)).toBe(code);
  });
});

it('formats registration numbers', () => {
  expect(formatRegistrationNumber(2026, 42)).toBe('2026-000042');
  expect(formatRegistrationNumber(2026, 1234567)).toBe('2026-1234567');
});

describe('searchStems', () => {
  it.each([
    ['вода гаряча', ['вод', 'гаряч']],
    ['Гарячої води', ['гаряч', 'вод']],
    ['ліфт', ['ліфт']],
    ['ліфти', ['ліфт']],
    ['під’їзд', ["під'їзд"]],
    ['  ', []],
    ['освітлення', ['освітленн']],
  ])('%s → %j', (query, stems) => {
    expect(searchStems(query)).toEqual(stems);
  });
});
