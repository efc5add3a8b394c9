/**
 * Routing an appeal by its address (issue 15; ADR 024): the rules of `domain/addresses/address-routing.ts`
 * over the question type's default (`routing_rules`) and its address rules (`address_routing_rules`).
 * Registration, moderation (which registers) and re-routing (the executor the rules would choose
 * now) call the same function.
 */
import type { Kysely } from 'kysely';
import { routeByAddress, type RoutingReason } from '../../domain/addresses/address-routing.js';
import { addressRulesFor } from '../addresses/place-address.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';

export interface Routed {
  executorId: number | null;
  reason: RoutingReason;
}

/**
 * The executor for a question type and a placed address. A rule whose executor (or the building's
 * maintainer) is no longer an active organisation is passed over for the default.
 */
export async function routeAppeal(
  db: Kysely<DB>,
  questionType: { id: number; executor_id: number | null },
  place: {
    building: { id: number; maintainerId: number | null; districtId: number | null } | null;
    districtId: number | null;
  },
): Promise<Routed> {
  const byDefault: Routed =
    questionType.executor_id !== null
      ? { executorId: questionType.executor_id, reason: { rule: 'default' } }
      : { executorId: null, reason: { rule: 'none' } };
  if (!place.building && place.districtId === null) return byDefault;
  const rules = await addressRulesFor(db, questionType.id);
  if (rules.length === 0) return byDefault;
  const routed = routeByAddress({
    defaultExecutorId: questionType.executor_id,
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
    if (!active) return byDefault;
  }
  return routed;
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
    { id: appeal.question_type_id, executor_id: appeal.executor_id },
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
