/**
 * The districts of the registry with their boundaries, and the district of a point
 * (point-in-polygon in the application: PGlite has no PostGIS; ADR 023).
 */
import type { Kysely } from 'kysely';
import { type Area, bboxOf, type BBox, inBBox, pointInArea } from '../../domain/addresses/geo.js';
import type { DB } from '../db/schema.js';

export interface LoadedDistrict {
  id: number;
  area: Area;
  bbox: BBox;
}

/** The district whose boundary holds the point, or null. */
export function districtOfPoint(
  districts: readonly LoadedDistrict[],
  lat: number,
  lon: number,
): number | null {
  for (const d of districts) {
    if (inBBox(lon, lat, d.bbox) && pointInArea(lon, lat, d.area)) return d.id;
  }
  return null;
}

/** The districts of a city with their boundaries, for point-in-polygon. */
export async function loadDistrictAreas(db: Kysely<DB>, city?: string): Promise<LoadedDistrict[]> {
  let query = db
    .selectFrom('districts')
    .select(['id', 'boundary', 'bbox'])
    .where('boundary', 'is not', null);
  if (city) query = query.where('city', '=', city);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => {
    const area = r.boundary as unknown as Area;
    return { id: r.id, area, bbox: (r.bbox as BBox | null) ?? bboxOf(area) };
  });
}
