/**
 * The one place that turns i18next's language into what the pages need: `uk` or `en`, the Intl
 * locale for dates and numbers, and the name in the chosen language where the data has both.
 * Ukrainian is the default for anything that is not English.
 */

export const LANGUAGES = ['uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `en` for English, `uk` for anything else (the default). */
export function languageOf(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'uk';
}

/** The Intl locale of a language: `en-GB` for English, `uk-UA` otherwise. */
export function intlLocale(language: string | null | undefined): 'en-GB' | 'uk-UA' {
  return languageOf(language) === 'en' ? 'en-GB' : 'uk-UA';
}

/** The English name in English when there is one, the Ukrainian name otherwise. */
export function localName(
  language: string | null | undefined,
  uk: string,
  en: string | null | undefined,
): string {
  return (languageOf(language) === 'en' && en) || uk;
}

/** The text of a `{ uk, en }` pair in the chosen language. */
export function inLanguage<T>(language: string | null | undefined, texts: { uk: T; en: T }): T {
  return texts[languageOf(language)];
}

interface NamedKind {
  name: string;
  nameEn?: string | null | undefined;
  questionTypes: readonly { id: number; name: string; nameEn?: string | null | undefined }[];
}

/** Question types grouped by kind, as a select's options, named in the chosen language. */
export function questionTypeGroups(
  kinds: readonly NamedKind[] | undefined,
  language: string | null | undefined,
): { group: string; items: { value: string; label: string }[] }[] {
  return (kinds ?? []).map((kind) => ({
    group: localName(language, kind.name, kind.nameEn),
    items: kind.questionTypes.map((q) => ({
      value: String(q.id),
      label: localName(language, q.name, q.nameEn),
    })),
  }));
}
