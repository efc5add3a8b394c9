/**
 * Routing rules from the administrator's screen (issue 14, item 4; ADR 024, 045): the question
 * type's default executor, its rules by district and «to the building's maintainer», each with
 * optional co-executors, and where an appeal of the type would go for each district and why —
 * computed by the same pure `routeByAddress` registration uses. Each change writes its audit entry
 * (before → after, co-executors included) in its transaction (ADR 025).
 */
import { sql, type Kysely } from 'kysely';
import { routeByAddress } from '../../domain/addresses/address-routing.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, notFound } from '../errors.js';
import { writeAudit } from './audit-trail.js';
import type { RoutingView } from '../../contract/admin.schemas.js';

async function assertQuestionType(db: Kysely<DB>, id: number): Promise<void> {
  const qt = await db
    .selectFrom('question_types')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!qt) throw notFound('question_type', id);
}

/**
 * The co-executors of a rule: each an active organisation, never the rule's own executor; repeats
 * dropped, order kept.
 * @throws AppError 400 `unknown_executor`, `organisation_inactive`, `co_executor_is_main`.
 */
async function checkedCoExecutors(
  db: Kysely<DB>,
  executorId: number | null,
  coExecutorIds: readonly number[],
): Promise<number[]> {
  const ids = [...new Set(coExecutorIds)];
  if (executorId !== null && ids.includes(executorId))
    throw badRequest(
      'co_executor_is_main',
      `The organisation ${executorId} is the rule's main executor; it cannot be its co-executor too.`,
    );
  for (const id of ids) await assertActiveExecutor(db, id);
  return ids;
}

async function assertActiveExecutor(db: Kysely<DB>, executorId: number): Promise<void> {
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'active'])
    .where('id', '=', executorId)
    .executeTakeFirst();
  if (!org) throw badRequest('unknown_executor', `No organisation with id ${executorId}.`);
  if (!org.active)
    throw badRequest('organisation_inactive', `The organisation ${executorId} is deactivated.`);
}

/** The routing of a question type, and where its appeals go in each district and why. */
export async function routingOf(db: Kysely<DB>, questionTypeId: number): Promise<RoutingView> {
  await assertQuestionType(db, questionTypeId);
  const [defaultRule, rules, districts, organisations] = await Promise.all([
    db
      .selectFrom('routing_rules')
      .select(['executor_id', 'co_executor_ids'])
      .where('question_type_id', '=', questionTypeId)
      .executeTakeFirst(),
    db
      .selectFrom('address_routing_rules')
      .select(['id', 'district_id', 'executor_id', 'to_maintainer', 'co_executor_ids'])
      .where('question_type_id', '=', questionTypeId)
      .orderBy('id')
      .execute(),
    db.selectFrom('districts').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('organisations').select(['id', 'name', 'active']).execute(),
  ]);
  const org = new Map(organisations.map((o) => [o.id, o]));
  const active = (id: number | null | undefined) =>
    id !== null && id !== undefined && org.get(id)?.active === true;
  const defaultExecutorId = defaultRule?.executor_id ?? null;
  // Inactive executors are passed over, and inactive co-executors left out, as at registration
  // (ADR 024, 045).
  const liveRules = rules
    .filter((r) => r.to_maintainer || active(r.executor_id))
    .map((r) => ({
      districtId: r.district_id,
      executorId: r.executor_id,
      toMaintainer: r.to_maintainer,
      coExecutorIds: r.co_executor_ids.filter(active),
    }));
  const named = (id: number) => ({ id, name: org.get(id)?.name ?? String(id) });
  const decide = (districtId: number | null, districtName: string | null) => {
    const routed = routeByAddress({
      defaultExecutorId: active(defaultExecutorId) ? defaultExecutorId : null,
      defaultCoExecutorIds: (defaultRule?.co_executor_ids ?? []).filter(active),
      rules: liveRules,
      building: null,
      districtId,
    });
    return {
      districtId,
      districtName,
      executorId: routed.executorId,
      executorName: routed.executorId !== null ? (org.get(routed.executorId)?.name ?? null) : null,
      coExecutors: routed.coExecutorIds.map(named),
      rule: routed.reason.rule,
    };
  };
  return {
    questionTypeId,
    defaultExecutorId,
    defaultCoExecutors: (defaultRule?.co_executor_ids ?? []).map(named),
    rules: rules.map((r) => ({
      id: r.id,
      districtId: r.district_id,
      executorId: r.executor_id,
      toMaintainer: r.to_maintainer,
      coExecutors: r.co_executor_ids.map(named),
    })),
    decisions: [...districts.map((d) => decide(d.id, d.name)), decide(null, null)],
    maintainerDistricts: rules.filter((r) => r.to_maintainer).map((r) => r.district_id),
  };
}

/**
 * Set (or clear, with null) the question type's default executor and its co-executors (kept as
 * they are when `coExecutorIds` is not given; cleared with the executor).
 * @throws AppError 404 `question_type_not_found`; 400 `unknown_executor`, `organisation_inactive`,
 *   `co_executor_is_main`.
 */
