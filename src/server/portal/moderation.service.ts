/**
 * The moderation queue (regulation 3.1.2; Law 393/96-ВР Art. 5, 7, 8): a moderator (or the head of
 * the centre) looks at each submission from the portal or Open311 and
 *
 * - registers it — a real appeal through `registerAppeal`, with the channel it came by, the
 *   question type corrected if need be, the photos moved onto the appeal;
 * - merges it into an open appeal on the same problem (receipt sign duplicate or multiple): the
 *   applicant then follows that appeal;
 * - or rejects it with a reason the applicant is told (anonymous or repeated: Art. 8; no
 *   substance: Art. 5; not an appeal: Art. 3).
 *
 * Each step locks the submission, writes the appeal's history where an appeal exists, and queues
 * the e-mail to the applicant in the same transaction.
 */
import { findSameApplicant } from '../applicants/applicants.service.js';
import type { Kysely, Selectable } from 'kysely';
import { REJECTION_REASONS, type SubmissionKind } from '../../domain/portal.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import { registerAppealIn } from '../appeals/register-appeal.js';
import type { Deps, UserActor } from '../context.js';
import type { DB, SubmissionsTable } from '../db/schema.js';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { enqueueNotifications, type NewNotification } from '../notifications/outbox.js';
import { formatInZone } from '../notifications/templates.js';
import type {
  MergeSubmissionInput,
  ModerationOutcome,
  RegisterSubmissionInput,
  RejectSubmissionInput,
  SubmissionListQuery,
  SubmissionView,
} from '../../contract/portal.schemas.js';
import { presentSubmission, type SubmissionPlace, type SubmissionRow } from './portal.presenter.js';
import { buildingById } from '../addresses/registry-search.js';
import { numberSetting } from '../settings.js';
import { DECIDED_ON_MERITS, type ResultCode } from '../../domain/results.js';
import { trackUrl } from './submissions.service.js';

function submissionQuery(db: Kysely<DB>) {
  return (
    db
      .selectFrom('submissions as s')
      .innerJoin('question_types as qt', 'qt.id', 's.question_type_id')
      .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
      .leftJoin('appeals as a', 'a.id', 's.appeal_id')
      .leftJoin('users as u', 'u.id', 's.moderated_by')
      .leftJoin('open311_api_keys as key', 'key.id', 's.api_key_id')
      // Tracking rows of appeals the centre registered (staff-tracking.service.ts) are not submissions.
      .where('s.channel', '<>', 'staff')
      .selectAll('s')
      .select([
        'qt.name as question_type_name',
        'k.name as kind_name',
        'a.number as appeal_number',
        'u.full_name as moderator_name',
        'key.name as api_key_name',
      ])
  );
}

async function photosOf(db: Kysely<DB>, submissionIds: number[]) {
  if (submissionIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'submission_id', 'file_name', 'media_type', 'size_bytes'])
    .where('submission_id', 'in', submissionIds)
    .orderBy('id')
    .execute();
}

/** How many of a building's appeals the moderator sees beside a submission. */
const SAME_BUILDING_SHOWN = 5;

/**
 * The building of each submission and the appeals already on it (issue 15): open ones and those of
 * the repeat window, newest first — the moderator merges a duplicate into an open one, and sees an
 * Art. 8 repeat (the same applicant, a question decided on the merits) found by building, not by
 * how the address was written.
 */
