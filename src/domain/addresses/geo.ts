/**
 * Plane geometry the address registry needs without PostGIS (PGlite has none): a point in a
 * district's (Multi)Polygon by ray casting, bounding boxes, and distances in metres.
 * Coordinates are GeoJSON order: [longitude, latitude] in WGS84 degrees.
 */

export type Position = readonly [number, number];
/** A polygon: its outer ring, then holes; each ring a closed or open list of positions. */
export type PolygonCoordinates = readonly (readonly Position[])[];

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: readonly PolygonCoordinates[];
}
export interface Polygon {
  type: 'Polygon';
  coordinates: PolygonCoordinates;
}
export type Area = Polygon | MultiPolygon;

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = readonly [number, number, number, number];

/** Whether the point lies inside the ring (ray casting; a point on the edge may go either way). */
function inRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, polygon: PolygonCoordinates): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !inRing(lon, lat, outer)) return false;
  return !holes.some((hole) => inRing(lon, lat, hole));
}

/** Whether (lon, lat) lies inside the area (holes excluded). */
export function pointInArea(lon: number, lat: number, area: Area): boolean {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  return polygons.some((p) => inPolygon(lon, lat, p));
}

/** The bounding box of an area. */
export function bboxOf(area: Area): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lat < minLat) minLat = lat;
        if (lon > maxLon) maxLon = lon;
        if (lat > maxLat) maxLat = lat;
      }
  return [minLon, minLat, maxLon, maxLat];
}

/** Whether the point lies in the box (edges included). */
export function inBBox(lon: number, lat: number, [minLon, minLat, maxLon, maxLat]: BBox): boolean {
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

/** Great-circle distance between two points in metres (haversine, mean Earth radius 6,371 km). */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Whether a latitude/longitude pair is a valid WGS84 position. */
export function validCoordinates(lat: number, lon: number): boolean {
  return (
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    lat >= -90 &&
    lat <= 90 &&
    lon >= -180 &&
    lon <= 180
  );
}
