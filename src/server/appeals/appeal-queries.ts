/**
 * Reading appeals: the registry page (keyset pagination with a stable tie-breaker) and the card.
 * Every result goes through a presenter for its audience before it leaves the server.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { appealScope, personalDataAccess } from '../../domain/policy.js';
import { REGISTRATION_NUMBER_PATTERN } from '../../domain/text.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, notFound } from '../errors.js';
import type { AppealCardView, AppealSummaryView, ListAppealsQuery } from './appeals.schemas.js';
import { allowedActions, presentAppealCard, presentAppealSummary } from './appeal-presenter.js';

const ACTIVE_ASSIGNMENT_STATES = ['pending', 'in_work', 'responded', 'rework'];

function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .leftJoin('assignments as m', (join) =>
      join
        .onRef('m.appeal_id', '=', 'a.id')
        .on('m.role', '=', 'main')
        .on('m.state', 'in', ACTIVE_ASSIGNMENT_STATES),
    )
    .leftJoin('organisations as mo', 'mo.id', 'm.executor_id')
    .select([
      'a.id',
      'a.number',
      'a.received_at',
      'a.channel',
      'a.kind',
      'a.subject',
      'a.status',
      'a.result',
      'a.address_text',
      'a.description',
      'a.control_date',
      'a.rework_count',
      'qt.id as question_type_id',
      'qt.name as question_type_name',
      'k.name as kind_name',
      'mo.id as main_executor_id',
      'mo.name as main_executor_name',
    ]);
}
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function visibleTo(actor: UserActor) {
  const scope = appealScope(actor);
  return (eb: ExpressionBuilder<DB & { a: DB['appeals'] }, 'a'>) =>
    scope.kind === 'all'
      ? eb.lit(true)
      : eb.exists(
          eb
            .selectFrom('assignments as s')
            .select(sql.lit(1).as('one'))
            .whereRef('s.appeal_id', '=', 'a.id')
            .where('s.executor_id', '=', scope.organisationId),
        );
}

function encodeCursor(receivedAt: Date, id: number): string {
  return Buffer.from(`${receivedAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: Date; id: number } {
  const [iso, idText] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const receivedAt = new Date(iso ?? '');
  const id = Number(idText);
  if (Number.isNaN(receivedAt.getTime()) || !Number.isInteger(id)) {
    throw badRequest('invalid_cursor', 'The cursor is not one this server gave; start from the first page.');
  }
  return { receivedAt, id };
}

/**
 * One page of the registry, newest first; ties on the received time are broken by id, so no row
 * repeats or vanishes across pages.
 *
 * @returns `items` and `nextCursor` (null on the last page).
 * @throws AppError 400 `invalid_cursor`.
 */
export async function listAppeals(
  deps: Deps,
  actor: UserActor,
  query: ListAppealsQuery,
): Promise<{ items: AppealSummaryView[]; nextCursor: string | null }> {
  let q = summaryQuery(deps.db).where(visibleTo(actor));
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.questionTypeId) q = q.where('a.question_type_id', '=', query.questionTypeId);
  if (query.channel) q = q.where('a.channel', '=', query.channel);
  if (query.receivedFrom) q = q.where('a.received_at', '>=', new Date(query.receivedFrom));
  if (query.receivedTo) q = q.where('a.received_at', '<', new Date(query.receivedTo));
  if (query.executorId) {
    const executorId = query.executorId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as e')
          .select(sql.lit(1).as('one'))
          .whereRef('e.appeal_id', '=', 'a.id')
          .where('e.executor_id', '=', executorId),
      ),
    );
  }
  if (query.overdue === 'true') {
    q = q.where('a.status', '!=', 'closed').where('a.control_date', '<', deps.now());
  }
  if (query.q) {
    const text = query.q;
    q = REGISTRATION_NUMBER_PATTERN.test(text)
      ? q.where('a.number', '=', text)
      : q.where('a.description', 'ilike', `%${text.replace(/[\\%_]/g, '\\$&')}%`);
  }
  if (query.cursor) {
    const { receivedAt, id } = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([
        eb('a.received_at', '<', receivedAt),
        eb.and([eb('a.received_at', '=', receivedAt), eb('a.id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('a.received_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentAppealSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.received_at, last.id) : null,
  };
}

/**
 * The appeal card: every field, assignments, responses, reviews, attachments and the history,
 * shaped for the actor's role (personal data only where the role needs it).
 *
 * @throws AppError 404 `appeal_not_found` (also for an appeal outside an executor's organisation).
 */
export async function getAppealCard(deps: Deps, actor: UserActor, appealId: number): Promise<AppealCardView> {
  const db = deps.db;
  const summary = await summaryQuery(db)
    .where('a.id', '=', appealId)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!summary) throw notFound('appeal', appealId);

  const [appeal, assignments, responses, reviews, attachments, history, limitRow] = await Promise.all([
    db.selectFrom('appeals').selectAll().where('id', '=', appealId).executeTakeFirstOrThrow(),
    db
      .selectFrom('assignments as s')
      .innerJoin('organisations as o', 'o.id', 's.executor_id')
      .selectAll('s')
      .select('o.name as executor_name')
      .where('s.appeal_id', '=', appealId)
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('responses as r')
      .innerJoin('assignments as s', 's.id', 'r.assignment_id')
      .innerJoin('organisations as o', 'o.id', 's.executor_id')
      .leftJoin('users as u', 'u.id', 'r.author_id')
      .select([
        'r.id',
        'r.assignment_id',
        'r.text',
        'r.proposed_result',
        'r.created_at',
        'o.name as executor_name',
        'u.full_name as author_name',
      ])
      .where('r.appeal_id', '=', appealId)
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('reviews as v')
      .leftJoin('users as u', 'u.id', 'v.reviewer_id')
      .select(['v.id', 'v.decision', 'v.result', 'v.comment', 'v.created_at', 'u.full_name as reviewer_name'])
      .where('v.appeal_id', '=', appealId)
      .orderBy('v.id')
      .execute(),
    db
      .selectFrom('attachments')
      .select(['id', 'file_name', 'media_type', 'size_bytes', 'response_id'])
      .where('appeal_id', '=', appealId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('appeal_events')
      .select(['id', 'at', 'actor_label', 'type', 'from_status', 'to_status', 'comment', 'data'])
      .where('appeal_id', '=', appealId)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    db.selectFrom('settings').select('value').where('key', '=', 'rework_limit').executeTakeFirst(),
  ]);
  const access = personalDataAccess(actor.role);
  const applicant =
    appeal.applicant_id !== null && access !== 'none'
      ? await db.selectFrom('applicants').selectAll().where('id', '=', appeal.applicant_id).executeTakeFirst()
      : undefined;
  const reworkLimit = typeof limitRow?.value === 'number' ? (limitRow.value as number) : 2;

  return presentAppealCard({
    summary,
    appeal,
    applicant: applicant ?? null,
    access,
    assignments,
    responses,
    reviews,
    attachments,
    history,
    allowedActions: allowedActions(actor, appeal, assignments, reworkLimit),
  });
}
