import { RESULTS } from '../../../domain/results.js';
import { inLanguage } from '../i18n/locale.js';

/** The label of a result code in the chosen language (the Kyiv 1551 wording in Ukrainian). */
export function resultLabel(code: string | null | undefined, language: string): string {
  if (!code) return '—';
  const result = RESULTS.find((r) => r.code === code);
  if (!result) return code;
  return inLanguage(language, result);
}
