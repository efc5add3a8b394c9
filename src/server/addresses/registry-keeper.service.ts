/**
 * The registry keeper's work (issue 15): search and edit streets, buildings and maintainers;
 * rename a street (the old name stays as a former name with its date); merge two buildings that
 * are one; assign a maintainer to many buildings at once; the addresses appeals gave that the
 * registry lacks; the routing rules by district and to the building's maintainer.
 * Each change runs in one transaction and bumps the registry's version (the street index).
 */
import { type Kysely, sql } from 'kysely';
import { parseHouseNumber, streetKey } from '../../domain/addresses/address-normal-form.js';
import { type Actor, actorId, actorLabel, type Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { bumpRegistryVersion } from './registry-version.js';
import { streetLabel } from './registry-search.js';

/**
 * One row of the registry's history: who changed which street or building, when, and each changed
 * field as it was and as it became. Written in the edit's own transaction.
 */
async function recordRegistryEdit(
  trx: Kysely<DB>,
  deps: Deps,
  actor: Actor,
  edit: {
    entity: 'street' | 'building';
    entityId: number;
    action: 'rename' | 'update' | 'merge' | 'maintainer';
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  },
): Promise<void> {
  await trx
    .insertInto('registry_edits')
    .values({
      at: deps.now(),
      actor_id: actorId(actor),
      actor_label: actorLabel(actor),
      entity: edit.entity,
      entity_id: edit.entityId,
      action: edit.action,
      before: JSON.stringify(edit.before),
      after: JSON.stringify(edit.after),
    })
    .execute();
}

/** Only the fields whose value changed, as they were and as they became. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    was[key] = before[key] ?? null;
    now[key] = after[key] ?? null;
  }
  return { before: was, after: now };
}

export interface RegistryEditView {
  id: number;
  at: string;
  actor: string;
  entity: 'street' | 'building';
  entityId: number;
  action: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** The registry's history, newest first: of one street or building, or of the whole registry. */
export async function listRegistryEdits(
  deps: Deps,
  filter: { entity?: 'street' | 'building' | undefined; id?: number | undefined; limit: number },
): Promise<RegistryEditView[]> {
  let query = deps.db
    .selectFrom('registry_edits')
    .select(['id', 'at', 'actor_label', 'entity', 'entity_id', 'action', 'before', 'after']);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entity && filter.id !== undefined) query = query.where('entity_id', '=', filter.id);
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor_label,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before,
    after: r.after,
  }));
}

export interface StreetView {
  id: number;
  city: string;
  type: string | null;
  name: string;
  label: string;
  active: boolean;
  buildings: number;
  names: {
    name: string;
    type: string | null;
    current: boolean;
    validFrom: string | null;
    validTo: string | null;
    period: string | null;
  }[];
}

/** Streets whose any name contains the words of `q` (all cities), with their names and counts. */
export async function searchStreetsForKeeper(
  deps: Deps,
  q: string,
  limit = 50,
): Promise<StreetView[]> {
  const key = streetKey(q).key;
  const pattern = `%${key.replace(/[\\%_]/g, '\\$&')}%`;
  const ids = await deps.db
    .selectFrom('street_names')
    .select('street_id')
    .distinct()
    .where('name_key', 'like', pattern)
    .limit(limit)
    .execute();
  return streetsByIds(
    deps,
    ids.map((r) => r.street_id),
  );
}

