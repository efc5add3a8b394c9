/**
 * Normalisation of the text people type and real data carry: apostrophes, spaces, phone numbers.
 * The normal forms themselves live in `normal-forms.ts` (issue 11).
 */
import { foldApostrophes, foldKey, phoneKey } from './normal-forms.js';

/** Replace every apostrophe variant seen in real data (`’ʼ‘ and backtick) by ' and squeeze spaces. */
export function normaliseText(text: string): string {
  return foldApostrophes(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
}

/**
 * Canonical form of a phone number for search and de-duplication: the E.164 digits without '+'
 * (`phoneKey`). "067 123-45-67", "+38 (067) 1234567" and "0671234567" all become "380671234567".
 *
 * @returns the canonical digits, or `null` when fewer than 5 digits remain.
 */
export function normalisePhone(phone: string): string | null {
  return phoneKey(phone);
}

/** Registration number: `YYYY-NNNNNN`, unique per calendar year of the city (CMU Resolution 348: index). */
export function formatRegistrationNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

export const REGISTRATION_NUMBER_PATTERN = /^\d{4}-\d{6,}$/;

/**
 * A key under which a name is found again whatever its apostrophe, spacing, quotes, case or Latin
 * look-alike letters: «Солом`янська» = «Солом'янська», `КП "Х"` = `КП «Х»`, «Сiчових» (Latin i) =
 * «Січових». Used to match imported names, applicants, the classifier.
 */
export function matchKey(name: string): string {
  return foldKey(normaliseText(name).replace(/[«»“”„"]/g, '"'));
}

const UKRAINIAN_ENDING = /[аеєиіїоуюяйь]{1,2}$/u;

/**
 * A crude stem of a Ukrainian word for search: lower case, apostrophes unified, and the final one or
 * two vowels (or й, ь) cut from words longer than three letters, so that "гаряча", "гаряче" and
 * "гарячої" share "гаряч", and "вода" matches "водопостачання" through "вод".
 */
export function searchStem(word: string): string {
  const w = matchKey(word);
  return w.length > 3 ? w.replace(UKRAINIAN_ENDING, '') : w;
}

/** The stems of the words of a query (letters and digits; empty words dropped). */
export function searchStems(query: string): string[] {
  return matchKey(query)
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length > 0)
    .map(searchStem)
    .filter((w) => w.length > 0);
}
