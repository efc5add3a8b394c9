import { describe, expect, it } from 'vitest';
import {
  baselineWindow,
  type CountRow,
  DEFAULT_SPIKE_PARAMETERS,
  detectSpikes,
  hoursToRead,
  observedWindow,
  poissonUpperTail,
  risingTypes,
  sameSpike,
} from './spikes.js';

const H = 3_600_000;
const WEEK = 168 * H;
const ZONE = 'Europe/Kyiv';

describe('poissonUpperTail', () => {
  it.each([
    // x, λ, P(X ≥ x) (exact sums)
    [0, 3, 1],
    [1, 1, 0.6321205588285577],
    [10, 2, 4.6498075017109564e-5],
    [5, 5, 0.5595067149347877],
    [20, 10, 0.0034543419758567007],
    [3, 0.2, 0.0011484812448621096],
  ])('P(X ≥ %d | λ = %d)', (x, lambda, expected) => {
    expect(poissonUpperTail(x, lambda)).toBeCloseTo(expected, 12);
  });

  it('is tiny but positive far in the tail (30 against 0.5)', () => {
    const p = poissonUpperTail(30, 0.5);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-30);
  });
});

describe('windows', () => {
  const now = Date.parse('2026-11-30T08:20:00Z'); // 10:20 in Kyiv
  it('the last hour is the previous full hour and the current one so far', () => {
    expect(observedWindow(now, 1).map((b) => new Date(b.hour).toISOString())).toEqual([
      '2026-11-30T08:00:00.000Z',
      '2026-11-30T07:00:00.000Z',
    ]);
  });
  it('the baseline is the same hours a week earlier, the current hour by its elapsed third', () => {
    const base = baselineWindow(now, 1, 1, ZONE);
    expect(base.map((b) => b.hour)).toEqual([
      Date.parse('2026-11-23T08:00:00Z'),
      Date.parse('2026-11-23T07:00:00Z'),
    ]);
    expect(base[0]!.weight).toBeCloseTo(1 / 3, 10);
    expect(base[1]!.weight).toBe(1);
  });
  it('keeps the hour of the week in the city across a change of summer time', () => {
    // 10:00 Kyiv on 2 November (winter, UTC+2) ↔ 10:00 Kyiv on 19 October (summer, UTC+3).
    const base = baselineWindow(Date.parse('2026-11-02T08:00:00Z'), 1, 2, ZONE);
    expect(new Date(base[0]!.hour).toISOString()).toBe('2026-10-19T07:00:00.000Z');
  });
  it('reads the windows and every baseline week', () => {
    // 4 buckets of the 3-hour window × (this week + 8 weeks back).
    expect(hoursToRead(now, DEFAULT_SPIKE_PARAMETERS, ZONE)).toHaveLength(36);
  });
});

/** A steady history: `perHour` appeals of type 1 in district 5 every hour for `weeks` weeks before `now`. */
function steady(
  now: number,
  weeks: number,
  perHour: number,
  districtId = 5,
  questionTypeId = 1,
): CountRow[] {
  const rows: CountRow[] = [];
  const current = Math.floor(now / H) * H;
  for (let h = current - weeks * WEEK; h <= current; h += H) {
    rows.push({ hour: h, questionTypeId, districtId, appeals: perHour });
  }
  return rows;
}

