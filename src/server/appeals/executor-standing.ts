/** An executor user's standing on one appeal (`domain/executor-standing.ts`), read from the database. */
import type { Kysely } from 'kysely';
import { executorStanding, type ExecutorStanding } from '../../domain/executor-standing.js';
import type { UserActor } from '../context.js';
import type { DB } from '../db/schema.js';

/** `active` for every role but executors; for an executor, its organisation's standing. */
export async function standingOf(
  db: Kysely<DB>,
  actor: UserActor,
  appealId: number,
): Promise<ExecutorStanding> {
  if (actor.role !== 'executor' || actor.organisationId === null) return { kind: 'active' };
  const rows = await db
    .selectFrom('assignments')
    .select(['executor_id', 'state', 'assigned_at', 'finished_at'])
    .where('appeal_id', '=', appealId)
    .where('executor_id', '=', actor.organisationId)
    .execute();
  return executorStanding(
    rows.map((r) => ({
      executorId: r.executor_id,
      state: r.state,
      assignedAt: r.assigned_at,
      finishedAt: r.finished_at,
    })),
    actor.organisationId,
  );
}