async function streetsByIds(deps: Deps, ids: number[]): Promise<StreetView[]> {
  if (ids.length === 0) return [];
  const [streets, names] = await Promise.all([
    deps.db
      .selectFrom('streets as s')
      .select([
        's.id',
        's.city',
        's.type',
        's.name',
        's.active',
        (eb) =>
          eb
            .selectFrom('buildings as b')
            .select(eb.fn.countAll<string>().as('n'))
            .whereRef('b.street_id', '=', 's.id')
            .where('b.active', '=', true)
            .as('buildings'),
      ])
      .where('s.id', 'in', ids)
      .orderBy('s.name')
      .execute(),
    deps.db
      .selectFrom('street_names')
      .select([
        'street_id',
        'name',
        'type',
        'is_current',
        'period_text',
        sql<string | null>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'),
        sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'),
      ])
      .where('street_id', 'in', ids)
      .orderBy('is_current', 'desc')
      .orderBy('valid_to', 'desc')
      .execute(),
  ]);
  return streets.map((s) => ({
    id: s.id,
    city: s.city,
    type: s.type,
    name: s.name,
    label: streetLabel(s.type, s.name),
    active: s.active,
    buildings: Number(s.buildings ?? 0),
    names: names
      .filter((n) => n.street_id === s.id)
      .map((n) => ({
        name: n.name,
        type: n.type,
        current: n.is_current,
        validFrom: n.valid_from,
        validTo: n.valid_to,
        period: n.period_text,
      })),
  }));
}

/**
 * Rename a street: the new name becomes current; the old one stays as a former name valid until
 * `date` (the day of the council's decision), so callers who still say it are understood.
 *
 * @throws AppError 404 `street_not_found`, 400 `same_name`.
 */
export async function renameStreet(
  deps: Deps,
  actor: Actor,
  streetId: number,
  input: { name: string; type?: string | null | undefined; date: string },
): Promise<StreetView> {
  await deps.db.transaction().execute(async (trx) => {
    const street = await trx
      .selectFrom('streets')
      .select(['id', 'type', 'name'])
      .where('id', '=', streetId)
      .forUpdate()
      .executeTakeFirst();
    if (!street) throw notFound('street', streetId);
    const parsed = streetKey(input.name);
    const type = input.type === undefined ? (parsed.type ?? street.type) : input.type;
    const bare = parsed.type ? input.name.trim().replace(/^\S+\s+/, '') : input.name.trim();
    if (parsed.key === streetKey(street.name).key)
      throw badRequest('same_name', 'The new name is the street’s current name.');
    // The current name becomes former (valid until the date); a former name equal to the new one
    // is taken back as current.
    await trx
      .deleteFrom('street_names')
      .where('street_id', '=', streetId)
      .where('is_current', '=', false)
      .where('name_key', '=', parsed.key)
      .execute();
    await trx
      .deleteFrom('street_names')
      .where('street_id', '=', streetId)
      .where('is_current', '=', false)
      .where('name_key', '=', streetKey(street.name).key)
      .execute();
    await trx
      .updateTable('street_names')
      .set({ is_current: false, valid_to: input.date })
      .where('street_id', '=', streetId)
      .where('is_current', '=', true)
      .execute();
    await trx
      .insertInto('street_names')
      .values({
        street_id: streetId,
        type,
        name: bare,
        name_key: parsed.key,
        is_current: true,
        valid_from: input.date,
      })
      .execute();
    await trx
      .updateTable('streets')
      .set({ name: bare, type, updated_at: new Date() })
      .where('id', '=', streetId)
      .execute();
    await recordRegistryEdit(trx, deps, actor, {
      entity: 'street',
      entityId: streetId,
      action: 'rename',
      before: { type: street.type, name: street.name },
      after: { type, name: bare, date: input.date },
    });
    await bumpRegistryVersion(trx);
  });
  return (await streetsByIds(deps, [streetId]))[0]!;
}

export interface BuildingView {
  id: number;
  streetId: number;
  label: string;
  houseNumber: string;
  /** The block (корпус) on its own, or null; `houseNumber` is the number without it. */
  block: string | null;
  kind: string;
  latitude: number | null;
  longitude: number | null;
  districtId: number | null;
  districtName: string | null;
  maintainerId: number | null;
  maintainerName: string | null;
  active: boolean;
  mergedIntoId: number | null;
  appeals: number;
}

