/**
 * Duties (issue 14, item 9; regulation 5.4.3): the head of the centre (supervisor) assigns
 * controllers to executor organisations and operators to work queues; the overview shows who
 * covers what and what nobody covers. Each change replaces one person's set in one transaction
 * with its audit entry (before → after).
 */
import type { Kysely } from 'kysely';
import {
  DUTY_QUEUES,
  queueRefusal,
  uncovered,
  WATCHER_ROLE,
  type DutyQueue,
} from '../../domain/duties.js';
import type { Role } from '../../domain/vocabulary.js';
import type { DutiesView } from '../../contract/duties.schemas.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { writeAudit } from '../admin/audit-trail.js';

const QUEUE_WORKERS: Role[] = ['operator', 'moderator'];

/** Who covers what: active controllers and operators with their duties, and the gaps. */
export async function dutiesOverview(db: Kysely<DB>): Promise<DutiesView> {
  const [staff, executors, watched, worked] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'full_name', 'role'])
      .where('active', '=', true)
      .where('role', 'in', [WATCHER_ROLE, ...QUEUE_WORKERS])
      .orderBy('full_name')
      .execute(),
    db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('active', '=', true)
      .where('type', '!=', 'contact_centre')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('controller_duties as d')
      .innerJoin('users as u', 'u.id', 'd.controller_id')
      .select(['d.controller_id', 'd.executor_id'])
      .where('u.active', '=', true)
      .execute(),
    db
      .selectFrom('operator_duties as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .select(['d.user_id', 'd.queue'])
      .where('u.active', '=', true)
      .execute(),
  ]);
  const gaps = uncovered(
    executors.map((e) => e.id),
    watched.map((w) => ({ executorId: w.executor_id })),
    worked.map((w) => ({ queue: w.queue })),
  );
  return {
    controllers: staff
      .filter((u) => u.role === WATCHER_ROLE)
      .map((u) => ({
        id: u.id,
        fullName: u.full_name,
        role: u.role,
        executorIds: watched.filter((w) => w.controller_id === u.id).map((w) => w.executor_id),
      })),
    operators: staff
      .filter((u) => QUEUE_WORKERS.includes(u.role))
      .map((u) => ({
        id: u.id,
        fullName: u.full_name,
        role: u.role,
        queues: DUTY_QUEUES.filter((q) => worked.some((w) => w.user_id === u.id && w.queue === q)),
      })),
    executors: executors.map((e) => ({
      id: e.id,
      name: e.name,
      controllerIds: watched.filter((w) => w.executor_id === e.id).map((w) => w.controller_id),
    })),
    queues: DUTY_QUEUES.map((queue) => ({
      queue,
      operatorIds: worked.filter((w) => w.queue === queue).map((w) => w.user_id),
    })),
    uncovered: gaps,
  };
}

async function activeUser(trx: Kysely<DB>, id: number) {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'role', 'active'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!user) throw notFound('user', id);
  if (!user.active) throw conflict('user_inactive', `User ${id} is deactivated.`);
  return user;
}

/**
 * The executor organisations a controller watches (the set replaces the old one).
 * @throws 404 `user_not_found`; 409 `user_inactive`, `duty_role_mismatch` (not a controller);
 *   400 `organisation_not_found` (an id that is no active executor organisation).
 */
export async function setControllerDuties(
  deps: Deps,
  actor: UserActor,
  controllerId: number,
  executorIds: readonly number[],
): Promise<DutiesView> {
  const ids = [...new Set(executorIds)].sort((a, b) => a - b);
  await deps.db.transaction().execute(async (trx) => {
    const user = await activeUser(trx, controllerId);
    if (user.role !== WATCHER_ROLE)
      throw conflict(
        'duty_role_mismatch',
        `Only a controller watches executors; this is a ${user.role}.`,
      );
    if (ids.length > 0) {
      const found = await trx
        .selectFrom('organisations')
        .select('id')
        .where('id', 'in', ids)
        .where('active', '=', true)
        .where('type', '!=', 'contact_centre')
        .execute();
      const missing = ids.find((id) => !found.some((f) => f.id === id));
      if (missing !== undefined)
        throw badRequest('organisation_not_found', `No active executor organisation ${missing}.`);
    }
    const before = await trx
      .deleteFrom('controller_duties')
      .where('controller_id', '=', controllerId)
      .returning('executor_id')
      .execute();
    if (ids.length > 0)
      await trx
        .insertInto('controller_duties')
        .values(
          ids.map((executor_id) => ({
            controller_id: controllerId,
            executor_id,
            assigned_at: deps.now(),
          })),
        )
        .execute();
    await writeAudit(trx, deps.now(), actor, {
      action: 'setControllerDuties',
      target: `/duties/controllers/${controllerId}`,
      before: { executorIds: before.map((b) => b.executor_id).sort((a, b) => a - b) },
      after: { executorIds: ids },
    });
  });
  return dutiesOverview(deps.db);
}

/**
 * The queues an operator or moderator works (the set replaces the old one).
 * @throws 404 `user_not_found`; 409 `user_inactive`, `duty_role_mismatch` (the role may not work
 *   one of the queues: moderation needs a moderator).
 */
export async function setOperatorDuties(
  deps: Deps,
  actor: UserActor,
  userId: number,
  queues: readonly DutyQueue[],
): Promise<DutiesView> {
  const wanted = DUTY_QUEUES.filter((q) => queues.includes(q));
  await deps.db.transaction().execute(async (trx) => {
    const user = await activeUser(trx, userId);
    for (const queue of wanted) {
      const refusal = queueRefusal(user.role, queue);
      if (refusal) throw conflict('duty_role_mismatch', refusal);
    }
    const before = await trx
      .deleteFrom('operator_duties')
      .where('user_id', '=', userId)
      .returning('queue')
      .execute();
    if (wanted.length > 0)
      await trx
        .insertInto('operator_duties')
        .values(wanted.map((queue) => ({ user_id: userId, queue, assigned_at: deps.now() })))
        .execute();
    await writeAudit(trx, deps.now(), actor, {
      action: 'setOperatorDuties',
      target: `/duties/operators/${userId}`,
      before: { queues: DUTY_QUEUES.filter((q) => before.some((b) => b.queue === q)) },
      after: { queues: wanted },
    });
  });
  return dutiesOverview(deps.db);
}
