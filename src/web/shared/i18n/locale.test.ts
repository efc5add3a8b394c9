import { describe, expect, it } from 'vitest';
import { inLanguage, intlLocale, languageOf, localName } from './locale.js';

describe('locale helper', () => {
  it.each([
    ['en', 'en', 'en-GB'],
    ['uk', 'uk', 'uk-UA'],
    ['de', 'uk', 'uk-UA'],
    [undefined, 'uk', 'uk-UA'],
    [null, 'uk', 'uk-UA'],
  ] as const)('%s → %s, %s', (value, language, locale) => {
    expect(languageOf(value)).toBe(language);
    expect(intlLocale(value)).toBe(locale);
  });

  it.each([
    ['en', 'Дороги', 'Roads', 'Roads'],
    ['en', 'Дороги', null, 'Дороги'],
    ['en', 'Дороги', '', 'Дороги'],
    ['uk', 'Дороги', 'Roads', 'Дороги'],
  ] as const)('localName(%s, %s, %s) = %s', (language, uk, en, expected) => {
    expect(localName(language, uk, en)).toBe(expected);
  });

  it('picks a pair by language', () => {
    expect(inLanguage('en', { uk: 'так', en: 'yes' })).toBe('yes');
    expect(inLanguage('uk', { uk: 'так', en: 'yes' })).toBe('так');
  });
});
