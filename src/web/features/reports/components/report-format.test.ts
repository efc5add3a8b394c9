import { describe, expect, it } from 'vitest';
import { formatCell, totalsOf } from './report-format.js';

describe('report cells', () => {
  it.each([
    [87.5, 'percent', 'uk', '87,5%'],
    [87.5, 'percent', 'en', '87.5%'],
    [12345, 'int', 'en', '12,345'],
    [3.456, 'decimal', 'en', '3.46'],
    [null, 'percent', 'uk', '—'],
    ['Район', 'text', 'uk', 'Район'],
  ] as const)('%s as %s in %s → %s', (value, type, language, text) => {
    expect(formatCell(value, type, language).replace(/\s/g, '')).toBe(text);
  });

  it('sums integer columns only, and not for one row', () => {
    const columns = [
      { key: 'executor', uk: 'Виконавець', en: 'Executor', type: 'text' as const },
      { key: 'count', uk: 'Кількість', en: 'Count', type: 'int' as const },
      { key: 'share', uk: 'Вчасно', en: 'On time', type: 'percent' as const },
    ];
    const rows = [
      { executor: 'A', count: 3, share: 50 },
      { executor: 'B', count: null, share: 100 },
      { executor: 'C', count: 4, share: null },
    ];
    expect(totalsOf({ columns, rows })).toEqual({ executor: null, count: 7, share: null });
    expect(totalsOf({ columns, rows: rows.slice(0, 1) })).toBeNull();
  });
});
