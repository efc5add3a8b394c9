/**
 * The applicant of a portal or Open311 submission is told the result of the appeal when it closes
 * (Law 393/96-ВР Art. 15, 19: the result is notified to the applicant), with the link where they
 * confirm or dispute it. One e-mail per submission and closure (a disputed appeal closes again).
 */
import type { Kysely } from 'kysely';
import { RESULTS, type ResultCode } from '../../domain/results.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { enqueueNotifications } from './outbox.js';
import { trackUrl } from '../portal/tracking-numbers.js';

/**
 * Queue the result e-mail to every applicant who submitted (or joined) the appeal from the
 * Internet and gave an e-mail. Call inside the transaction that closes the appeal.
 */
export async function notifyApplicantsOfResult(
  trx: Kysely<DB>,
  deps: Deps,
  appeal: { id: number; number: string },
  result: ResultCode,
  closedAt: Date,
): Promise<void> {
  const submissions = await trx
    .selectFrom('submissions')
    .select(['id', 'tracking_number', 'applicant_email', 'locale'])
    .where('appeal_id', '=', appeal.id)
    .where('state', 'in', ['registered', 'merged'])
    .where('applicant_email', 'is not', null)
    .execute();
  if (submissions.length === 0) return;
  const label = RESULTS.find((r) => r.code === result);
  await enqueueNotifications(
    trx,
    submissions.map((s) => {
      const locale = s.locale === 'en' ? 'en' : 'uk';
      return {
        dedupeKey: `appeal_result:${s.id}:${closedAt.toISOString()}`,
        kind: 'appeal_result' as const,
        appealId: appeal.id,
        recipientEmail: s.applicant_email,
        locale,
        params: {
          number: s.tracking_number,
          appealNumber: appeal.number,
          text: label ? label[locale] : result,
          link: trackUrl(deps, s.tracking_number),
        },
      };
    }),
    { now: closedAt, calendar: await loadCalendar(trx, deps.config.timeZone, closedAt) },
  );
}
