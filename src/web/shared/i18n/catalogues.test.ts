/**
 * The two catalogues say the same things: the same keys (plural forms aside), and each language
 * has every plural form its rules use (Ukrainian: one / few / many / other; English: one / other).
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import uk from './uk.json' with { type: 'json' };
import { leaves } from './leaves.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

const catalogues = { uk: leaves(uk), en: leaves(en) };
const baseKeys = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));

describe('i18n catalogues', () => {
  it('have the same keys in Ukrainian and English', () => {
    const ukKeys = [...baseKeys(catalogues.uk.keys())].sort();
    const enKeys = [...baseKeys(catalogues.en.keys())].sort();
    expect(
      enKeys.filter((k) => !ukKeys.includes(k)),
      'only in en.json',
    ).toEqual([]);
    expect(
      ukKeys.filter((k) => !enKeys.includes(k)),
      'only in uk.json',
    ).toEqual([]);
  });

  it.each(['uk', 'en'] as const)('%s has every plural form its language needs', (language) => {
    const entries = catalogues[language];
    const plurals = [...entries.keys()].filter((k) => PLURAL.test(k));
    const bases = baseKeys(plurals);
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const base of bases) {
      for (const category of needed) {
        expect(entries.has(`${base}_${category}`), `${language}: ${base}_${category}`).toBe(true);
      }
      // A _zero form in one language needs one in the other (i18next uses it for count 0).
      const zeroHere = entries.has(`${base}_zero`);
      const other = catalogues[language === 'uk' ? 'en' : 'uk'];
      expect(other.has(`${base}_zero`), `${base}_zero in both`).toBe(zeroHere);
    }
  });

  it('has no empty entry and keeps {{placeholders}} alike in both languages', () => {
    for (const [key, value] of catalogues.uk) {
      expect(value.trim(), key).not.toBe('');
      const base = key.replace(PLURAL, '');
      const english =
        catalogues.en.get(key) ?? catalogues.en.get(`${base}_other`) ?? catalogues.en.get(base);
      expect(english, key).toBeDefined();
      const names = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      const ukNames = names(value).filter((n) => n !== 'count');
      const enNames = names(english ?? '').filter((n) => n !== 'count');
      expect(enNames, key).toEqual(ukNames);
    }
  });
});

describe('plural forms as people write them', () => {
  it('Ukrainian: 1 звернення, 3 звернення, 5 звернень, 11 звернень, 21 звернення', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { uk: { translation: uk }, en: { translation: en } }, lng: 'uk' });
    const count = (n: number) => i18n.t('common.appealCount', { count: n });
    expect([1, 3, 5, 11, 21, 22, 25].map(count)).toEqual([
      '1 звернення',
      '3 звернення',
      '5 звернень',
      '11 звернень',
      '21 звернення',
      '22 звернення',
      '25 звернень',
    ]);
    expect(i18n.t('time.days', { count: 2 })).toBe('2 дні');
    expect(i18n.t('time.days', { count: 5 })).toBe('5 днів');
    expect(i18n.t('card.reworkCount', { count: 0 })).toBe(
      'Це звернення ще не повертали на доопрацювання.',
    );
    await i18n.changeLanguage('en');
    expect([1, 5].map(count)).toEqual(['1 appeal', '5 appeals']);
  });
});