/** Buildings by street and/or district and/or maintainer (active first, by house). */
export async function listBuildings(
  deps: Deps,
  filter: {
    streetId?: number | undefined;
    districtId?: number | undefined;
    maintainerId?: number | undefined;
    limit: number;
  },
): Promise<BuildingView[]> {
  if (!filter.streetId && !filter.districtId && !filter.maintainerId)
    throw badRequest('filter_required', 'Give streetId, districtId or maintainerId.');
  let query = deps.db
    .selectFrom('buildings as b')
    .innerJoin('streets as s', 's.id', 'b.street_id')
    .leftJoin('districts as d', 'd.id', 'b.district_id')
    .leftJoin('organisations as o', 'o.id', 'b.maintainer_id')
    .select([
      'b.id',
      'b.street_id',
      'b.house_number',
      'b.block',
      'b.kind',
      'b.latitude',
      'b.longitude',
      'b.district_id',
      'd.name as district_name',
      'b.maintainer_id',
      'o.name as maintainer_name',
      'b.active',
      'b.merged_into_id',
      's.type',
      's.name',
      (eb) =>
        eb
          .selectFrom('appeals as a')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('a.building_id', '=', 'b.id')
          .as('appeals'),
    ]);
  if (filter.streetId) query = query.where('b.street_id', '=', filter.streetId);
  if (filter.districtId) query = query.where('b.district_id', '=', filter.districtId);
  if (filter.maintainerId) query = query.where('b.maintainer_id', '=', filter.maintainerId);
  const rows = await query
    .orderBy('b.active', 'desc')
    .orderBy(sql`length(b.house_key)`)
    .orderBy('b.house_key')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    streetId: r.street_id,
    label: `${streetLabel(r.type, r.name)}, ${r.house_number}`,
    houseNumber: houseWithoutBlock(r.house_number, r.block),
    block: r.block,
    kind: r.kind,
    latitude: r.latitude,
    longitude: r.longitude,
    districtId: r.district_id,
    districtName: r.district_name,
    maintainerId: r.maintainer_id,
    maintainerName: r.maintainer_name,
    active: r.active,
    mergedIntoId: r.merged_into_id,
    appeals: Number(r.appeals ?? 0),
  }));
}

async function assertMaintainer(deps: Deps, id: number | null): Promise<void> {
  if (id === null) return;
  const org = await deps.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!org) throw badRequest('unknown_executor', `No active organisation with id ${id}.`);
}

/** «7, корп. 3» without its block: «7» (the block has its own column). */
export function houseWithoutBlock(houseNumber: string, block: string | null): string {
  if (!block) return houseNumber;
  return houseNumber.replace(/,?\s*корп\.?\s*\S+$/u, '').trim() || houseNumber;
}

/**
 * Edit a building: its house number and block (re-keyed together), kind, point, district,
 * maintainer. The change and its row in the registry's history are one transaction.
 *
 * @throws AppError 404 `building_not_found`, 400 `bad_house_number`, `unknown_executor`.
 */
