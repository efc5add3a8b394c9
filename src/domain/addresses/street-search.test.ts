import { describe, expect, it } from 'vitest';
import { buildStreetIndex, searchStreets, withinOneEdit } from './street-search.js';

const index = buildStreetIndex([
  { streetId: 1, name: 'Алчевських', type: 'вулиця', current: true, until: null },
  { streetId: 1, name: 'Артема', type: 'вулиця', current: false, until: '2016-05-19' },
  { streetId: 2, name: 'Дизайнерський', type: 'провулок', current: true, until: null },
  { streetId: 2, name: 'Артема', type: 'провулок', current: false, until: '2016-05-19' },
  { streetId: 3, name: 'Сумська', type: 'вулиця', current: true, until: null },
  { streetId: 4, name: 'Героїв Праці', type: 'вулиця', current: true, until: null },
  { streetId: 5, name: "Солом'янська", type: 'вулиця', current: true, until: null },
  { streetId: 6, name: 'Сумський', type: 'провулок', current: true, until: null },
]);

const ids = (q: string) => searchStreets(index, q).map((m) => m.streetId);

describe('searchStreets', () => {
  it.each([
    ['Сумська', [3, 6]],
    ['вул. Сумська', [3, 6]],
    ['сумс', [3, 6]],
    ['Суммська', [3]], // one letter too many
    ['Сумсбка', [3]], // one letter wrong
    ['праці героїв', [4]],
    ['геро', [4]],
    ['Соломянська', [5]],
    ['Солом’янська', [5]],
    ['зайнер', [2]], // inside a word
    ['Алчевських', [1]],
    ['Артема', [1, 2]], // the former name finds both streets that were Артема
    ['ххх', []],
    ['', []],
  ])('%s → %j', (q, expected) => {
    expect(ids(q)).toEqual(expected);
  });

  it('says which name matched: the former one', () => {
    const [first] = searchStreets(index, 'вул. Артема');
    expect(first?.matched).toMatchObject({ name: 'Артема', current: false, until: '2016-05-19' });
  });

  it('prefers the current name of a street when both match', () => {
    const many = buildStreetIndex([
      { streetId: 9, name: 'Нова', type: 'вулиця', current: false, until: null },
      { streetId: 9, name: 'Новаторська', type: 'вулиця', current: true, until: null },
    ]);
    expect(searchStreets(many, 'нова')[0]?.matched.name).toBe('Нова');
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['сумська', 'сумська', true],
    ['сумська', 'сумскa', false],
    ['сумська', 'сумсбка', true],
    ['сумська', 'сумьська', true],
    ['сумська', 'умська', true],
    ['сумська', 'сум', false],
  ])('%s ~ %s: %s', (a, b, ok) => {
    expect(withinOneEdit(a, b)).toBe(ok);
  });
});
