/**
 * The appeal card query: the appeal with its assignments, responses, reviews, attachments and
 * history, shaped by the presenter for the actor's role.
 */
import { personalDataAccess } from '../../domain/policy.js';
import { standingOf } from './executor-standing.js';
import type { AppealCardView } from '../../contract/appeals.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { notFound } from '../errors.js';
import { reworkLimit } from '../settings.js';
import { logPersonalDataRead } from '../audit/personal-data-reads.js';
import { summaryQuery, visibleTo } from './appeal-summary.queries.js';
import { allowedActions, presentAppealCard } from './appeals.presenter.js';

/**
 * The appeal card: every field, assignments, responses, reviews, attachments and the history,
 * shaped for the actor's role (personal data only where the role needs it).
 *
 * @throws AppError 404 `appeal_not_found` (also for an appeal outside an executor's organisation).
 */
export async function getAppealCard(
  deps: Deps,
  actor: UserActor,
  appealId: number,
): Promise<AppealCardView> {
  const db = deps.db;
  const summary = await summaryQuery(db)
    .where('a.id', '=', appealId)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!summary) throw notFound('appeal', appealId);

  // Everything else at once, the applicant and the executor's standing included: each step in
  // turn was a round trip more (the card's API time was 2× its SQL's, issue 21).
  const [appeal, assignments, responses, reviews, attachments, history, limit, standing, person] =
    await Promise.all([
      db
        .selectFrom('appeals')
        .leftJoin('districts as d', 'd.id', 'appeals.district_id')
        .selectAll('appeals')
        .select('d.name as district_name')
        .where('appeals.id', '=', appealId)
        .executeTakeFirstOrThrow(),
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
        .select([
          'v.id',
          'v.decision',
          'v.result',
          'v.comment',
          'v.created_at',
          'u.full_name as reviewer_name',
        ])
        .where('v.appeal_id', '=', appealId)
        .orderBy('v.id')
        .execute(),
      db
        .selectFrom('attachments')
        .select(['id', 'file_name', 'media_type', 'size_bytes', 'response_id', 'created_at'])
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
      reworkLimit(db),
      standingOf(db, actor, appealId),
      personalDataAccess(actor.role) === 'none'
        ? undefined
        : db
            .selectFrom('applicants')
            .selectAll()
            .where('id', '=', (eb) =>
              eb.selectFrom('appeals').select('applicant_id').where('id', '=', appealId),
            )
            .executeTakeFirst(),
    ]);
  // An executor whose part ended keeps the history, not the contacts nor later files (issue 11).
  const access = standing.kind === 'former' ? 'none' : personalDataAccess(actor.role);
  const visibleAttachments =
    standing.kind === 'former'
      ? attachments.filter((f) => f.created_at.getTime() <= standing.leftAt.getTime())
      : attachments;
  // Read with the rest, shown (and its reading logged) only when the access allows.
  const applicant = access !== 'none' ? person : undefined;

  // Issue 14 (item 10): reading the applicant's personal data on the card is logged.
  if (applicant)
    await logPersonalDataRead(db, deps.now(), actor, [applicant.id], {
      via: 'appeal_card',
      appealId,
    });
  return presentAppealCard({
    summary,
    appeal,
    applicant: applicant ?? null,
    access,
    assignments,
    responses,
    reviews,
    attachments: visibleAttachments,
    history,
    allowedActions: allowedActions(actor, appeal, assignments, limit),
    reworkLimit: limit,
  });
}
