/**
 * The moderation queue's reads: the keyset-paged list of submissions with their photos and the
 * registry building's open appeals, the pending summary, one submission (regulation 3.1.2).
 */
import { findSameApplicant } from '../applicants/applicants.service.js';
import type { Kysely } from 'kysely';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.js';
import { notFound } from '../errors.js';
import type { SubmissionListQuery, SubmissionView } from '../../contract/moderation.schemas.js';
import { presentSubmission, type SubmissionPlace, type SubmissionRow } from './portal.presenter.js';
import { buildingById } from '../addresses/registry-search.js';
import { numberSetting } from '../settings.js';
import { DECIDED_ON_MERITS, type ResultCode } from '../../domain/results.js';

export function submissionQuery(db: Kysely<DB>) {
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

export async function present(db: Kysely<DB>, rows: SubmissionRow[]): Promise<SubmissionView[]> {
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
