/**
 * Spike detection (issue 18; regulation 2.2.4 and 3.1.5: the centre watches the city's most
 * urgent issues and tells management at once). Pure: counts in, spikes out. ADR 048 states the
 * method; in short:
 *
 * - **Cells:** a question type in a district, and a question type city-wide (all districts and
 *   appeals with no district).
 * - **Windows:** "the last hour" is the previous full hour plus the current hour so far; "the last
 *   3 hours" the three previous full hours plus the current hour so far (hour buckets of the live
 *   counts). The observed count `x` is the sum over the window's buckets.
 * - **Baseline:** the same window shifted by 1 … `baselineWeeks` weeks in the city's time (the same
 *   hours of the week), the current hour's bucket weighted by the fraction of it elapsed; weeks
 *   before the first counted hour are not used, and fewer than `minBaselineWeeks` usable weeks
 *   means no test. `λ` = their mean, at least `minExpectedPerHour` × the window's length in hours.
 * - **Test:** a spike when `x ≥ minCount`, `x ≥ minRatio·λ` and the Poisson upper tail
 *   `P(X ≥ x | λ) ≤ alpha` — the historical-limits idea (Stroup et al. 1989) with the Poisson
 *   threshold of Farrington et al. (1996), as in public-health outbreak detection.
 * - **One alert per spike:** a cell's spike is the same spike while detections follow each other
 *   within `quietHours` ({@link sameSpike}); a city-wide spike of a type that spikes in a district
 *   at the same moment is that district's spike, not a second alert.
 */
import { DateTime } from 'luxon';

export interface SpikeParameters {
  /** Windows, in full hours before the current one (default [1, 3]). */
  windowsHours: readonly number[];
  /** How many previous weeks make the baseline (default 8). */
  baselineWeeks: number;
  /** Fewer usable weeks than this: no test (default 2). */
  minBaselineWeeks: number;
  /** Significance of the one-sided Poisson test (default 1e-4). */
  alpha: number;
  /** Fewest appeals in the window for a spike (default 10). */
  minCount: number;
  /** Fewest times the expected count (default 2). */
  minRatio: number;
  /** Floor of the expectation per hour of window (default 0.2 appeals). */
  minExpectedPerHour: number;
  /** Detections this many hours apart or less are one spike (default 3). */
  quietHours: number;
}

export const DEFAULT_SPIKE_PARAMETERS: SpikeParameters = {
  windowsHours: [1, 3],
  baselineWeeks: 8,
  minBaselineWeeks: 2,
  alpha: 1e-4,
  minCount: 10,
  minRatio: 2,
  minExpectedPerHour: 0.2,
  quietHours: 3,
};