async function placesOf(
  db: Kysely<DB>,
  rows: SubmissionRow[],
): Promise<Map<number, SubmissionPlace>> {
  const places = new Map<number, SubmissionPlace>();
  const withBuilding = rows.filter((r) => r.building_id !== null);
  if (withBuilding.length === 0) return places;
  const windowDays = await numberSetting(db, 'repeat_window_days', 30);
  for (const row of withBuilding) {
    const building = await buildingById(db, row.building_id!);
    if (!building) continue;
    const since = new Date(row.received_at.getTime() - windowDays * 86_400_000);
    const [appeals, applicant] = await Promise.all([
      db
        .selectFrom('appeals as a')
        .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
        .select([
          'a.id',
          'a.number',
          'a.status',
          'a.result',
          'a.received_at',
          'a.question_type_id',
          'a.applicant_id',
          'qt.name as question_type_name',
        ])
        .where('a.building_id', '=', building.id)
        .where((eb) => eb.or([eb('a.status', '!=', 'closed'), eb('a.received_at', '>=', since)]))
        .where('a.id', '!=', row.appeal_id ?? 0)
        .orderBy('a.received_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(SAME_BUILDING_SHOWN)
        .execute(),
      row.state === 'pending'
        ? findSameApplicant(db, {
            fullName: row.applicant_name,
            phone: row.applicant_phone,
            email: row.applicant_email,
          })
        : Promise.resolve(null),
    ]);
    places.set(row.id, {
      building: { id: building.id, label: building.label },
      sameBuilding: appeals.map((a) => ({
        id: a.id,
        number: a.number,
        status: a.status,
        receivedAt: a.received_at.toISOString(),
        questionType: a.question_type_name,
        sameQuestionType: a.question_type_id === row.question_type_id,
        sameApplicant: applicant !== null && a.applicant_id === applicant.id,
        decidedOnMerits:
          a.status === 'closed' &&
          a.result !== null &&
          DECIDED_ON_MERITS.includes(a.result as ResultCode),
      })),
    });
  }
  return places;
}

async function present(db: Kysely<DB>, rows: SubmissionRow[]): Promise<SubmissionView[]> {
  const [photos, places] = await Promise.all([
    photosOf(
      db,
      rows.map((r) => r.id),
    ),
    placesOf(db, rows),
  ]);
  return rows.map((row) =>
    presentSubmission(
      row,
      photos.filter((p) => p.submission_id === row.id),
      places.get(row.id) ?? { building: null, sameBuilding: [] },
    ),
  );
}

function cursorAfter(row: { received_at: Date; id: number }): string {
  return encodeCursor([row.received_at.toISOString(), row.id]);
}

function readCursor(cursor: string): { receivedAt: Date; id: number } {
  const [receivedAt, id] = decodeCursor(cursor, ['instant', 'integer']);
  return { receivedAt: new Date(receivedAt as string), id: id as number };
}

/**
 * The queue: submissions in `state` (default pending), oldest first, one keyset page at a time.
 * @throws AppError 400 `invalid_cursor`.
 */
export async function listSubmissions(
  deps: Deps,
  query: SubmissionListQuery,
): Promise<{ items: SubmissionView[]; nextCursor: string | null }> {
  let q = submissionQuery(deps.db).where('s.state', '=', query.state);
  if (query.channel) q = q.where('s.channel', '=', query.channel);
  if (query.cursor) {
    const after = readCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([
        eb('s.received_at', '>', after.receivedAt),
        eb.and([eb('s.received_at', '=', after.receivedAt), eb('s.id', '>', after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('s.received_at')
    .orderBy('s.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await present(deps.db, page),
    nextCursor: rows.length > query.limit && last ? cursorAfter(last) : null,
  };
}

/**
 * What waits for a moderator: how many submissions are pending and when the oldest came in (its
 * age is what the start page shows). Served by the pending submissions' partial index.
 */
export async function pendingSubmissionsSummary(
  deps: Deps,
): Promise<{ pending: number; oldestReceivedAt: Date | null }> {
  const row = await deps.db
    .selectFrom('submissions')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('received_at').as('oldest')])
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow();
  return {
    pending: Number(row.n),
    oldestReceivedAt: row.oldest ? new Date(row.oldest) : null,
  };
}

/** One submission with its photos. @throws AppError 404 `submission_not_found`. */
export async function getSubmission(deps: Deps, id: number): Promise<SubmissionView> {
  const row = await submissionQuery(deps.db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('submission', id);
  return (await present(deps.db, [row]))[0]!;
}

type Submission = Selectable<SubmissionsTable>;

/** @throws AppError 404 `submission_not_found`; 409 `submission_already_moderated`. */
async function lockPending(trx: Kysely<DB>, id: number): Promise<Submission> {
  const row = await trx
    .selectFrom('submissions')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('submission', id);
  if (row.state !== 'pending') {
    throw conflict(
      'submission_already_moderated',
      `Submission ${row.tracking_number} was already ${row.state}.`,
      { state: row.state, appealId: row.appeal_id },
    );
  }
  return row;
}

async function markModerated(
  trx: Kysely<DB>,
  submission: Submission,
  actor: UserActor,
  now: Date,
  change: {
    state: 'registered' | 'merged' | 'rejected';
    appealId?: number;
    receiptSign?: 'duplicate' | 'multiple';
    rejectionReason?: keyof typeof REJECTION_REASONS;
    comment?: string | undefined;
    questionTypeId?: number;
  },
): Promise<void> {
  await trx
    .updateTable('submissions')
    .set({
      state: change.state,
      appeal_id: change.appealId ?? null,
      receipt_sign: change.receiptSign ?? null,
      rejection_reason: change.rejectionReason ?? null,
      moderation_comment: change.comment ?? null,
      moderated_by: actor.id,
      moderated_at: now,
      ...(change.questionTypeId ? { question_type_id: change.questionTypeId } : {}),
    })
    .where('id', '=', submission.id)
    .execute();
}

/** The photos of a submission become the appeal's; returns their ids. */
async function movePhotos(trx: Kysely<DB>, submissionId: number, appealId: number) {
  const moved = await trx
    .updateTable('attachments')
    .set({ appeal_id: appealId })
    .where('submission_id', '=', submissionId)
    .returning('id')
    .execute();
  return moved.map((m) => m.id);
}

async function notifyApplicant(
  trx: Kysely<DB>,
  deps: Deps,
  submission: Submission,
  notification: Omit<NewNotification, 'recipientEmail' | 'locale'>,
  now: Date,
): Promise<void> {
  if (!submission.applicant_email) return;
  await enqueueNotifications(
    trx,
    [
      {
        ...notification,
        recipientEmail: submission.applicant_email,
        locale: submission.locale === 'en' ? 'en' : 'uk',
      },
    ],
    { now, calendar: await loadCalendar(trx, deps.config.timeZone, now) },
  );
}

/**
 * Register a submission as an appeal (the moderator may correct the question type, kind and
 * address). The appeal's channel is the submission's (portal or open311), its receipt time the
 * submission's; the applicant is recorded from the submission.
 *
 * @throws AppError 404 `submission_not_found`; 409 `submission_already_moderated`,
 *   `repeat_of_decided_appeal` (Art. 8; register anyway with acknowledgeRepeat or reject as
 *   repeated); 400 `unknown_question_type`, `unknown_executor`, `address_required` (neither an
 *   address nor a point would be left).
 */
export async function registerSubmission(
  deps: Deps,
  actor: UserActor,
  submissionId: number,
  input: RegisterSubmissionInput,
): Promise<ModerationOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const s = await lockPending(trx, submissionId);
    const questionTypeId = input.questionTypeId ?? s.question_type_id;
    const address = input.address === undefined ? s.address_text : input.address;
    if (!address?.trim() && (s.latitude === null || s.longitude === null)) {
      throw badRequest(
        'address_required',
        'The submission has no point on the map: give the address of the problem.',
      );
    }
    const known = await findSameApplicant(trx, {
      fullName: s.applicant_name,
      phone: s.applicant_phone,
      email: s.applicant_email,
    });
    const registered = await registerAppealIn(trx, deps, actor, {
      receivedAt: s.received_at.toISOString(),
      channel: s.channel === 'open311' ? 'open311' : 'portal',
      kind: input.kind ?? (s.kind as SubmissionKind),
      subject: input.subject,
      receiptSign: 'primary',
      questionTypeId,
      description: s.description,
      address: address ?? null,
      // The building the moderator picked; else the citizen's stays unless the moderator corrected
      // the address (a corrected text is placed anew, as the operator's would be).
      ...(input.buildingId !== undefined
        ? input.buildingId === null
          ? {}
          : { buildingId: input.buildingId }
        : s.building_id !== null && address === s.address_text
          ? { buildingId: s.building_id }
          : {}),
      latitude: s.latitude,
      longitude: s.longitude,
      confidential: s.confidential,
      // The same person on record (name and a shared contact), or a new applicant.
      ...(known
        ? { applicantId: known.id }
        : {
            applicant: {
              fullName: s.applicant_name,
              phones: s.applicant_phone ? [s.applicant_phone] : [],
              email: s.applicant_email,
              address: s.applicant_address,
            },
          }),
      ...(input.executorId !== undefined ? { executorId: input.executorId } : {}),
      ...(input.instruction !== undefined ? { instruction: input.instruction } : {}),
      acknowledgeRepeat: input.acknowledgeRepeat,
    });
    const photoIds = await movePhotos(trx, s.id, registered.id);
    await markModerated(trx, s, actor, now, {
      state: 'registered',
      appealId: registered.id,
      comment: input.comment,
      questionTypeId,
    });
    await recordAppealEvent(trx, {
      appealId: registered.id,
      actor,
      at: now,
      type: 'submission_registered',
      from: registered.status,
      to: registered.status,
      comment: input.comment ?? null,
      data: {
        submissionId: s.id,
        trackingNumber: s.tracking_number,
        channel: s.channel,
        photoIds,
        ...(questionTypeId !== s.question_type_id
          ? { questionTypeCorrected: { from: s.question_type_id, to: questionTypeId } }
          : {}),
      },
    });
    const locale = s.locale === 'en' ? 'en' : 'uk';
    await notifyApplicant(
      trx,
      deps,
      s,
      {
        dedupeKey: `submission_registered:${s.id}`,
        kind: 'submission_registered',
        appealId: registered.id,
        params: {
          number: s.tracking_number,
          appealNumber: registered.number,
          deadline: registered.controlDate
            ? formatInZone(registered.controlDate, deps.config.timeZone, locale)
            : '—',
          link: trackUrl(deps, s.tracking_number),
        },
      },
      now,
    );
    return {
      submissionId: s.id,
      state: 'registered',
      appeal: { id: registered.id, number: registered.number, status: registered.status },
    };
  });
}

/**
 * Merge a submission into an open appeal on the same problem: the submission is linked with the
 * receipt sign (duplicate: the same person again; multiple: another person), its photos join the
 * appeal, and the applicant follows that appeal.
 *
 * @throws AppError 404 `submission_not_found`, `appeal_not_found`; 409
 *   `submission_already_moderated`, `appeal_closed` (a decided question: reject as repeated, Art. 8,
 *   or register a new appeal).
 */
export async function mergeSubmission(
  deps: Deps,
  actor: UserActor,
  submissionId: number,
  input: MergeSubmissionInput,
): Promise<ModerationOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const s = await lockPending(trx, submissionId);
    const appeal = await trx
      .selectFrom('appeals')
      .select(['id', 'number', 'status'])
      .where('id', '=', input.appealId)
      .forUpdate()
      .executeTakeFirst();
    if (!appeal) throw notFound('appeal', input.appealId);
    const status = appeal.status;
    if (status === 'closed') {
      throw conflict(
        'appeal_closed',
        `Appeal ${appeal.number} is closed; merge only into an open appeal. For a question already decided reject the submission as repeated (Art. 8), or register it.`,
      );
    }
    const photoIds = await movePhotos(trx, s.id, appeal.id);
    await markModerated(trx, s, actor, now, {
      state: 'merged',
      appealId: appeal.id,
      receiptSign: input.receiptSign,
      comment: input.comment,
    });
    await trx.updateTable('appeals').set({ updated_at: now }).where('id', '=', appeal.id).execute();
    await recordAppealEvent(trx, {
      appealId: appeal.id,
      actor,
      at: now,
      type: 'submission_merged',
      from: status,
      to: status,
      comment: input.comment ?? null,
      data: {
        submissionId: s.id,
        trackingNumber: s.tracking_number,
        channel: s.channel,
        receiptSign: input.receiptSign,
        photoIds,
      },
    });
    await notifyApplicant(
      trx,
      deps,
      s,
      {
        dedupeKey: `submission_merged:${s.id}`,
        kind: 'submission_merged',
        appealId: appeal.id,
        params: {
          number: s.tracking_number,
          appealNumber: appeal.number,
          link: trackUrl(deps, s.tracking_number),
        },
      },
      now,
    );
    return {
      submissionId: s.id,
      state: 'merged',
      appeal: {
        id: appeal.id,
        number: appeal.number,
        status,
        receiptSign: input.receiptSign,
      },
    };
  });
}

/**
 * Reject a submission with a reason; the applicant receives the reasoned refusal with the article
 * of the Law and how to appeal it (Art. 15, 19). No appeal is created.
 *
 * @throws AppError 404 `submission_not_found`; 409 `submission_already_moderated`.
 */
export async function rejectSubmission(
  deps: Deps,
  actor: UserActor,
  submissionId: number,
  input: RejectSubmissionInput,
): Promise<ModerationOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const s = await lockPending(trx, submissionId);
    await markModerated(trx, s, actor, now, {
      state: 'rejected',
      rejectionReason: input.reason,
      comment: input.comment,
    });
    const locale = s.locale === 'en' ? 'en' : 'uk';
    const explanation = REJECTION_REASONS[input.reason][locale];
    await notifyApplicant(
      trx,
      deps,
      s,
      {
        dedupeKey: `submission_rejected:${s.id}`,
        kind: 'submission_rejected',
        params: {
          number: s.tracking_number,
          text: input.comment ? `${explanation}\n${input.comment}` : explanation,
        },
      },
      now,
    );
    return { submissionId: s.id, state: 'rejected', appeal: null };
  });
}
