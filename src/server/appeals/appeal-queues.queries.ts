/**
 * The registry's work queues as filters on the appeals query (`applyQueue`): for an executor, its
 * own organisation's assignments; for the contact centre, the appeal's status, control date and
 * main assignment. Also the query's type (`AppealQuery`) and the main-assignment subquery
 * (`mainAssignment`) the filters share. The list and the counts are in `appeals.queries.ts`.
 */
import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { DateTime } from 'luxon';
import { ACTIVE_ASSIGNMENT_STATES } from '../../domain/appeal-lifecycle.js';
import { appealScope } from '../../domain/policy.js';
import type { Queue } from '../../domain/queues.js';
import type { AssignmentState } from '../../domain/vocabulary.js';
import type { UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import type { summaryQuery } from './appeal-summary.queries.js';

/** Start of today in the city's time zone. */
function startOfToday(now: Date, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').toJSDate();
}

/** The registry's query (`summaryQuery`), which the queues and the filters narrow. */
export type AppealQuery = ReturnType<typeof summaryQuery>;

/**
 * The appeal's main assignment in one of `states`, as a subquery for EXISTS. The queues test it
 * this way rather than through the joined `m`, so a count or a page's id lookup needs no join.
 */
export function mainAssignment(
  eb: ExpressionBuilder<DB & { a: DB['appeals'] }, 'a'>,
  states: readonly AssignmentState[],
) {
  return eb
    .selectFrom('assignments as x')
    .select(sql.lit(1).as('one'))
    .whereRef('x.appeal_id', '=', 'a.id')
    .where('x.role', '=', 'main')
    .where('x.state', 'in', [...states]);
}

/** What an executor's queue asks of the organisation's own assignment. */
export interface OwnAssignmentQueue {
  states: AssignmentState[];
  /** The deadline queues: the assignment's control date within the due-soon window, or passed. */
  window?: 'due_soon' | 'overdue';
}

/**
 * An executor's queue as a condition on its organisation's own assignment (`applyQueue`), or null
 * for the contact centre's queues, which an executor has none of.
 */
export function ownAssignmentQueue(queue: Queue): OwnAssignmentQueue | null {
  switch (queue) {
    case 'new':
      return { states: ['pending'] };
    case 'in_work':
      return { states: ['in_work'] };
    case 'rework':
      return { states: ['rework'] };
    case 'on_check':
      return { states: ['responded'] };
    case 'due_soon':
      return { states: ['pending', 'in_work', 'rework'], window: 'due_soon' };
    case 'overdue':
      return { states: ['pending', 'in_work', 'rework'], window: 'overdue' };
    case 'open':
      return { states: [...ACTIVE_ASSIGNMENT_STATES] };
    case 'needs_routing':
    case 'registered_today':
      return null;
  }
}

/**
 * `queue`'s conditions on the assignment `alias` of organisation `organisationId`: `o` in the
 * EXISTS of `applyQueue`, `own` in the executor's page read from its assignments (ADR 059).
 */
export function ownAssignmentCondition(
  alias: 'o' | 'own',
  organisationId: number,
  queue: OwnAssignmentQueue,
  now: Date,
  soon: Date,
): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const parts = [
    sql`${column('executor_id')} = ${organisationId}`,
    sql`${column('state')} IN (${sql.join(queue.states)})`,
  ];
  if (queue.window === 'due_soon')
    parts.push(sql`${column('control_date')} >= ${now}`, sql`${column('control_date')} < ${soon}`);
  if (queue.window === 'overdue') parts.push(sql`${column('control_date')} < ${now}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The work queues. For an executor, a queue looks at its own organisation's assignments (their
 * state and control date); for the contact centre at the appeal.
 *
 * - `needs_routing`: registered with no active main executor (e.g. returned as not in competence);
 * - `registered_today`: registered since midnight, city time;
 * - `open`: not closed;
 * - `new`: the executor's assignment waits to be accepted;
 * - `in_work`: accepted and being worked;
 * - `due_soon`: open, control date within the next `dueSoonHours` (setting `due_soon_hours`, as the
 *   sweep's mark);
 * - `overdue`: open, control date passed;
 * - `rework`: returned for rework;
 * - `on_check`: the executor answered, the controller has not decided yet.
 */
export function applyQueue(
  q: AppealQuery,
  queue: Queue,
  actor: UserActor,
  now: Date,
  timeZone: string,
  dueSoonHours: number,
): AppealQuery {
  const scope = appealScope(actor);
  const soon = new Date(now.getTime() + dueSoonHours * 3600_000);
  if (scope.kind === 'organisation') {
    const own = ownAssignmentQueue(queue);
    if (own === null) return q.where(sql.lit(false));
    return q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as o')
          .select(sql.lit(1).as('one'))
          .whereRef('o.appeal_id', '=', 'a.id')
          .where(ownAssignmentCondition('o', scope.organisationId, own, now, soon)),
      ),
    );
  }
  switch (queue) {
    case 'needs_routing':
      return q
        .where('a.status', '=', 'registered')
        .where((eb) => eb.not(eb.exists(mainAssignment(eb, ACTIVE_ASSIGNMENT_STATES))));
    case 'registered_today':
      return q.where('a.registered_at', '>=', startOfToday(now, timeZone));
    case 'open':
      return q.where('a.status', '!=', 'closed');
    case 'new':
      return q
        .where('a.status', '=', 'registered')
        .where((eb) => eb.exists(mainAssignment(eb, ['pending'])));
    case 'in_work':
      return q.where('a.status', '=', 'in_work');
    case 'due_soon':
      return q
        .where('a.status', '!=', 'closed')
        .where('a.control_date', '>=', now)
        .where('a.control_date', '<', soon);
    case 'overdue':
      return q.where('a.status', '!=', 'closed').where('a.control_date', '<', now);
    case 'rework':
      return q.where('a.status', '=', 'rework');
    case 'on_check':
      return q.where('a.status', '=', 'on_check');
  }
}