const HOUR_MS = 3_600_000;

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9; relative error below 1e-13). */
export function lnGamma(z: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(X ≥ x) for X ~ Poisson(λ): 1 for x ≤ 0; else the sum of the probabilities from x upward (when
 * x > λ, where the terms fall fast) or 1 − the sum below x.
 *
 * @param x a whole number of events; @param lambda the expectation (> 0).
 */
export function poissonUpperTail(x: number, lambda: number): number {
  if (x <= 0) return 1;
  if (lambda <= 0) return 0;
  const logPmf = (k: number) => -lambda + k * Math.log(lambda) - lnGamma(k + 1);
  if (x > lambda) {
    let sum = 0;
    for (let k = x; ; k++) {
      const term = Math.exp(logPmf(k));
      sum += term;
      if (term < sum * 1e-15 || k > x + 10_000) break;
    }
    return Math.min(1, sum);
  }
  let below = 0;
  for (let k = 0; k < x; k++) below += Math.exp(logPmf(k));
  return Math.max(0, 1 - below);
}

/** One hour bucket of a window and its weight (1, or the fraction elapsed of the current hour). */
export interface WindowBucket {
  hour: number;
  weight: number;
}

/** The start of the hour `at` (ms) falls in. */
export function hourStart(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

/**
 * The buckets of a window of `hours` full hours before the current one, plus the current one, as
 * observed at `now` (weights 1: everything counted so far is observed).
 */
export function observedWindow(now: number, hours: number): WindowBucket[] {
  const current = hourStart(now);
  const buckets: WindowBucket[] = [{ hour: current, weight: 1 }];
  for (let j = 1; j <= hours; j++) buckets.push({ hour: current - j * HOUR_MS, weight: 1 });
  return buckets;
}

/**
 * The same window `weeksBack` weeks earlier in the city's time (`zone`), the current hour weighted
 * by the fraction of it elapsed at `now` (appeals assumed even within an hour).
 */
export function baselineWindow(
  now: number,
  hours: number,
  weeksBack: number,
  zone: string,
): WindowBucket[] {
  const fraction = (now - hourStart(now)) / HOUR_MS;
  return observedWindow(now, hours).map((b, i) => ({
    hour: weeksEarlier(b.hour, weeksBack, zone),
    weight: i === 0 ? fraction : 1,
  }));
}

/**
 * Memo of {@link weeksEarlier}: a pure function of its arguments, asked again every minute for
 * the same few hundred hours (time-zone arithmetic costs microseconds; the detector asks tens of
 * thousands of times a run). Bounded; cleared when full. Nothing another process needs.
 */
const shifted = new Map<string, number>();

/** The hour `weeks` weeks before `hour` (ms) on the city's clock (`zone`): DST-aware. */
function weeksEarlier(hour: number, weeks: number, zone: string): number {
  const key = `${zone}|${weeks}|${hour}`;
  let at = shifted.get(key);
  if (at === undefined) {
    if (shifted.size >= 100_000) shifted.clear();
    at = DateTime.fromMillis(hour, { zone }).minus({ weeks }).toMillis();
    shifted.set(key, at);
  }
  return at;
}

/** Every hour the detector reads at `now`: the windows and their baselines. */
export function hoursToRead(now: number, params: SpikeParameters, zone: string): number[] {
  const longest = Math.max(...params.windowsHours);
  const hours = new Set<number>();
  for (const b of observedWindow(now, longest)) hours.add(b.hour);
  for (let k = 1; k <= params.baselineWeeks; k++) {
    for (const b of baselineWindow(now, longest, k, zone)) hours.add(b.hour);
  }
  return [...hours].sort((a, b) => a - b);
}

/** Counts by hour (ms) × question type × district (0: none); the detector's input. */
export interface CountRow {
  hour: number;
  questionTypeId: number;
  districtId: number;
  appeals: number;
}

export interface Spike {
  questionTypeId: number;
  /** Null: city-wide. */
  districtId: number | null;
  windowHours: number;
  observed: number;
  expected: number;
  pValue: number;
  /** Start of the window (ms). */
  since: number;
}

/**
 * The buckets one window reads at `now`, the same for every cell: the observed window and its
 * usable baseline weeks (nearest first; a week reaching before `firstHour` ends the list).
 * Computed once per detection run — the city-time shifts are the costly part (time-zone rules).
 */
export interface WindowPlan {
  windowHours: number;
  observed: WindowBucket[];
  baselineWeeks: WindowBucket[][];
  /** Start of the observed window (ms). */
  since: number;
  /** The fraction of the current hour elapsed at `now` (0 ≤ f < 1). */
  fraction: number;
}

/** The plans of every window of `params.windowsHours`, in that order ({@link WindowPlan}). */
export function windowPlans(
  now: number,
  firstHour: number,
  zone: string,
  params: SpikeParameters,
): WindowPlan[] {
  const fraction = (now - hourStart(now)) / HOUR_MS;
  return params.windowsHours.map((w) => {
    const observed = observedWindow(now, w);
    const baselineWeeks: WindowBucket[][] = [];
    for (let k = 1; k <= params.baselineWeeks; k++) {
      const base = baselineWindow(now, w, k, zone);
      if (Math.min(...base.map((b) => b.hour)) < firstHour) break;
      baselineWeeks.push(base);
    }
    return {
      windowHours: w,
      observed,
      baselineWeeks,
      since: Math.min(...observed.map((b) => b.hour)),
      fraction,
    };
  });
}

/** The weighted count of a window's buckets in a cell's counts by hour. */
function windowSum(hours: ReadonlyMap<number, number>, window: readonly WindowBucket[]): number {
  let sum = 0;
  for (const b of window) sum += b.weight * (hours.get(b.hour) ?? 0);
  return sum;
}

/**
 * One cell's figures for a planned window ({@link windowPlans}): the observed count and the
 * expected one — the mean of the usable baseline weeks, floored at `minExpectedPerHour` per hour
 * of window — or `expected: null` when fewer than `minBaselineWeeks` weeks are usable (module
 * doc; ADR 048).
 *
 * @param hours the cell's counts by hour start (ms).
 */
export function windowFigures(
  hours: ReadonlyMap<number, number>,
  plan: WindowPlan,
  params: SpikeParameters,
): { observed: number; expected: number | null } {
  const observed = windowSum(hours, plan.observed);
  if (plan.baselineWeeks.length < params.minBaselineWeeks) return { observed, expected: null };
  let total = 0;
  for (const week of plan.baselineWeeks) total += windowSum(hours, week);
  const mean = total / plan.baselineWeeks.length;
  return {
    observed,
    expected: Math.max(mean, params.minExpectedPerHour * (plan.windowHours + plan.fraction)),
  };
}

/** Adds `n` appeals at `hour` to the cell `key` of `byCell` (cell → hour → count). */
function addCount<K>(byCell: Map<K, Map<number, number>>, key: K, hour: number, n: number): void {
  let hours = byCell.get(key);
  if (!hours) byCell.set(key, (hours = new Map<number, number>()));
  hours.set(hour, (hours.get(hour) ?? 0) + n);
}

/**
 * The spikes at `now` (ms), most significant first: per cell the window with the smallest p-value
 * among those that pass the test (module doc; ADR 048).
 *
 * @param counts the counts of (at least) {@link hoursToRead}; other hours are ignored.
 * @param firstHour the first counted hour (ms) — baseline weeks before it are not used — or null.
 */
export function detectSpikes(input: {
  now: number;
  counts: readonly CountRow[];
  firstHour: number | null;
  zone: string;
  params?: SpikeParameters;
}): Spike[] {
  const params = input.params ?? DEFAULT_SPIKE_PARAMETERS;
  const { now, zone } = input;
  if (input.firstHour === null) return [];
  const firstHour = input.firstHour;
  // cell key → hour → count; cells: "q:d" for a district, "q:city" city-wide.
  const byCell = new Map<string, Map<number, number>>();
  for (const r of input.counts) {
    if (r.districtId !== 0)
      addCount(byCell, `${r.questionTypeId}:${r.districtId}`, r.hour, r.appeals);
    addCount(byCell, `${r.questionTypeId}:city`, r.hour, r.appeals);
  }

  const plans = windowPlans(now, firstHour, zone, params);
  const spikes: Spike[] = [];
  for (const [key, hours] of byCell) {
    let best: Spike | null = null;
    for (const plan of plans) {
      // Most cells see a few appeals an hour: below the minimum count, no baseline is needed.
      if (windowSum(hours, plan.observed) < params.minCount) continue;
      const { observed, expected } = windowFigures(hours, plan, params);
      if (observed < params.minCount || expected === null) continue;
      if (observed < params.minRatio * expected) continue;
      const pValue = poissonUpperTail(observed, expected);
      if (pValue > params.alpha) continue;
      if (best === null || pValue < best.pValue) {
        const [q, d] = key.split(':');
        best = {
          questionTypeId: Number(q),
          districtId: d === 'city' ? null : Number(d),
          windowHours: plan.windowHours,
          observed,
          expected,
          pValue,
          since: plan.since,
        };
      }
    }
    if (best) spikes.push(best);
  }
  // A city-wide spike of a type spiking in a district is that district's spike.
  const inDistricts = new Set(
    spikes.filter((s) => s.districtId !== null).map((s) => s.questionTypeId),
  );
  return spikes
    .filter((s) => s.districtId !== null || !inDistricts.has(s.questionTypeId))
    .sort((a, b) => a.pValue - b.pValue);
}

/**
 * Whether a detection at `now` continues the spike last detected at `lastDetectedAt` (ms) in the
 * same cell (then it updates that alert instead of raising another).
 */
export function sameSpike(lastDetectedAt: number, now: number, params: SpikeParameters): boolean {
  return now - lastDetectedAt <= params.quietHours * HOUR_MS;
}

/** A question type's rise city-wide (the head's live picture, issue 18 item 4). */
export interface TypeRise {
  questionTypeId: number;
  /** One per window of `params.windowsHours` (default the last hour and the last 3 hours). */
  windows: { hours: number; observed: number; expected: number | null }[];
  /** Observed − expected over the shortest window (expected 0 when there is no baseline). */
  excess: number;
}

/**
 * The question types rising city-wide at `now`, most first: for each type counted in the windows,
 * the observed and expected counts of every window ({@link windowFigures}: the same baseline as
 * the detector's), kept when some window's count is above its expectation (or has none), ranked by
 * the shortest window's excess, then the longest's, then the type's id. At most `limit` (≥ 0).
 * Not a test: what a spike needs is {@link detectSpikes}; this shows what is growing before that.
 */
export function risingTypes(input: {
  now: number;
  counts: readonly CountRow[];
  firstHour: number | null;
  zone: string;
  limit: number;
  params?: SpikeParameters;
}): TypeRise[] {
  const params = input.params ?? DEFAULT_SPIKE_PARAMETERS;
  if (input.firstHour === null) return [];
  const firstHour = input.firstHour;
  const byType = new Map<number, Map<number, number>>();
  for (const r of input.counts) addCount(byType, r.questionTypeId, r.hour, r.appeals);
  const plans = windowPlans(input.now, firstHour, input.zone, params).sort(
    (a, b) => a.windowHours - b.windowHours,
  );
  const excessOf = (w: { observed: number; expected: number | null }) =>
    w.observed - (w.expected ?? 0);
  const rises: (TypeRise & { longExcess: number })[] = [];
  for (const [questionTypeId, hours] of byType) {
    const figures = plans.map((plan) => ({
      hours: plan.windowHours,
      ...windowFigures(hours, plan, params),
    }));
    if (!figures.some((f) => f.observed > 0 && f.observed > (f.expected ?? 0))) continue;
    rises.push({
      questionTypeId,
      windows: figures,
      excess: excessOf(figures[0]!),
      longExcess: excessOf(figures[figures.length - 1]!),
    });
  }
  return rises
    .sort(
      (a, b) =>
        b.excess - a.excess || b.longExcess - a.longExcess || a.questionTypeId - b.questionTypeId,
    )
    .slice(0, Math.max(0, input.limit))
    .map(({ longExcess: _, ...r }) => r);
}
