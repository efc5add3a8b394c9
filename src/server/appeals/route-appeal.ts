/**
 * Routing an appeal by its address (issue 15; ADR 024): the rules of `domain/addresses/address-routing.ts`
 * over the question type's default (`routing_rules`) and its address rules (`address_routing_rules`).
 * Registration, moderation (which registers) and re-routing (the executor the rules would choose
 * now) call the same function.
 */
import type { Kysely } from 'kysely';
import {
  coExecutorsBeside,
  routeByAddress,
  type RoutingReason,
} from '../../domain/addresses/address-routing.js';
import { addressRulesFor, placeAddress } from '../addresses/place-address.js';
import type { DB } from '../db/schema.js';
import { badRequest, notFound } from '../errors.js';
import { activeWorkForAppeal } from '../works/works-linking.js';

export interface Routed {
  executorId: number | null;
  /** The winning rule's co-executors that are active organisations (issue 14, item 4; ADR 045). */
  coExecutorIds: number[];
  reason: RoutingReason;
}

/**
 * The executor (and co-executors) for a question type and a placed address. A rule whose executor
 * (or the building's maintainer) is no longer an active organisation is passed over for the
 * default; a deactivated co-executor is left out.
 */
export async function routeAppeal(
  db: Kysely<DB>,
  questionType: { id: number; executor_id: number | null; co_executor_ids?: number[] | null },
  place: {
    building: { id: number; maintainerId: number | null; districtId: number | null } | null;
    districtId: number | null;
  },
): Promise<Routed> {
  const byDefault: Routed =
    questionType.executor_id !== null
      ? {
          executorId: questionType.executor_id,
          coExecutorIds: coExecutorsBeside(
            questionType.executor_id,
            questionType.co_executor_ids ?? [],
          ),
          reason: { rule: 'default' },
        }
      : { executorId: null, coExecutorIds: [], reason: { rule: 'none' } };
  const rules =
    !place.building && place.districtId === null ? [] : await addressRulesFor(db, questionType.id);
  let routed: Routed = byDefault;
  if (rules.length > 0) {
    routed = routeByAddress({
      defaultExecutorId: questionType.executor_id,
      defaultCoExecutorIds: questionType.co_executor_ids ?? [],
      rules,
      building: place.building,
      districtId: place.districtId,
    });
    if (routed.reason.rule === 'maintainer' || routed.reason.rule === 'district') {
      const active = await db
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', routed.executorId!)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!active) routed = byDefault;
    }
  }
  return { ...routed, coExecutorIds: await activeOnly(db, routed.coExecutorIds) };
}

/** The ids that are active organisations, in their order. */
async function activeOnly(db: Kysely<DB>, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', 'in', ids)
    .where('active', '=', true)
    .execute();
  const active = new Set(rows.map((r) => r.id));
  return ids.filter((id) => active.has(id));
}

/**
 * The executor the rules choose for an appeal now (re-routing after «not in competence», or a
 * changed address), and why.
 *
 * @throws AppError 404 `appeal_not_found`.
 */
export async function routingForAppeal(db: Kysely<DB>, appealId: number): Promise<Routed> {
  const appeal = await db
    .selectFrom('appeals as a')
    .leftJoin('routing_rules as r', 'r.question_type_id', 'a.question_type_id')
    .leftJoin('buildings as b', 'b.id', 'a.building_id')
    .select([
      'a.question_type_id',
      'r.executor_id',
      'r.co_executor_ids',
      'a.building_id',
      'a.district_id',
      'b.maintainer_id',
      'b.district_id as building_district_id',
    ])
    .where('a.id', '=', appealId)
    .executeTakeFirst();
  if (!appeal) throw notFound('appeal', appealId);
  return routeAppeal(
    db,
    {
      id: appeal.question_type_id,
      executor_id: appeal.executor_id,
      co_executor_ids: appeal.co_executor_ids,
    },
    {
      building:
        appeal.building_id !== null
          ? {
              id: appeal.building_id,
              maintainerId: appeal.maintainer_id,
              districtId: appeal.building_district_id,
            }
          : null,
      districtId: appeal.district_id,
    },
  );
}

/** The routing an intake would get, with the organisations' names (`previewRouting`). */
export interface RoutingPreview {
  executor: { id: number; name: string } | null;
  coExecutors: { id: number; name: string }[];
  reason: RoutingReason['rule'] | 'works' | 'inactive_default';
  workId: number | null;
}

/**
 * The executor (and co-executors) registration would choose for a question type at a place, and
 * why — read-only, for the new-call screen to name before the operator registers (issue 15,
 * item 5: the screen must not contradict the card). The place is resolved as registration
 * resolves it (`placeAddress`: the building chosen, else the free text's building); `districtId`
 * stands for the point's district when there is no building. Routing: `routeAppeal`, the one
 * function registration uses.
 *
 * @throws AppError 404 `question_type_not_found` (no active question type with that id);
 *   400 `unknown_building`, `unknown_district`.
 */
export async function previewRouting(
  db: Kysely<DB>,
  input: {
    questionTypeId: number;
    buildingId?: number | undefined;
    districtId?: number | undefined;
    address?: string | undefined;
  },
): Promise<RoutingPreview> {
  const questionType = await db
    .selectFrom('question_types as q')
    .leftJoin('routing_rules as r', 'r.question_type_id', 'q.id')
    .leftJoin('organisations as o', 'o.id', 'r.executor_id')
    .select(['q.id', 'r.executor_id', 'r.co_executor_ids', 'o.active as executor_active'])
    .where('q.id', '=', input.questionTypeId)
    .where('q.active', '=', true)
    .executeTakeFirst();
  if (!questionType) throw notFound('question_type', input.questionTypeId);
  if (input.districtId !== undefined) {
    const district = await db
      .selectFrom('districts')
      .select('id')
      .where('id', '=', input.districtId)
      .executeTakeFirst();
    if (!district) throw badRequest('unknown_district', `No district with id ${input.districtId}.`);
  }
  const place = await placeAddress(db, { buildingId: input.buildingId, address: input.address });
  // As registration: active works of the question's service on the building take the appeal.
  const work = await activeWorkForAppeal(db, questionType.id, place.building?.id ?? null);
  if (work) return { executor: null, coExecutors: [], reason: 'works', workId: work.id };
  const routed = await routeAppeal(
    db,
    { ...questionType, executor_id: questionType.executor_id ?? null },
    { building: place.building, districtId: place.districtId ?? input.districtId ?? null },
  );
  const ids = [...(routed.executorId !== null ? [routed.executorId] : []), ...routed.coExecutorIds];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .selectFrom('organisations')
            .select(['id', 'name'])
            .where('id', 'in', ids)
            .execute()
        ).map((o) => [o.id, o.name] as const),
  );
  const named = (id: number) => ({ id, name: names.get(id) ?? '' });
  return {
    executor: routed.executorId !== null ? named(routed.executorId) : null,
    coExecutors: routed.coExecutorIds.map(named),
    // As registration: the question type's own executor, deactivated, is refused.
    reason:
      routed.reason.rule === 'default' && questionType.executor_active === false
        ? 'inactive_default'
        : routed.reason.rule,
    workId: null,
  };
}
