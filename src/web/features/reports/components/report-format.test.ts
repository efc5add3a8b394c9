import { describe, expect, it } from 'vitest';
import { formatCell } from './report-format.js';

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
});
