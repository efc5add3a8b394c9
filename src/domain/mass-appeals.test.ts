import { describe, expect, it } from 'vitest';
import { type MassCandidate, proposeMassGroups } from './mass-appeals.js';

const T0 = Date.parse('2026-12-01T08:00:00Z');
let serial = 0;
function c(minutes: number, over: Partial<MassCandidate> = {}): MassCandidate {
  serial += 1;
  return {
    appealId: serial,
    questionTypeId: 7,
    buildingId: 100,
    streetId: 10,
    receivedAt: new Date(T0 + minutes * 60_000),
    ...over,
  };
}
const rules = { threshold: 3, windowMinutes: 60 };

describe('proposeMassGroups', () => {
  it('groups one question type at one building within the window', () => {
    const list = [c(0), c(10), c(50)];
    const groups = proposeMassGroups(list, rules);
    expect(groups).toEqual([
      {
        questionTypeId: 7,
        buildingId: 100,
        streetId: null,
        appealIds: list.map((x) => x.appealId),
        firstReceivedAt: list[0]!.receivedAt,
        lastReceivedAt: list[2]!.receivedAt,
      },
    ]);
  });

  it.each([
    ['too few', [0, 10], 0],
    ['spread beyond the window', [0, 40, 120], 0],
    ['the densest window only', [0, 100, 110, 120, 300], 3],
    ['exactly the window', [0, 30, 60], 3],
  ])('%s', (_name, minutes, size) => {
    const groups = proposeMassGroups(
      minutes.map((m) => c(m)),
      rules,
    );
    expect(groups.map((g) => g.appealIds.length)).toEqual(size === 0 ? [] : [size]);
  });

  it('keeps question types and buildings apart; the rest of a street groups by street', () => {
    const list = [
      c(0, { questionTypeId: 8 }),
      c(1, { questionTypeId: 9 }),
      c(2, { questionTypeId: 8, buildingId: 101 }),
      c(3, { questionTypeId: 8, buildingId: 102 }),
    ];
    const groups = proposeMassGroups(list, rules);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ questionTypeId: 8, buildingId: null, streetId: 10 });
    expect(groups[0]!.appealIds).toEqual([list[0]!.appealId, list[2]!.appealId, list[3]!.appealId]);
  });

  it('a building group takes its appeals first; no place, no group', () => {
    const list = [
      c(0),
      c(1),
      c(2),
      c(3, { buildingId: 104 }),
      c(4, { buildingId: null, streetId: null }),
    ];
    const groups = proposeMassGroups(list, rules);
    expect(groups.map((g) => [g.buildingId, g.streetId, g.appealIds.length])).toEqual([
      [100, null, 3],
    ]);
  });

  it('a threshold below 2 still needs two appeals', () => {
    expect(proposeMassGroups([c(0)], { threshold: 1, windowMinutes: 60 })).toEqual([]);
  });
});
