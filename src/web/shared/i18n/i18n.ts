/**
 * i18next with the two catalogues. Ukrainian is the default (and the fallback, so it is always in
 * the first download); English is fetched when chosen. The choice is kept in localStorage.
 * Plural keys follow each language's CLDR rules (`_one`, `_few`, `_many`, `_other` in Ukrainian).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
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

/** Add English's catalogue to i18next unless it is there (its own chunk, ~90 kB). */
async function loadEnglish(): Promise<void> {
  if (i18next.hasResourceBundle('en', 'translation')) return;
  const { default: en } = await import('./en.json');
  i18next.addResourceBundle('en', 'translation', en);
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  // Stored first (the choice holds for the next page even while English is still on its way).
  if (language === 'en') await loadEnglish();
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export async function initI18n(): Promise<typeof i18next> {
  const lng = storedLanguage();
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    resources: { uk: { translation: uk } },
    lng,
    fallbackLng: 'uk',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (lng === 'en') {
    await loadEnglish();
    await i18next.changeLanguage('en');
  }
  return i18next;
}
