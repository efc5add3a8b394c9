/**
 * Which buildings a works entry covers and which entries cover a place (issue 16, ADR 035): the
 * area (buildings, whole streets, districts, a drawn polygon) expanded to registry buildings and
 * written to work_buildings, so «which works cover this address» is one index lookup.
 */
import { type Kysely, sql } from 'kysely';
import { type Area, bboxOf, type Polygon, pointInArea } from '../../domain/addresses/geo.js';
import type { PublicWorkView, WorkArea } from '../../contract/works.schemas.js';
import type { DB } from '../db/schema.js';
import { badRequest } from '../errors.js';
import { publicView } from './works.queries.js';

type Db = Kysely<DB>;

/** Where the caller is: a registry building, a whole street, or a point (WGS84 degrees). */
export type CoveringTarget =
  { buildingId: number } | { streetId: number } | { point: { lat: number; lon: number } };

/** A point is placed on the nearest registry building within this many metres (~ a plot). */
const POINT_RADIUS_M = 60;

/**
 * The works that cover a place and are not closed (planned or active), soonest end first.
 * By building: the work_buildings index (building_id, work_id). By street: any building of it.
 * By point: the registry buildings within {@link POINT_RADIUS_M} m, plus open entries whose drawn
 * polygon holds the point. Public fields only. Every entry not closed is shown, a planned one that starts
 * tomorrow too (the caller may ask about it).
 * @returns [] when nothing covers the place; never throws for an unknown id.
 */
export async function worksCovering(db: Db, target: CoveringTarget): Promise<PublicWorkView[]> {
  let query = db
    .selectFrom('works as w')
    .where('w.status', '<>', 'closed')
    .selectAll('w')
    .orderBy('w.expected_end_at')
    .orderBy('w.id');
  if ('buildingId' in target) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_buildings as wb')
          .select(sql`1`.as('one'))
          .whereRef('wb.work_id', '=', 'w.id')
          .where('wb.building_id', '=', target.buildingId),
      ),
    );
  } else if ('streetId' in target) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_buildings as wb')
          .innerJoin('buildings as b', 'b.id', 'wb.building_id')
          .select(sql`1`.as('one'))
          .whereRef('wb.work_id', '=', 'w.id')
          .where('b.street_id', '=', target.streetId),
      ),
    );
  } else {
    const { lat, lon } = target.point;
    const dLat = POINT_RADIUS_M / 111_320;
    const dLon = POINT_RADIUS_M / (111_320 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
    const polygonIds = await worksWithPolygonHolding(db, lat, lon);
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('work_buildings as wb')
            .innerJoin('buildings as b', 'b.id', 'wb.building_id')
            .select(sql`1`.as('one'))
            .whereRef('wb.work_id', '=', 'w.id')
            .where('b.latitude', '>=', lat - dLat)
            .where('b.latitude', '<=', lat + dLat)
            .where('b.longitude', '>=', lon - dLon)
            .where('b.longitude', '<=', lon + dLon),
        ),
        ...(polygonIds.length > 0 ? [eb('w.id', 'in', polygonIds)] : []),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map(publicView);
}

async function worksWithPolygonHolding(db: Db, lat: number, lon: number): Promise<number[]> {
  const rows = await db
    .selectFrom('works')
    .select(['id', sql<Polygon | null>`area->'polygon'`.as('polygon')])
    .where('status', '<>', 'closed')
    .where(sql<boolean>`jsonb_typeof(area->'polygon') = 'object'`)
    .execute();
  return rows.filter((r) => r.polygon && pointInArea(lon, lat, r.polygon as Area)).map((r) => r.id);
}

/**
 * The active buildings an area covers (merged duplicates left out), sorted by id.
 * Unknown building, street or district ids are simply not found: the caller decides whether an
 * empty result is an error (`createWork` answers 400 `works_cover_no_building`).
 */
export async function resolveCoveredBuildings(db: Db, area: WorkArea): Promise<number[]> {
  const ids = new Set<number>();
  const base = () =>
    db
      .selectFrom('buildings')
      .select('id')
      .where('active', '=', true)
      .where('merged_into_id', 'is', null);
  if (area.buildingIds.length > 0) {
    for (const r of await base().where('id', 'in', area.buildingIds).execute()) ids.add(r.id);
  }
  if (area.streetIds.length > 0) {
    for (const r of await base().where('street_id', 'in', area.streetIds).execute()) ids.add(r.id);
  }
  if (area.districtIds.length > 0) {
    for (const r of await base().where('district_id', 'in', area.districtIds).execute())
      ids.add(r.id);
  }
  if (area.polygon) {
    const polygon = area.polygon as unknown as Polygon;
    const [minLon, minLat, maxLon, maxLat] = bboxOf(polygon);
    const candidates = await db
      .selectFrom('buildings')
      .select(['id', 'latitude', 'longitude'])
      .where('active', '=', true)
      .where('merged_into_id', 'is', null)
      .where('latitude', '>=', minLat)
      .where('latitude', '<=', maxLat)
      .where('longitude', '>=', minLon)
      .where('longitude', '<=', maxLon)
      .execute();
    for (const b of candidates) {
      if (
        b.latitude !== null &&
        b.longitude !== null &&
        pointInArea(b.longitude, b.latitude, polygon)
      )
        ids.add(b.id);
    }
  }
  return [...ids].sort((a, b) => a - b);
}

export function validateArea(area: WorkArea): void {
  if (
    area.buildingIds.length === 0 &&
    area.streetIds.length === 0 &&
    area.districtIds.length === 0 &&
    !area.polygon
  ) {
    throw badRequest(
      'works_area_required',
      'Give the affected area: buildings, streets, a district or a polygon.',
      {
        field: 'area',
      },
    );
  }
}

export async function coverOrRefuse(db: Db, area: WorkArea): Promise<number[]> {
  validateArea(area);
  const buildings = await resolveCoveredBuildings(db, area);
  if (buildings.length === 0) {
    throw badRequest('works_cover_no_building', 'The area covers no building of the registry.', {
      field: 'area',
    });
  }
  return buildings;
}

export async function writeCoverage(trx: Db, workId: number, buildings: number[]): Promise<void> {
  await trx.deleteFrom('work_buildings').where('work_id', '=', workId).execute();
  for (let i = 0; i < buildings.length; i += 1000) {
    await trx
      .insertInto('work_buildings')
      .values(buildings.slice(i, i + 1000).map((building_id) => ({ building_id, work_id: workId })))
      .execute();
  }
}
