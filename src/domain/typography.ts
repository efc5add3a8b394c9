/**
 * Ukrainian typography for names people read (organisations, results): straight double quotes
 * become «ялинки», an apostrophe typed as ', ` or ʼ between letters becomes ’, spaces are squeezed.
 * Matching never depends on it (`matchKey` in text.ts treats all these spellings alike).
 */
const LETTER = 'A-Za-zА-Яа-яІіЇїЄєҐґ';
const APOSTROPHE = new RegExp(`([${LETTER}])['\`ʼ‘]([${LETTER}])`, 'gu');

/** `КП "Х"` → `КП «Х»`, `Солом'янська` → `Солом’янська`, `a  b ` → `a b`. */
export function ukrainianTypography(text: string): string {
  return text
    .replace(/"([^"]*)"/g, '«$1»')
    .replace(APOSTROPHE, '$1’$2')
    .replace(/\s+/g, ' ')
    .trim();
}
