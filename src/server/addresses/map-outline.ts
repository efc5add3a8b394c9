/**
 * The city's outline for maps without a tile server (issue 12): the registry's districts and its
 * streets traced through their buildings (`domain/addresses/map-outline.ts`). Built from the
 * database and kept per process until the registry's version changes (a keeper's edit or an import
 * bumps it), so every process answers the same outline.
 */
import type { Kysely } from 'kysely';
import type { Area, Position } from '../../domain/addresses/geo.js';
import { simplifyArea, streetLines } from '../../domain/addresses/map-outline.js';
import type { MapOutlineView } from '../../contract/map-outline.schemas.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { registryCity } from './registry-search.js';
import { registryVersion } from './registry-version.js';

/** ~33 m: a district's edge keeps its shape at city zoom and loses most of its points. */
const BOUNDARY_TOLERANCE = 0.0003;

let cached: { key: string; outline: Promise<MapOutlineView> } | null = null;

async function buildOutline(db: Kysely<DB>): Promise<MapOutlineView> {
  const city = await registryCity(db);
  let districtQuery = db
    .selectFrom('districts')
    .select(['name', 'boundary'])
    .where('boundary', 'is not', null);
  if (city) districtQuery = districtQuery.where('city', '=', city);
  const districts = await districtQuery.orderBy('name').execute();

  let buildingQuery = db
    .selectFrom('buildings as b')
    .innerJoin('street_names as n', (join) =>
      join.onRef('n.street_id', '=', 'b.street_id').on('n.is_current', '=', true),
    )
    .innerJoin('streets as s', 's.id', 'b.street_id')
    .select(['b.street_id', 'b.latitude', 'b.longitude', 'n.type', 'n.name'])
    .where('b.active', '=', true)
    .where('s.active', '=', true)
    .where('b.latitude', 'is not', null)
    .where('b.longitude', 'is not', null);
  if (city) buildingQuery = buildingQuery.where('s.city', '=', city);
  const buildings = await buildingQuery.execute();

  const streets = new Map<number, { name: string; points: Position[] }>();
  for (const b of buildings) {
    let street = streets.get(b.street_id);
    if (!street) {
      street = { name: [b.type, b.name].filter(Boolean).join(' '), points: [] };
      streets.set(b.street_id, street);
    }
    street.points.push([b.longitude!, b.latitude!]);
  }

  const features: MapOutlineView['features'] = [];
  for (const d of districts) {
    const area = simplifyArea(d.boundary as unknown as Area, BOUNDARY_TOLERANCE, 4);
    features.push({
      type: 'Feature',
      properties: { kind: 'district', name: d.name },
      geometry:
        area.type === 'Polygon'
          ? { type: 'Polygon', coordinates: area.coordinates as [number, number][][] }
          : { type: 'MultiPolygon', coordinates: area.coordinates as [number, number][][][] },
    });
  }
  for (const street of streets.values()) {
    const lines = streetLines(street.points);
    if (lines.length === 0) continue;
    features.push({
      type: 'Feature',
      properties: { kind: 'street', name: street.name },
      geometry: { type: 'MultiLineString', coordinates: lines as [number, number][][] },
    });
  }
  return {
    type: 'FeatureCollection',
    source: features.length > 0 ? 'registry' : 'none',
    features,
  };
}

/**
 * The outline of the registry's city: its districts (simplified boundaries) and streets (lines
 * through their buildings). Empty (`source: 'none'`) when the registry has neither.
 */
export async function mapOutline(deps: Deps): Promise<MapOutlineView> {
  const { version, database } = await registryVersion(deps.db);
  const key = `${database}:${version}`;
  if (cached?.key !== key) {
    const outline = buildOutline(deps.db);
    cached = { key, outline };
    // A failed build is not kept: the next request tries again.
    outline.catch(() => {
      if (cached?.outline === outline) cached = null;
    });
  }
  return cached.outline;
}
