/**
 * Placing an appeal's address in the registry (issue 15): the building (chosen in the picker, or
 * named exactly by the free text's normal form), its district (or the point's, by the district
 * boundaries), the normal-form key, and flags for what could not be placed. An address the
 * registry does not know is kept as text and flagged `not_in_registry` — never refused, never
 * guessed; a point in no district is kept and flagged `outside_districts`.
 */
import type { Kysely } from 'kysely';
import { addressKey } from '../../domain/addresses/address-normal-form.js';
import type { AddressRoutingRule } from '../../domain/addresses/address-routing.js';
import type { DB } from '../db/schema.js';
import { badRequest } from '../errors.js';
import { districtOfPoint } from './districts.js';
import {
  buildingById,
  buildingByText,
  type PlacedBuilding,
  streetIndex,
} from './registry-search.js';

export type AddressFlag = 'not_in_registry' | 'outside_districts';

export interface AppealPlacement {
  building: PlacedBuilding | null;
  districtId: number | null;
  /** The address text to keep (as typed, or the building's label when only the building is given). */
  addressText: string | null;
  /** The normal form `street|house`, or null without an address. */
  addressKey: string | null;
  latitude: number | null;
  longitude: number | null;
  flags: AddressFlag[];
}

/**
 * Place an address given by building, text and/or point.
 *
 * @throws AppError 400 `unknown_building` when `buildingId` names no building.
 */
export async function placeAddress(
  db: Kysely<DB>,
  input: {
    buildingId?: number | null | undefined;
    address?: string | null | undefined;
    latitude?: number | null | undefined;
    longitude?: number | null | undefined;
  },
): Promise<AppealPlacement> {
  const text = input.address?.trim() ? input.address.trim() : null;
  const registry = await streetIndex(db);
  let building: PlacedBuilding | null = null;
  if (input.buildingId !== undefined && input.buildingId !== null) {
    building = await buildingById(db, input.buildingId);
    if (!building)
      throw badRequest(
        'unknown_building',
        `No building with id ${input.buildingId}; choose one from GET /api/v1/addresses/registry.`,
      );
  } else if (text && registry.streets.size > 0) {
    building = await buildingByText(db, text);
  }
  const latitude = input.latitude ?? building?.latitude ?? null;
  const longitude = input.longitude ?? building?.longitude ?? null;
  const flags: AddressFlag[] = [];
  if (text && !building && registry.streets.size > 0) flags.push('not_in_registry');
  let districtId = building?.districtId ?? null;
  if (
    districtId === null &&
    latitude !== null &&
    longitude !== null &&
    registry.districts.length > 0
  ) {
    districtId = districtOfPoint(registry.districts, latitude, longitude);
    if (districtId === null) flags.push('outside_districts');
  }
  const shownText = text ?? building?.label ?? null;
  return {
    building,
    districtId,
    addressText: shownText,
    addressKey: shownText ? addressKey(shownText) : null,
    latitude,
    longitude,
    flags,
  };
}

/** The address routing rules of a question type. */
export async function addressRulesFor(
  db: Kysely<DB>,
  questionTypeId: number,
): Promise<AddressRoutingRule[]> {
  const rows = await db
    .selectFrom('address_routing_rules')
    .select(['district_id', 'executor_id', 'to_maintainer', 'co_executor_ids'])
    .where('question_type_id', '=', questionTypeId)
    .execute();
  return rows.map((r) => ({
    districtId: r.district_id,
    executorId: r.executor_id,
    toMaintainer: r.to_maintainer,
    coExecutorIds: r.co_executor_ids,
  }));
}