describe('detectSpikes', () => {
  const now = Date.parse('2026-11-30T05:30:00Z');
  const current = Math.floor(now / H) * H;
  const first = (rows: CountRow[]) => Math.min(...rows.map((r) => r.hour));
  const burst = (n: number, districtId = 5, questionTypeId = 1): CountRow => ({
    hour: current,
    questionTypeId,
    districtId,
    appeals: n,
  });

  it.each([
    // description, history per hour, burst on top in the current hour, district spike?, window
    ['nothing unusual', 1, 0, false, null],
    ['30 on top of 1 an hour', 1, 30, true, 1],
    ['15 on top of 20 an hour (not twice the usual)', 20, 15, false, null],
    ['9 on top of nothing (below the minimum count)', 0, 9, false, null],
    ['12 on top of nothing (the floor of 0.2 an hour)', 0, 12, true, 1],
  ] as const)('%s', (_, perHour, extra, spikes, windowHours) => {
    const rows = steady(now, 8, perHour);
    if (extra > 0) rows.push(burst(extra));
    const found = detectSpikes({ now, counts: rows, firstHour: first(rows), zone: ZONE });
    const district = found.filter((s) => s.districtId === 5);
    expect(district.length > 0).toBe(spikes);
    if (spikes) expect(district[0]!.windowHours).toBe(windowHours);
    // The city-wide spike of the same type is the district's, not a second alert.
    expect(found.filter((s) => s.districtId === null)).toEqual([]);
  });

  it('reports the figures: observed, expected and since when', () => {
    const rows = [...steady(now, 8, 1), burst(30)];
    const [spike] = detectSpikes({ now, counts: rows, firstHour: first(rows), zone: ZONE });
    // Window: the previous hour (1) + the current so far (1 + 30); expected 1 + ½ · 1.
    expect(spike).toMatchObject({
      questionTypeId: 1,
      districtId: 5,
      windowHours: 1,
      observed: 32,
      expected: 1.5,
      since: current - H,
    });
    expect(spike!.pValue).toBeLessThan(1e-20);
  });

  it('needs two weeks of history, and uses only the weeks after the first counted hour', () => {
    const short = [...steady(now, 1, 1), burst(30)];
    expect(detectSpikes({ now, counts: short, firstHour: first(short), zone: ZONE })).toEqual([]);
    const two = [...steady(now, 2 + 4 / 168, 1), burst(30)];
    expect(detectSpikes({ now, counts: two, firstHour: first(two), zone: ZONE })).toHaveLength(1);
    expect(detectSpikes({ now, counts: two, firstHour: null, zone: ZONE })).toEqual([]);
  });

  it('finds a city-wide spike spread over districts none of which spikes alone', () => {
    const rows = [1, 2, 3, 4, 6, 7].flatMap((d) => steady(now, 8, 0.5, d));
    for (const d of [1, 2, 3, 4, 6, 7]) rows.push(burst(6, d));
    const found = detectSpikes({ now, counts: rows, firstHour: first(rows), zone: ZONE });
    expect(found.map((s) => s.districtId)).toEqual([null]);
    expect(found[0]!.observed).toBe(6 * (6 + 1));
  });

  it('counts appeals with no district city-wide only', () => {
    const rows = [...steady(now, 8, 1, 0), burst(40, 0)];
    const found = detectSpikes({ now, counts: rows, firstHour: first(rows), zone: ZONE });
    expect(found.map((s) => s.districtId)).toEqual([null]);
  });
});

describe('sameSpike', () => {
  it.each([
    [0, true],
    [3 * H, true],
    [3 * H + 1, false],
  ])('detections %d ms apart', (gap, same) => {
    expect(sameSpike(0, gap, DEFAULT_SPIKE_PARAMETERS)).toBe(same);
  });
});

describe('risingTypes (the head’s live picture)', () => {
  const now = Date.parse('2026-11-30T05:30:00Z');
  const current = Math.floor(now / H) * H;
  const at = (questionTypeId: number, hour: number, appeals: number, districtId = 5): CountRow => ({
    hour,
    questionTypeId,
    districtId,
    appeals,
  });

  it('ranks types by the last hour’s excess over the same hours of previous weeks', () => {
    // Type 1: 1 an hour usually, 7 this hour; type 2: 2 an hour, 1 in this half hour, as usual;
    // type 3: 1 an hour, 2 more now and 1 more in the previous hour, over other districts;
    // type 4: nothing usually, 2 in the previous hour.
    const rows = [
      ...steady(now, 8, 1, 5, 1),
      ...steady(now, 8, 2, 5, 2).filter((r) => r.hour < current),
      at(2, current, 1),
      ...steady(now, 8, 1, 5, 3),
      at(1, current, 6),
      at(3, current, 2, 0),
      at(3, current - H, 1, 7),
      at(4, current - H, 2),
    ];
    const first = Math.min(...rows.map((r) => r.hour));
    const rises = risingTypes({ now, counts: rows, firstHour: first, zone: ZONE, limit: 10 });
    // Last hour: observed = previous hour + current so far; expected = previous weeks' previous
    // hour + half of their current hour (1 + ½ for type 1, at least 0.2 × 1.5 for type 4).
    expect(rises.map((r) => r.questionTypeId)).toEqual([1, 3, 4]);
    expect(rises[0]!.windows).toEqual([
      { hours: 1, observed: 8, expected: 1.5 },
      { hours: 3, observed: 10, expected: 3.5 },
    ]);
    expect(rises[0]!.excess).toBe(6.5);
    expect(rises[1]!.excess).toBe(3.5);
    expect(rises[2]!.windows[0]!.observed).toBe(2);
    expect(rises[2]!.windows[0]!.expected).toBeCloseTo(0.3, 10);
    expect(risingTypes({ now, counts: rows, firstHour: first, zone: ZONE, limit: 1 })).toHaveLength(
      1,
    );
  });

  it('shows a type without a usable baseline with no expectation', () => {
    const rows = [at(1, current, 3)];
    const rises = risingTypes({ now, counts: rows, firstHour: current, zone: ZONE, limit: 10 });
    expect(rises).toEqual([
      {
        questionTypeId: 1,
        windows: [
          { hours: 1, observed: 3, expected: null },
          { hours: 3, observed: 3, expected: null },
        ],
        excess: 3,
      },
    ]);
    expect(risingTypes({ now, counts: rows, firstHour: null, zone: ZONE, limit: 10 })).toEqual([]);
  });
});
