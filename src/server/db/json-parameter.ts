/**
 * A JSON document as one statement parameter (read in SQL by `jsonb_to_recordset`), for writes of
 * many rows at once: the outbox's notifications, a group of registrations (ADR 067).
 */

/** A UTF-16 surrogate without its partner (a text cut between the two halves of an emoji). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `JSON.stringify`'s replacer: a lone surrogate becomes U+FFFD, as the driver's UTF-8 encoding of
 * a text parameter makes it. JSON would carry it as `\uD83D`, which PostgreSQL's `jsonb` refuses
 * (22P02), failing the whole statement (an e-mail's subject made of its first 80 UTF-16 units can
 * end inside an emoji; a description pasted by a client can carry one).
 */
const wellFormed = (_key: string, value: unknown): unknown =>
  typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value;

/**
 * `value` as JSON text that PostgreSQL's `jsonb` takes: every string well-formed UTF-16 (a lone
 * surrogate replaced by U+FFFD, as a text parameter would store it); Dates as ISO 8601 text.
 */
export function jsonParameter(value: unknown): string {
  return JSON.stringify(value, wellFormed);
}
