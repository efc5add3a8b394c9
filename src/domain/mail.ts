/**
 * Rules of the e-mail channel (issue 20, item 6; ADR 040): which messages are machines talking
 * (auto-replies, bounces, lists) and must not become appeals, and which quote a receipt number.
 *
 * Sources: RFC 3834 (`Auto-Submitted`: anything but `no` is automatic), RFC 3464/6522
 * (`multipart/report` delivery and disposition notifications), the de-facto `X-Autoreply`,
 * `X-Autorespond`, `X-Auto-Response-Suppress`, `Precedence: bulk|junk|list|auto_reply`,
 * `List-Id`/`List-Unsubscribe` (mailing lists), and the bounce senders `MAILER-DAEMON` /
 * `postmaster` and an empty `Return-Path: <>`.
 */

/** Header names lower-cased → their (first) value as text. */
export type MailHeaders = ReadonlyMap<string, string>;

/**
 * Why a message is automatic, or null when a person wrote it.
 *
 * @param contentType the top-level media type (`multipart/report`).
 * @param from the sender's address (lower case or not).
 */
export function automaticReason(
  headers: MailHeaders,
  contentType: string,
  from: string | null,
): string | null {
  const h = (name: string) => headers.get(name)?.trim().toLowerCase();
  const autoSubmitted = h('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto-submitted';
  if (h('x-autoreply') !== undefined || h('x-autorespond') !== undefined) return 'x-autoreply';
  const suppress = h('x-auto-response-suppress');
  if (
    suppress &&
    /\b(all|oof|autoreply)\b/.test(suppress) &&
    h('x-ms-exchange-generated-message-source')
  )
    return 'exchange-autoreply';
  const precedence = h('precedence');
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return 'precedence';
  if (h('list-id') !== undefined || h('list-unsubscribe') !== undefined) return 'mailing-list';
  if (contentType.trim().toLowerCase().startsWith('multipart/report')) return 'report';
  if (h('return-path') === '<>') return 'bounce';
  const local = (from ?? '').toLowerCase().split('@')[0] ?? '';
  if (['mailer-daemon', 'postmaster'].includes(local)) return 'bounce';
  return null;
}

/** The portal's tracking number quoted in a subject or text (`P-2026-000123`), or null. */
export function quotedTrackingNumber(text: string): string | null {
  return /\bP-\d{4}-\d{6,}\b/i.exec(text)?.[0]?.toUpperCase() ?? null;
}
