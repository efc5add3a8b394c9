/**
 * Validation of the portal's forms with the domain's schemas, the messages translated per field:
 * `portal.errors.<field path>` when the catalogue has it, else the schema's own (English) message.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** The first issue of each field, keyed by its dotted path (`applicant.email`). */
export function fieldErrors(error: z.ZodError, t: TFunction): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    if (path in out) continue;
    // A malformed value has its own message (an e-mail that is not one); a missing one the field's.
    const field = issue.path.at(-1);
    const key =
      issue.code === 'invalid_format' && typeof field === 'string'
        ? `portal.errors.format.${field}`
        : `portal.errors.${path}`;
    out[path] = t(key, {
      defaultValue: t(`portal.errors.${path}`, { defaultValue: issue.message }),
    });
  }
  return out;
}
