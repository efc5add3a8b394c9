import { describe, expect, it } from 'vitest';
import type { Position } from './geo.js';
import { simplifyArea, simplifyLine, streetLines } from './map-outline.js';

describe('simplifyLine (Douglas–Peucker)', () => {
  it.each<[string, Position[], number, Position[]]>([
    [
      'two points stay',
      [
        [0, 0],
        [1, 1],
      ],
      0.1,
      [
        [0, 0],
        [1, 1],
      ],
    ],
    [
      'a straight run keeps its ends',
      [
        [0, 0],
        [1, 0.001],
        [2, 0],
        [3, 0.001],
        [4, 0],
      ],
      0.01,
      [
        [0, 0],
        [4, 0],
      ],
    ],
    [
      'a corner is kept',
      [
        [0, 0],
        [1, 0],
        [2, 0],
        [2, 1],
        [2, 2],
      ],
      0.01,
      [
        [0, 0],
        [2, 0],
        [2, 2],
      ],
    ],
  ])('%s', (_name, line, tolerance, expected) => {
    expect(simplifyLine(line, tolerance)).toEqual(expected);
  });
});

describe('simplifyArea', () => {
  it('drops rings that collapse, keeps the polygon closed', () => {
    const square: Position[] = [
      [0, 0],
      [0.5, 0.00001],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const tiny: Position[] = [
      [5, 5],
      [5.00001, 5],
      [5, 5.00001],
      [5, 5],
    ];
    const area = simplifyArea({ type: 'MultiPolygon', coordinates: [[square], [tiny]] }, 0.001);
    expect(area).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      ],
    });
  });
});

describe('streetLines: a street traced through its houses', () => {
  // Houses on both sides of a street running east at latitude 50 (about 25 m either side).
  const houses: Position[] = Array.from({ length: 20 }, (_, i) => [
    36.2 + i * 0.0007,
    50 + (i % 2 === 0 ? 0.00022 : -0.00022),
  ]);

  it('is one straight line, not a zigzag across the road', () => {
    const lines = streetLines(houses);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line.length).toBeLessThanOrEqual(3);
    expect(line[0]![0]).toBeCloseTo(36.2, 3);
    expect(line.at(-1)![0]).toBeCloseTo(36.2 + 19 * 0.0007, 3);
    for (const [, lat] of line) expect(Math.abs(lat - 50)).toBeLessThan(0.0002);
  });

  it('the order the houses come in does not matter', () => {
    expect(streetLines([...houses].reverse())).toEqual(streetLines(houses));
  });

  it('splits at a gap wider than maxGapMetres (two stretches of one name)', () => {
    const far: Position[] = houses.map(([lon, lat]) => [lon + 0.05, lat]);
    expect(streetLines([...houses, ...far])).toHaveLength(2);
  });

  it('draws nothing for one house, or houses all within one stretch', () => {
    expect(streetLines([[36.2, 50]])).toEqual([]);
    expect(
      streetLines([
        [36.2, 50],
        [36.2001, 50.0001],
      ]),
    ).toEqual([]);
  });
});
