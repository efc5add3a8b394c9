/**
 * Server validation errors next to the fields they concern: `details[].path` of an `ApiError` is
 * mapped to a form field; what does not map is returned for a message above the form.
 */
import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, detailField } from '../api/client.js';

export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldOf: (serverField: string) => Path<T> | null,
): { unplaced: string | null } {
  if (!(error instanceof ApiError)) {
    return { unplaced: error instanceof Error ? error.message : String(error) };
  }
  let placed = 0;
  let first = true;
  for (const detail of error.details) {
    const field = fieldOf(detailField(detail.path));
    if (!field) continue;
    setError(field, { type: 'server', message: detail.message }, { shouldFocus: first });
    first = false;
    placed += 1;
  }
  return { unplaced: placed === error.details.length && placed > 0 ? null : error.message };
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
    return t(`errors.${error.code}`, { ...values, defaultValue: error.message });
  }
  if (error instanceof TypeError) return t('errors.network');
  return error instanceof Error ? error.message : t('common.failed');
}