export async function setDefaultExecutor(
  deps: Deps,
  actor: UserActor,
  questionTypeId: number,
  executorId: number | null,
  coExecutorIds?: readonly number[],
): Promise<RoutingView> {
  await deps.db.transaction().execute(async (trx) => {
    await assertQuestionType(trx, questionTypeId);
    if (executorId !== null) await assertActiveExecutor(trx, executorId);
    const before = await trx
      .selectFrom('routing_rules')
      .select(['executor_id', 'co_executor_ids'])
      .where('question_type_id', '=', questionTypeId)
      .executeTakeFirst();
    const co =
      executorId === null
        ? []
        : coExecutorIds === undefined
          ? (before?.co_executor_ids ?? []).filter((id) => id !== executorId)
          : await checkedCoExecutors(trx, executorId, coExecutorIds);
    if (executorId === null) {
      await trx
        .deleteFrom('routing_rules')
        .where('question_type_id', '=', questionTypeId)
        .execute();
    } else {
      await trx
        .insertInto('routing_rules')
        .values({
          question_type_id: questionTypeId,
          executor_id: executorId,
          co_executor_ids: co,
          updated_at: deps.now(),
        })
        .onConflict((oc) =>
          oc
            .column('question_type_id')
            .doUpdateSet({ executor_id: executorId, co_executor_ids: co, updated_at: deps.now() }),
        )
        .execute();
    }
    await writeAudit(trx, deps.now(), actor, {
      action: 'setDefaultExecutor',
      target: `/question-types/${questionTypeId}/routing`,
      before: {
        executorId: before?.executor_id ?? null,
        coExecutorIds: before?.co_executor_ids ?? [],
      },
      after: { executorId, coExecutorIds: co },
    });
  });
  return routingOf(deps.db, questionTypeId);
}

/**
 * Add or replace a rule: district → executor, or (district or any) → the building's maintainer,
 * each with optional co-executors.
 * @throws AppError 400 `bad_rule`, `unknown_executor`, `unknown_district`, `organisation_inactive`,
 *   `co_executor_is_main`.
 */
export async function putRoutingRule(
  deps: Deps,
  actor: UserActor,
  questionTypeId: number,
  input: {
    districtId: number | null;
    executorId: number | null;
    toMaintainer: boolean;
    coExecutorIds?: readonly number[];
  },
): Promise<RoutingView> {
  if (input.toMaintainer === (input.executorId !== null))
    throw badRequest('bad_rule', 'Give an executor or «to the building’s maintainer», not both.');
  if (!input.toMaintainer && input.districtId === null)
    throw badRequest(
      'bad_rule',
      'A rule naming an executor needs a district (the default is the question type’s).',
    );
  await deps.db.transaction().execute(async (trx) => {
    await assertQuestionType(trx, questionTypeId);
    if (input.executorId !== null) await assertActiveExecutor(trx, input.executorId);
    if (input.districtId !== null) {
      const d = await trx
        .selectFrom('districts')
        .select('id')
        .where('id', '=', input.districtId)
        .executeTakeFirst();
      if (!d) throw badRequest('unknown_district', `No district with id ${input.districtId}.`);
    }
    const co = await checkedCoExecutors(trx, input.executorId, input.coExecutorIds ?? []);
    const replaced = await sql<{ executor_id: number | null; co_executor_ids: number[] }>`
      DELETE FROM address_routing_rules
       WHERE question_type_id = ${questionTypeId}
         AND coalesce(district_id, 0) = ${input.districtId ?? 0}
         AND to_maintainer = ${input.toMaintainer}
      RETURNING executor_id, co_executor_ids`.execute(trx);
    await trx
      .insertInto('address_routing_rules')
      .values({
        question_type_id: questionTypeId,
        district_id: input.districtId,
        executor_id: input.executorId,
        to_maintainer: input.toMaintainer,
        co_executor_ids: co,
        updated_at: deps.now(),
      })
      .execute();
    await writeAudit(trx, deps.now(), actor, {
      action: 'putRoutingRule',
      target: `/question-types/${questionTypeId}/routing`,
      before: replaced.rows[0]
        ? {
            districtId: input.districtId,
            toMaintainer: input.toMaintainer,
            executorId: replaced.rows[0].executor_id,
            coExecutorIds: replaced.rows[0].co_executor_ids,
          }
        : null,
      after: {
        districtId: input.districtId,
        toMaintainer: input.toMaintainer,
        executorId: input.executorId,
        coExecutorIds: co,
      },
    });
  });
  return routingOf(deps.db, questionTypeId);
}

/** Remove a rule. @throws AppError 404 `routing_rule_not_found`. */
export async function deleteRoutingRule(
  deps: Deps,
  actor: UserActor,
  questionTypeId: number,
  ruleId: number,
): Promise<RoutingView> {
  await deps.db.transaction().execute(async (trx) => {
    const rule = await trx
      .deleteFrom('address_routing_rules')
      .where('id', '=', ruleId)
      .where('question_type_id', '=', questionTypeId)
      .returning(['district_id', 'executor_id', 'to_maintainer', 'co_executor_ids'])
      .executeTakeFirst();
    if (!rule) throw notFound('routing_rule', ruleId);
    await writeAudit(trx, deps.now(), actor, {
      action: 'deleteRoutingRule',
      target: `/question-types/${questionTypeId}/routing`,
      before: {
        districtId: rule.district_id,
        executorId: rule.executor_id,
        toMaintainer: rule.to_maintainer,
        coExecutorIds: rule.co_executor_ids,
      },
      after: null,
    });
  });
  return routingOf(deps.db, questionTypeId);
}
