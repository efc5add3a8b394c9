/**
 * The registry's work queues as filters on the appeals query (`applyQueue`): for an executor, its
 * own organisation's assignments; for the contact centre, the appeal's status, control date and
 * main assignment. Also the query's type (`AppealQuery`) and the main-assignment subquery
 * (`mainAssignment`) the filters share. The list and the counts are in `appeals.queries.ts`.
 */
import { type ExpressionBuilder, sql } from 'kysely';
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
    const own = (states: AssignmentState[], extra?: 'due_soon' | 'overdue') =>
      q.where((eb) => {
        let sub = eb
          .selectFrom('assignments as o')
          .select(sql.lit(1).as('one'))
          .whereRef('o.appeal_id', '=', 'a.id')
          .where('o.executor_id', '=', scope.organisationId)
          .where('o.state', 'in', states);
        if (extra === 'due_soon')
          sub = sub.where('o.control_date', '>=', now).where('o.control_date', '<', soon);
        if (extra === 'overdue') sub = sub.where('o.control_date', '<', now);
        return eb.exists(sub);
      });
    switch (queue) {
      case 'new':
        return own(['pending']);
      case 'in_work':
        return own(['in_work']);
      case 'rework':
        return own(['rework']);
      case 'on_check':
        return own(['responded']);
      case 'due_soon':
        return own(['pending', 'in_work', 'rework'], 'due_soon');
      case 'overdue':
        return own(['pending', 'in_work', 'rework'], 'overdue');
      case 'open':
        return own([...ACTIVE_ASSIGNMENT_STATES]);
      case 'needs_routing':
      case 'registered_today':
        return q.where(sql.lit(false));
    }
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
