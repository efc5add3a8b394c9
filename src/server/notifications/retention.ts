/**
 * Retention of what the outbox holds in clear. The e-mailed receipt of a portal submission carries
 * its access code (ADR 011): once the mail is delivered — or, undeliverable, after a week, when the
 * applicant has long seen the code on screen — the code is blanked in the stored copy. Only the
 * code's hash remains, so the outbox can no longer open anyone's appeal (Law «Про захист
 * персональних даних» Art. 6: data kept no longer than its purpose needs).
 */
import { sql } from 'kysely';
import type { Deps } from '../context.js';

/** Hours after delivery that a receipt keeps its code (a resend on a bounce needs it). */
export const RECEIPT_CODE_KEPT_AFTER_SENT_HOURS = 24;
/** Days an undelivered receipt keeps its code. */
export const RECEIPT_CODE_KEPT_UNSENT_DAYS = 7;

/** An access code as receipts show it: `XXXXX-XXXXX` (domain/portal.ts, ACCESS_CODE_ALPHABET). */
const CODE_PATTERN = '\\m[0-9A-Z]{5}-[0-9A-Z]{5}\\M';
const BLANK = '•••••-•••••';

/**
 * Blank the access codes of receipts past their keeping time.
 *
 * @returns how many stored receipts were changed.
 */
export async function blankDeliveredAccessCodes(deps: Deps): Promise<number> {
  const now = deps.now();
  const sentBefore = new Date(now.getTime() - RECEIPT_CODE_KEPT_AFTER_SENT_HOURS * 3_600_000);
  const createdBefore = new Date(now.getTime() - RECEIPT_CODE_KEPT_UNSENT_DAYS * 86_400_000);
  const result = await deps.db
    .updateTable('notifications')
    .set({ body: sql<string>`regexp_replace(body, ${CODE_PATTERN}, ${BLANK}, 'g')` })
    .where('kind', 'in', ['submission_received', 'tracking_code'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'sent'), eb('sent_at', '<', sentBefore)]),
        eb('created_at', '<', createdBefore),
      ]),
    )
    .where(sql<boolean>`body ~ ${CODE_PATTERN}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
