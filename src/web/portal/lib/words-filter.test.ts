import type { ComboboxParsedItem } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { wordsFilter } from './words-filter.js';

const options: ComboboxParsedItem[] = [
  {
    group: 'Водопостачання',
    items: [
      { value: '1', label: 'Відсутність гарячого водопостачання' },
      { value: '2', label: 'Відсутність холодного водопостачання' },
    ],
  },
  { group: 'Ліфт', items: [{ value: '3', label: 'Не працює ліфт' }] },
  { value: '4', label: 'Ямковий ремонт дороги' },
];

const found = (search: string) =>
  wordsFilter({ options, search, limit: Infinity }).flatMap((o) =>
    'group' in o ? o.items.map((i) => i.value) : [o.value],
  );

describe('wordsFilter: the question type by words, in any order and form', () => {
  it.each([
    ['', ['1', '2', '3', '4']],
    ['вода гаряча', ['1']],
    ['гарячої води', ['1']],
    ['ліфт', ['3']],
    ['ЛІФТИ', ['3']],
    ['водопостачання', ['1', '2']], // by the group's name too
    ['дорога ремонт', ['4']],
    ['ліфт вода', []],
  ])('%s → %j', (search, values) => {
    expect(found(search)).toEqual(values);
  });
});
