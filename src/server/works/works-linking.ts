/**
 * Linking appeals to works (issue 16, item 3): an appeal whose question type is about a works
 * service (question_types.works_service) at a building an active entry of that service covers is
 * linked to the entry when registered, and is not routed to an executor one by one — the works
 * are the answer; the applicant hears when the expected end moves and when the entry closes.
 * The operator or moderator may unlink it (it then waits in the queue to be assigned as usual).
 */
import type { Kysely } from 'kysely';
import type { Actor, Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, notFound } from '../errors.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import { summaryQuery, visibleTo } from '../appeals/appeal-summary.queries.js';
import { massAppealOf } from '../mass-appeals/mass-appeals.queries.js';
import type { AppealWorksView } from '../../contract/works.schemas.js';
import type { UserActor } from '../context.js';
import { publicWorkById } from './works.service.js';

/**
 * The active entry of the question type's service that covers the building, or null (no
 * building, a question type without a service, or no such entry). The newest entry wins.
 */
export async function activeWorkForAppeal(
  db: Kysely<DB>,
  questionTypeId: number,
  buildingId: number | null,
): Promise<{ id: number } | null> {
  if (buildingId === null) return null;
  const row = await db
    .selectFrom('works as w')
    .innerJoin('work_buildings as wb', 'wb.work_id', 'w.id')
    .innerJoin('question_types as q', 'q.works_service', 'w.service')
    .select('w.id')
    .where('q.id', '=', questionTypeId)
    .where('wb.building_id', '=', buildingId)
    .where('w.status', '=', 'active')
    .orderBy('w.starts_at', 'desc')
    .orderBy('w.id', 'desc')
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Unlink an appeal from its works entry (operator, moderator, supervisor). 400
 * `works_not_linked` when it is not linked. History `works_unlinked` in the same transaction.
 */
export async function unlinkAppealFromWork(
  deps: Deps,
  actor: Actor,
  appealId: number,
): Promise<{ appealId: number; workId: null }> {
  return deps.db.transaction().execute(async (trx) => {
    const appeal = await trx
      .selectFrom('appeals')
      .select(['id', 'work_id'])
      .where('id', '=', appealId)
      .forUpdate()
      .executeTakeFirst();
    if (!appeal) throw notFound('appeal', appealId);
    if (appeal.work_id === null)
      throw badRequest('works_not_linked', 'The appeal is not linked to any works.');
    await trx.updateTable('appeals').set({ work_id: null }).where('id', '=', appealId).execute();
    await recordAppealEvent(trx, {
      appealId,
      actor,
      at: deps.now(),
      type: 'works_unlinked',
      data: { workId: appeal.work_id },
    });
    return { appealId, workId: null };
  });
}

/**
 * What the appeal card shows of works (issue 16, items 4–5): the works entry the appeal is
 * linked to (public text, expected or actual end) and the confirmed mass appeal it belongs to.
 * @throws AppError 404 `appeal_not_found` (also outside an executor's organisation).
 */
export async function appealWorksContext(
  deps: Deps,
  actor: UserActor,
  appealId: number,
): Promise<AppealWorksView> {
  const visible = await summaryQuery(deps.db)
    .where('a.id', '=', appealId)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!visible) throw notFound('appeal', appealId);
  const appeal = await deps.db
    .selectFrom('appeals')
    .select('work_id')
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  return {
    work: appeal.work_id === null ? null : await publicWorkById(deps.db, appeal.work_id),
    massAppeal: await massAppealOf(deps.db, appealId),
  };
}
