/**
 * Server validation errors next to the fields they concern: `details[].path` of an `ApiError` is
 * mapped to a form field; what does not map is returned for a message above the form. Both are in
 * the page's language (`errors.<code>`; the server's English reason only on an English page).
 */
import i18next, { type TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, detailField } from '../api/client.js';

export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldOf: (serverField: string) => Path<T> | null,
): { unplaced: string | null } {
  if (!(error instanceof ApiError)) {
    return { unplaced: errorText(i18next.t, error) };
  }
  const english = i18next.language === 'en';
  let placed = 0;
  let first = true;
  for (const detail of error.details) {
    const field = fieldOf(detailField(detail.path));
    if (!field) continue;
    const message = english ? detail.message : i18next.t('errors.fieldRefused');
    setError(field, { type: 'server', message }, { shouldFocus: first });
    first = false;
    placed += 1;
  }
  return {
    unplaced: placed === error.details.length && placed > 0 ? null : errorText(i18next.t, error),
  };
}

/**
 * What to tell the user about a failed request, in their language: the catalogue's `errors.<code>`
 * for the server's stable code when there is one, else the server's (English) message; a network
 * failure has its own text.
 */
export function errorText(
  t: TFunction,
  error: unknown,
  values: Record<string, unknown> = {},
): string {
  if (error instanceof ApiError) {
    // The details' plain fields (e.g. the earlier appeal's `number`) fill the message's blanks.
    const data =
      error.data && typeof error.data === 'object' && !Array.isArray(error.data)
        ? Object.fromEntries(
            Object.entries(error.data).filter(
              ([, v]) => typeof v === 'string' || typeof v === 'number',
            ),
          )
        : {};
    return t(`errors.${error.code}`, { ...data, ...values, defaultValue: error.message });
  }
  if (error instanceof TypeError) return t('errors.network');
  return error instanceof Error ? error.message : t('common.failed');
}
