/**
 * Tracking of appeals registered by the contact centre (issue 12 item 16): a phone, post or
 * reception applicant follows the appeal on the portal with its registration number and an access
 * code, as an Internet applicant does. The operator reads the code out after registration; it is
 * e-mailed when the applicant gave an address.
 *
 * The code lives on a tracking row of `submissions` (channel `staff`, already registered, consent
 * asked by the operator), so the portal's tracking, feedback, result e-mail and brute-force lock
 * (tracking.service.ts, access-codes.ts) serve it unchanged. Only the code's hash is stored; a new
 * code replaces the old one (a replayed registration, an applicant who lost it).
 */
import type { Channel } from '../../domain/vocabulary.js';
import type { Actor, Deps } from '../context.js';
import { actorId } from '../context.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { enqueueNotifications } from '../notifications/outbox.js';
import { type NewAccessCode, newAccessCode } from './access-codes.js';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { sha256 } from '../sha256.js';
import { nextTrackingNumber, trackUrl } from './tracking-numbers.js';

/** Channels whose applicants get a code from the operator (the Internet ones have their own receipt). */
export const STAFF_TRACKED_CHANNELS: readonly Channel[] = [
  'phone',
  'email',
  'government_hotline',
  'post',
  'personal_reception',
  'tv',
  'sign_language',
];

export interface IssuedTrackingCode {
  /** What the applicant types on the portal with the code: the appeal's registration number. */
  number: string;
  /** As read out: `ABCDE-FGHJK`. */
  accessCode: string;
  /** Whether the code was queued by e-mail to the applicant. */
  emailed: boolean;
}

/**
 * Whether an appeal of this channel, kind and subject gets a tracking code when its applicant
 * qualifies (`getsStaffTrackingCode`): not a consultation (answered on the spot), not an anonymous
 * appeal (Art. 8: no one to follow it), nor one that arrived through the Internet (the portal
 * gives its own receipt).
 */
export function isStaffTrackedAppeal(appeal: {
  channel: Channel;
  kind: string;
  subject: string;
}): boolean {
  return (
    STAFF_TRACKED_CHANNELS.includes(appeal.channel) &&
    appeal.kind !== 'consultation' &&
    appeal.subject !== 'anonymous'
  );
}

/**
 * Whether an appeal the centre registers gets a tracking code: a tracked appeal
 * (`isStaffTrackedAppeal`) whose applicant has a name and a phone or an e-mail. A tracking row, as
 * every submission, keeps a contact (migration 0004's check); an applicant known by name and
 * address alone (a letter) gets none.
 */
export function getsStaffTrackingCode<
  T extends {
    channel: Channel;
    kind: string;
    subject: string;
    applicantName?: string | null;
    applicantEmail?: string | null;
    applicantPhone?: string | null;
  },
>(appeal: T): appeal is T & { kind: Exclude<T['kind'], 'consultation'> } {
  return (
    isStaffTrackedAppeal(appeal) &&
    Boolean(appeal.applicantName?.trim()) &&
    Boolean(appeal.applicantEmail || appeal.applicantPhone)
  );
}

/**
 * Queue the e-mail with an appeal's tracking code when the applicant gave an address, in `db`'s
 * transaction if it holds one.
 *
 * @returns whether an e-mail was queued.
 */
export async function mailTrackingCode(
  deps: Deps,
  db: Kysely<DB>,
  input: {
    submissionId: number;
    appealId: number;
    number: string;
    code: NewAccessCode;
    email: string | null;
    /** The question type's name, the e-mail's text. */
    questionType: string;
    now: Date;
  },
): Promise<boolean> {
  if (!input.email) return false;
  await enqueueNotifications(
    db,
    [
      {
        dedupeKey: `tracking_code:${input.submissionId}:${input.code.hash.slice(-16)}`,
        kind: 'tracking_code',
        appealId: input.appealId,
        recipientEmail: input.email,
        params: {
          number: input.number,
          code: input.code.display,
          text: input.questionType,
          link: trackUrl(deps, input.number),
        },
      },
    ],
    { now: input.now, calendar: await loadCalendar(db, deps.config.timeZone, input.now) },
  );
  return true;
}

/**
 * Issue anew the tracking code of an appeal the centre registered (a replayed registration: the
 * first answer and its code never arrived), where the appeal gets one (`getsStaffTrackingCode`).
 * A new registration writes its code in its own statement (`registerAppeal`); the insert below
 * serves appeals registered without a tracking row.
 *
 * @returns the number and code to read out, or null when the appeal gets none.
 */
export async function issueStaffTrackingCode(
  deps: Deps,
  actor: Actor,
  appealId: number,
): Promise<IssuedTrackingCode | null> {
  const appeal = await deps.db
    .selectFrom('appeals as a')
    .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
    .leftJoin('applicants as p', 'p.id', 'a.applicant_id')
    .select([
      'a.id',
      'a.number',
      'a.channel',
      'a.kind',
      'a.subject',
      'a.description',
      'a.address_text',
      'a.latitude',
      'a.longitude',
      'a.building_id',
      'a.confidential',
      'a.received_at',
      'a.question_type_id',
      'qt.name as question_type',
      'p.full_name as applicantName',
      'p.email as applicantEmail',
      // The first phone, as the tracking row keeps one (PostgreSQL arrays count from 1).
      sql<string | null>`p.phones[1]`.as('applicantPhone'),
      'p.address',
    ])
    .where('a.id', '=', appealId)
    .executeTakeFirst();
  if (!appeal || !getsStaffTrackingCode(appeal)) {
    return null;
  }
  const kind = appeal.kind;
  const code = await newAccessCode(null);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const existing = await trx
      .selectFrom('submissions')
      .select(['id', 'tracking_number'])
      .where('appeal_id', '=', appeal.id)
      .where('channel', '=', 'staff')
      .forUpdate()
      .executeTakeFirst();
    let submissionId: number;
    if (existing) {
      await trx
        .updateTable('submissions')
        .set({ access_code_hash: code.hash, access_code_salt: null })
        .where('id', '=', existing.id)
        .execute();
      submissionId = existing.id;
    } else {
      const row = await trx
        .insertInto('submissions')
        .values({
          tracking_number: await nextTrackingNumber(trx, now, deps.config.timeZone),
          access_code_hash: code.hash,
          access_code_salt: null,
          channel: 'staff',
          state: 'registered',
          kind,
          question_type_id: appeal.question_type_id,
          description: appeal.description,
          address_text: appeal.address_text,
          building_id: appeal.building_id,
          latitude: appeal.latitude,
          longitude: appeal.longitude,
          applicant_name: appeal.applicantName!,
          applicant_email: appeal.applicantEmail,
          applicant_phone: appeal.applicantPhone,
          applicant_address: appeal.address,
          consent_given_at: now,
          consent_source: 'operator',
          confidential: appeal.confidential,
          locale: 'uk',
          request_hash: sha256(`staff:${appeal.id}`),
          received_at: appeal.received_at,
          appeal_id: appeal.id,
          moderated_by: actorId(actor),
          moderated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      submissionId = row.id;
    }
    const emailed = await mailTrackingCode(deps, trx, {
      submissionId,
      appealId: appeal.id,
      number: appeal.number,
      code,
      email: appeal.applicantEmail,
      questionType: appeal.question_type,
      now,
    });
    return { number: appeal.number, accessCode: code.display, emailed };
  });
}
