/**
 * Staff forms validate with the API's own schemas (src/contract, picked and extended per form), so
 * their messages are the contract's English ones. This resolver turns each into the catalogue key
 * the form shows: a form's own key (`validation.…`) stays; otherwise by the kind of problem —
 * too short or empty → `validation.required`, too long → `validation.tooLong`, a malformed e-mail →
 * `validation.email`, anything else → `validation.invalid`.
 */
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';

/** The catalogue key for one field's problem (`field` is the field's own name). */
export function validationKey(error: Pick<FieldError, 'type' | 'message'>, field: string): string {
  const message = error.message ?? '';
  if (message.startsWith('validation.')) return message;
  // `type` is the zod issue code (zodResolver keeps it), not one of react-hook-form's own rules.
  const code: string = error.type;
  if (code === 'too_small') return 'validation.required';
  if (code === 'too_big') return 'validation.tooLong';
  if (code === 'invalid_format' && /e-?mail/i.test(field)) return 'validation.email';
  return 'validation.invalid';
}

/** A leaf of the errors tree (its `type` is the zod issue code), not a nested group of fields. */
function isFieldError(value: object): value is FieldError {
  return 'type' in value && typeof value.type === 'string';
}

function keyed<T extends FieldValues>(errors: FieldErrors<T>): FieldErrors<T> {
  const walk = (node: unknown, field: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, field));
    if (typeof node !== 'object' || node === null) return node;
    if (isFieldError(node)) return { ...node, message: validationKey(node, field) };
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, key)]));
  };
  return walk(errors, '') as FieldErrors<T>;
}

/** `resolver` (e.g. `zodResolver(schema)`) with its messages turned into catalogue keys. */
export function formResolver<Input extends FieldValues, Context, Output>(
  resolver: Resolver<Input, Context, Output>,
): Resolver<Input, Context, Output> {
  return async (values, context, options) => {
    const result = await resolver(values, context, options);
    return Object.keys(result.errors).length === 0
      ? result
      : { values: {}, errors: keyed<Input>(result.errors) };
  };
}
