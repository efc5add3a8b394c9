/**
 * The appeal's summary row, shared by the registry (appeals.queries.ts), the card
 * (appeal-card.queries.ts) and the presenter, and the visibility condition of an actor.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { ACTIVE_ASSIGNMENT_STATES } from '../../domain/appeal-lifecycle.js';
import { appealScope } from '../../domain/policy.js';
import type { UserActor } from '../context.js';
import type { DB } from '../db/schema.js';

/**
 * One appeal's row as the registry and the card show it: the appeal, its question type and kind,
 * and its main executor (at work, or the one whose answer closed it).
 */
export function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .leftJoin('assignments as m', (join) =>
      join
        .onRef('m.appeal_id', '=', 'a.id')
        .on('m.role', '=', 'main')
        // The main executor at work, or the one whose answer closed the appeal.
        .on('m.state', 'in', [...ACTIVE_ASSIGNMENT_STATES, 'done']),
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
      'a.legal_deadline',
      'a.rework_count',
      'a.privileged',
      'qt.id as question_type_id',
      'qt.name as question_type_name',
      'qt.name_en as question_type_name_en',
      'k.name as kind_name',
      'mo.id as main_executor_id',
      'mo.name as main_executor_name',
    ]);
}
export type SummaryRow = Awaited<
  ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>
>;

/** A WHERE condition on `appeals as a`: the appeals `actor` may see (an executor: its organisation's). */
export function visibleTo(actor: UserActor) {
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
