import { describe, expect, it } from 'vitest';
import { type Area, bboxOf, distanceMetres, pointInArea, validCoordinates } from './geo.js';

// A 10×10 square with a 2×2 hole in its middle, and a second square far away.
const area: Area = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [4, 4],
        [6, 4],
        [6, 6],
        [4, 6],
        [4, 4],
      ],
    ],
    [
      [
        [20, 20],
        [21, 20],
        [21, 21],
        [20, 21],
      ],
    ],
  ],
};

describe('pointInArea', () => {
  it.each([
    [1, 1, true],
    [9.9, 0.1, true],
    [5, 5, false], // in the hole
    [3.9, 5, true], // beside the hole
    [11, 5, false],
    [-0.1, 5, false],
    [20.5, 20.5, true], // the second polygon
    [15, 15, false],
  ])('(%s, %s) → %s', (lon, lat, inside) => {
    expect(pointInArea(lon, lat, area)).toBe(inside);
  });

  it('works on a concave Polygon', () => {
    const u: Area = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
        ],
      ],
    };
    expect(pointInArea(0.5, 2, u)).toBe(true);
    expect(pointInArea(1.5, 2, u)).toBe(false);
    expect(pointInArea(2.5, 2, u)).toBe(true);
  });
});

describe('bboxOf, distanceMetres, validCoordinates', () => {
  it('boxes every polygon', () => {
    expect(bboxOf(area)).toEqual([0, 0, 21, 21]);
  });
  it('one degree of latitude is about 111 km', () => {
    expect(distanceMetres(50, 36, 51, 36)).toBeGreaterThan(111_000);
    expect(distanceMetres(50, 36, 51, 36)).toBeLessThan(111_400);
    expect(distanceMetres(50, 36, 50, 36)).toBe(0);
  });
  it.each([
    [50, 36, true],
    [90, 180, true],
    [-90, -180, true],
    [91, 0, false],
    [0, 181, false],
    [Number.NaN, 0, false],
  ])('(%s, %s) valid: %s', (lat, lon, ok) => {
    expect(validCoordinates(lat, lon)).toBe(ok);
  });
});
