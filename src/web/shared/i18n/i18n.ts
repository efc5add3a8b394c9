/**
 * i18next with the two catalogues. Ukrainian is the default; the choice is kept in localStorage.
 * Plural keys follow each language's CLDR rules (`_one`, `_few`, `_many`, `_other` in Ukrainian).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import uk from './uk.json' with { type: 'json' };
import { LANGUAGES, languageOf, type Language } from './locale.js';

export { LANGUAGES, type Language } from './locale.js';

const STORAGE_KEY = 'kontakt.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return languageOf(value);
  } catch {
    return 'uk';
  }
}

export function currentLanguage(): Language {
  return languageOf(i18next.language);
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export async function initI18n(): Promise<typeof i18next> {
  const lng = storedLanguage();
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    resources: { uk: { translation: uk }, en: { translation: en } },
    lng,
    fallbackLng: 'uk',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
