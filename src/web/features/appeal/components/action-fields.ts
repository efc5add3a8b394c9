/**
 * A field mapper for `applyServerErrors`: the server's field name when the form has that field,
 * otherwise `null` (the message is shown under the form instead).
 */
export const only =
  <T extends string>(fields: readonly T[]) =>
  (field: string) =>
    (fields as readonly string[]).includes(field) ? (field as T) : null;
