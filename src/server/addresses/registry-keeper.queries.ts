/**
 * The registry keeper's reads (issue 15): the registry's history, streets with their names,
 * buildings by street, district or maintainer, maintainers, the addresses appeals gave that the
 * registry lacks, and the districts.
 */
import { sql } from 'kysely';
import { streetKey } from '../../domain/addresses/address-normal-form.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { streetLabel } from './registry-search.js';
import { houseWithoutBlock } from './registry-keeper-steps.js';

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

/** Streets by id, with their names (current first) and their active buildings' count. */
export async function streetsByIds(deps: Deps, ids: number[]): Promise<StreetView[]> {
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
