/**
 * The city's outline for maps without a tile server (issue 12): district boundaries simplified,
 * and each street drawn through its buildings' points — the registry has no street geometry, but
 * houses line their street, so ordering them along the street's main direction traces it. Pure:
 * the server reads the rows, this shapes the lines. Coordinates are GeoJSON order [lon, lat].
 */
import { type Area, distanceMetres, type Position } from './geo.js';

/** Perpendicular distance of `p` from the segment a–b, in degrees (small areas: planar is enough). */
function segmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = dx * dx + dy * dy;
  const t =
    length === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return Math.sqrt(x * x + y * y);
}

/**
 * Douglas–Peucker: the fewest points that stay within `tolerance` degrees of the line (the ends
 * are kept). Iterative, so a long boundary cannot overflow the stack.
 */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return [...points];
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = true;
  keep[points.length - 1] = true;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(points[i]!, points[first]!, points[last]!);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = true;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** A position rounded to `decimals` (5 ≈ 1 m), for a light answer. */
export function roundPosition([lon, lat]: Position, decimals = 5): Position {
  return [round(lon, decimals), round(lat, decimals)];
}

/** A district's boundary with rings simplified to `tolerance` degrees; rings that collapse go. */
export function simplifyArea(area: Area, tolerance: number, decimals = 5): Area {
  const polygon = (rings: readonly (readonly Position[])[]) =>
    rings
      .map((ring) => simplifyLine(ring, tolerance).map((p) => roundPosition(p, decimals)))
      .filter((ring) => ring.length >= 4);
  if (area.type === 'Polygon') return { type: 'Polygon', coordinates: polygon(area.coordinates) };
  return {
    type: 'MultiPolygon',
    coordinates: area.coordinates.map(polygon).filter((rings) => rings.length > 0),
  };
}

export interface StreetLineOptions {
  /** Two neighbouring houses farther apart than this are not joined (a gap, or a stray point). */
  maxGapMetres: number;
  /** Houses within this stretch along the street become one point (both sides averaged). */
  binMetres: number;
  /** Douglas–Peucker tolerance in degrees. */
  tolerance: number;
  decimals: number;
}

const STREET_DEFAULTS: StreetLineOptions = {
  maxGapMetres: 600,
  binMetres: 50,
  tolerance: 0.0003,
  decimals: 4,
};
const METRES_PER_DEGREE = 111_320;

/**
 * A street traced through its buildings' points: ordered by their projection on the points' main
 * axis (principal component), averaged per `binMetres` stretch (the houses on both sides make
 * one point, so the line does not zigzag across the road), split where neighbours are more than
 * `maxGapMetres` apart, then simplified. Parts of a single point are dropped; a street with fewer than two houses has none.
 */
export function streetLines(
  points: readonly Position[],
  options: Partial<StreetLineOptions> = {},
): Position[][] {
  const { maxGapMetres, binMetres, tolerance, decimals } = { ...STREET_DEFAULTS, ...options };
  if (points.length < 2) return [];
  const n = points.length;
  let mx = 0;
  let my = 0;
  for (const [x, y] of points) {
    mx += x;
    my += y;
  }
  mx /= n;
  my /= n;
  // Longitude degrees are shorter than latitude degrees away from the equator.
  const k = Math.cos((my * Math.PI) / 180);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    const dx = (x - mx) * k;
    const dy = y - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const along = (p: Position) => (p[0] - mx) * k * ux + (p[1] - my) * uy;
  const ordered = [...points].sort((a, b) => along(a) - along(b));
  const bin = binMetres / METRES_PER_DEGREE;
  const averaged: Position[] = [];
  let group: Position[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const x = group.reduce((sum, p) => sum + p[0], 0) / group.length;
    const y = group.reduce((sum, p) => sum + p[1], 0) / group.length;
    averaged.push([x, y]);
    group = [];
  };
  for (const p of ordered) {
    if (group.length > 0 && along(p) - along(group[0]!) > bin) flush();
    group.push(p);
  }
  flush();
  const parts: Position[][] = [];
  let current: Position[] = [];
  for (const p of averaged) {
    const previous = current.at(-1);
    if (previous && distanceMetres(previous[1], previous[0], p[1], p[0]) > maxGapMetres) {
      parts.push(current);
      current = [];
    }
    current.push(p);
  }
  parts.push(current);
  return parts
    .filter((part) => part.length >= 2)
    .map((part) => simplifyLine(part, tolerance).map((p) => roundPosition(p, decimals)));
}
