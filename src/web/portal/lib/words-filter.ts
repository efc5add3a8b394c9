import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { matchKey, searchStems } from '../../../domain/text.js';

const words = (text: string) => matchKey(text).split(/[^\p{L}\p{N}']+/u);

/**
 * Options whose words (with their group's) start with every typed word's stem, in any order and
 * form: «вода гаряча» finds «Відсутність гарячого водопостачання» (the same stems as the server's
 * search, `domain/text.ts`).
 */
export const wordsFilter: OptionsFilter = ({ options, search }) => {
  const stems = searchStems(search);
  if (stems.length === 0) return options;
  const matches = (label: string, group = '') => {
    const all = [...words(label), ...words(group)];
    return stems.every((stem) => all.some((w) => w.startsWith(stem)));
  };
  return options.flatMap((item: ComboboxParsedItem): ComboboxParsedItem[] => {
    if ('group' in item) {
      const group = typeof item.group === 'string' ? item.group : '';
      const items = item.items.filter((o: ComboboxItem) => matches(o.label, group));
      return items.length > 0 ? [{ ...item, items }] : [];
    }
    return matches(item.label) ? [item] : [];
  });
};
