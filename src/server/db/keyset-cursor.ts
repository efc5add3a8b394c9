/**
 * The opaque cursor of keyset pagination, one codec for every paged list (the registry, the
 * moderation queue): the last row's sort values as base64url JSON, checked when read back.
 */
import { badRequest } from '../errors.js';

export type CursorValue = string | number | boolean;
/** What a cursor position must hold: a boolean, an integer id, or an ISO 8601 instant. */
export type CursorKind = 'boolean' | 'integer' | 'instant';

/** The cursor after a row whose sort values are `values` (instants as ISO strings). */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function invalidCursor(): never {
  throw badRequest(
    'invalid_cursor',
    'The cursor is not one this server gave; start from the first page.',
  );
}

function fits(value: unknown, kind: CursorKind): value is CursorValue {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'instant':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
  }
}

/**
 * The sort values a cursor holds, one per `kinds` entry.
 *
 * @throws AppError 400 `invalid_cursor` when it is not base64url JSON of that shape.
 */
export function decodeCursor(cursor: string, kinds: readonly CursorKind[]): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== kinds.length) invalidCursor();
  return kinds.map((kind, i) => {
    const value: unknown = values[i];
    return fits(value, kind) ? value : invalidCursor();
  });
}