export async function updateBuilding(
  deps: Deps,
  actor: Actor,
  id: number,
  input: {
    houseNumber?: string | undefined;
    block?: string | null | undefined;
    kind?: 'residential' | 'other' | undefined;
    latitude?: number | null | undefined;
    longitude?: number | null | undefined;
    districtId?: number | null | undefined;
    maintainerId?: number | null | undefined;
  },
): Promise<void> {
  if (input.maintainerId !== undefined) await assertMaintainer(deps, input.maintainerId);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('buildings')
      .select([
        'house_number',
        'block',
        'kind',
        'latitude',
        'longitude',
        'district_id',
        'maintainer_id',
      ])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('building', id);
    let house: ReturnType<typeof parseHouseNumber> | undefined;
    if (input.houseNumber !== undefined || input.block !== undefined) {
      const number = input.houseNumber ?? houseWithoutBlock(row.house_number, row.block);
      const block = input.block === undefined ? row.block : input.block?.trim() || null;
      const text = block ? `${number} корп. ${block}` : number;
      house = parseHouseNumber(text);
      if (house === null)
        throw badRequest(
          'bad_house_number',
          `«${text}» is not a house number (12, 12-А, 20/2, 7 корп. 3).`,
        );
    }
    const before = {
      houseNumber: row.house_number,
      block: row.block,
      kind: row.kind,
      latitude: row.latitude,
      longitude: row.longitude,
      districtId: row.district_id,
      maintainerId: row.maintainer_id,
    };
    const after = {
      houseNumber: house?.label,
      block: house ? house.block.toUpperCase() || null : undefined,
      kind: input.kind,
      latitude: input.latitude,
      longitude: input.longitude,
      districtId: input.districtId,
      maintainerId: input.maintainerId,
    };
    const changed = changedFields(before, after);
    if (Object.keys(changed.after).length === 0) return;
    await trx
      .updateTable('buildings')
      .set({
        ...(house
          ? {
              house_number: house.label,
              house_key: house.key,
              block: house.block.toUpperCase() || null,
            }
          : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.latitude !== undefined ? { latitude: input.latitude } : {}),
        ...(input.longitude !== undefined ? { longitude: input.longitude } : {}),
        ...(input.districtId !== undefined ? { district_id: input.districtId } : {}),
        ...(input.maintainerId !== undefined ? { maintainer_id: input.maintainerId } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordRegistryEdit(trx, deps, actor, {
      entity: 'building',
      entityId: id,
      action: 'update',
      ...changed,
    });
    await bumpRegistryVersion(trx);
  });
}

/**
 * Merge two buildings that are one: `fromId` is retired and points at `intoId`; its appeals move
 * to `intoId` (so Art. 8 repeats and duplicates see one house).
 *
 * @throws AppError 404 `building_not_found`, 409 `same_building`, `building_merged`.
 */
export async function mergeBuildings(
  deps: Deps,
  actor: Actor,
  input: { fromId: number; intoId: number },
): Promise<{ movedAppeals: number }> {
  if (input.fromId === input.intoId)
    throw conflict('same_building', 'A building cannot be merged into itself.');
  return deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('buildings')
      .select(['id', 'active'])
      .where('id', 'in', [input.fromId, input.intoId])
      .forUpdate()
      .execute();
    for (const id of [input.fromId, input.intoId]) {
      const row = rows.find((r) => r.id === id);
      if (!row) throw notFound('building', id);
      if (!row.active)
        throw conflict('building_merged', `Building ${id} was already merged into another one.`);
    }
    await trx
      .updateTable('buildings')
      .set({ active: false, merged_into_id: input.intoId, updated_at: new Date() })
      .where('id', '=', input.fromId)
      .execute();
    // Earlier merges into the retired building now point at the surviving one.
    await trx
      .updateTable('buildings')
      .set({ merged_into_id: input.intoId })
      .where('merged_into_id', '=', input.fromId)
      .execute();
    const moved = await trx
      .updateTable('appeals')
      .set({ building_id: input.intoId })
      .where('building_id', '=', input.fromId)
      .executeTakeFirst();
    const movedAppeals = Number(moved.numUpdatedRows);
    await recordRegistryEdit(trx, deps, actor, {
      entity: 'building',
      entityId: input.fromId,
      action: 'merge',
      before: { active: true, mergedIntoId: null },
      after: { active: false, mergedIntoId: input.intoId, movedAppeals },
    });
    await recordRegistryEdit(trx, deps, actor, {
      entity: 'building',
      entityId: input.intoId,
      action: 'merge',
      before: {},
      after: { mergedFromId: input.fromId, movedAppeals },
    });
    await bumpRegistryVersion(trx);
    return { movedAppeals };
  });
}

/**
 * Assign one maintainer to many buildings at once (a selection on the map or in the list).
 *
 * @throws AppError 400 `unknown_executor`.
 */
