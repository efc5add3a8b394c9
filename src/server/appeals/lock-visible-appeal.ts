/**
 * Lock an appeal for a change, as the actor may see it (an executor: only with an assignment of
 * its organisation; otherwise 404).
 */
import type { Kysely, Selectable } from 'kysely';
import { appealScope } from '../../domain/policy.js';
import type { UserActor } from '../context.js';
import type { AppealsTable, AssignmentsTable, DB } from '../db/schema.js';
import { notFound } from '../errors.js';

export interface LockedAppeal {
  appeal: Selectable<AppealsTable>;
  assignments: Selectable<AssignmentsTable>[];
}

/** @throws AppError 404 `appeal_not_found`. */
export async function lockVisibleAppeal(
  db: Kysely<DB>,
  actor: UserActor,
  appealId: number,
): Promise<LockedAppeal> {
  const appeal = await db
    .selectFrom('appeals')
    .selectAll()
    .where('id', '=', appealId)
    .forUpdate()
    .executeTakeFirst();
  if (!appeal) throw notFound('appeal', appealId);
  const assignments = await db
    .selectFrom('assignments')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .orderBy('id')
    .execute();
  const scope = appealScope(actor);
  if (
    scope.kind === 'organisation' &&
    !assignments.some((a) => a.executor_id === scope.organisationId)
  ) {
    throw notFound('appeal', appealId);
  }
  return { appeal, assignments };
}