export async function assignMaintainer(
  deps: Deps,
  actor: Actor,
  input: { buildingIds: number[]; maintainerId: number | null },
): Promise<{ updated: number }> {
  await assertMaintainer(deps, input.maintainerId);
  return deps.db.transaction().execute(async (trx) => {
    // Each building's history row says what its maintainer was (one statement for the lot).
    await sql`INSERT INTO registry_edits (at, actor_id, actor_label, entity, entity_id, action, before, after)
              SELECT ${deps.now()}, ${actorId(actor)}::integer, ${actorLabel(actor)}, 'building', b.id,
                     'maintainer', jsonb_build_object('maintainerId', b.maintainer_id),
                     jsonb_build_object('maintainerId', ${input.maintainerId}::integer)
                FROM buildings b
               WHERE b.id = ANY(${input.buildingIds}::integer[])
                 AND b.maintainer_id IS DISTINCT FROM ${input.maintainerId}::integer`.execute(trx);
    const result = await trx
      .updateTable('buildings')
      .set({ maintainer_id: input.maintainerId, updated_at: new Date() })
      .where('id', 'in', input.buildingIds)
      .executeTakeFirst();
    await bumpRegistryVersion(trx);
    return { updated: Number(result.numUpdatedRows) };
  });
}

/** Maintainer organisations (utility companies and whoever maintains a building), with counts. */
export async function listMaintainers(
  deps: Deps,
): Promise<{ id: number; name: string; buildings: number }[]> {
  const rows = await deps.db
    .selectFrom('organisations as o')
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.maintainer_id', '=', 'o.id').on('b.active', '=', true),
    )
    .select(['o.id', 'o.name', (eb) => eb.fn.count<string>('b.id').as('n')])
    .where('o.active', '=', true)
    .where((eb) => eb.or([eb('o.type', '=', 'utility_company'), eb('b.id', 'is not', null)]))
    .groupBy(['o.id', 'o.name'])
    .orderBy('n', 'desc')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, buildings: Number(r.n) }));
}

/** The addresses appeals gave that the registry could not place, newest first (to add them). */
export async function listUnplacedAddresses(
  deps: Deps,
  limit = 100,
): Promise<
  {
    appealId: number;
    number: string;
    address: string | null;
    flags: string[];
    receivedAt: string;
  }[]
> {
  const rows = await deps.db
    .selectFrom('appeals')
    .select(['id', 'number', 'address_text', 'address_flags', 'received_at'])
    .where(sql<boolean>`cardinality(address_flags) > 0`)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    appealId: r.id,
    number: r.number,
    address: r.address_text,
    flags: r.address_flags,
    receivedAt: r.received_at.toISOString(),
  }));
}

/** The districts of the registry (for filters and rules). */
export async function listDistricts(
  deps: Deps,
): Promise<{ id: number; city: string; name: string; formerNames: string[] }[]> {
  const rows = await deps.db
    .selectFrom('districts')
    .select(['id', 'city', 'name', 'former_names'])
    .orderBy('city')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, city: r.city, name: r.name, formerNames: r.former_names }));
}

/**
 * Add or replace an address routing rule: question type × district → executor, or question type
 * (× district) → the building's maintainer.
 *
 * @throws AppError 400 `bad_rule`, `unknown_executor`.
 */
export async function putAddressRule(
  deps: Deps,
  input: {
    questionTypeId: number;
    districtId: number | null;
    executorId: number | null;
    toMaintainer: boolean;
  },
): Promise<void> {
  if (input.toMaintainer === (input.executorId !== null))
    throw badRequest('bad_rule', 'Give an executorId or toMaintainer: true, not both.');
  if (!input.toMaintainer && input.districtId === null)
    throw badRequest(
      'bad_rule',
      'A rule naming an executor needs a district (the default is the question type’s).',
    );
  await assertMaintainer(deps, input.executorId);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await sql`DELETE FROM address_routing_rules
                 WHERE question_type_id = ${input.questionTypeId}
                   AND coalesce(district_id, 0) = ${input.districtId ?? 0}
                   AND to_maintainer = ${input.toMaintainer}`.execute(trx);
      await trx
        .insertInto('address_routing_rules')
        .values({
          question_type_id: input.questionTypeId,
          district_id: input.districtId,
          executor_id: input.executorId,
          to_maintainer: input.toMaintainer,
        })
        .execute();
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A foreign key: the question type or the district does not exist.
    throw badRequest('bad_rule', 'No such question type or district.');
  }
}
