/**
 * Mass appeals (issue 16, item 4; BRIEF: receipt sign «mass»): when many people report one problem
 * at one place — the same question type at the same building, or on the same street — within a
 * window of time, the appeals are proposed as one group, which a controller confirms. Pure rules:
 * which appeals form a group. No I/O.
 */

/** An open appeal that may join a group (registered, not linked to works, not in a group yet). */
export interface MassCandidate {
  appealId: number;
  questionTypeId: number;
  buildingId: number | null;
  streetId: number | null;
  receivedAt: Date;
}

export interface MassRules {
  /** How many appeals make a group (at least 2). */
  threshold: number;
  /** The longest time between a group's first and last appeal, in minutes. */
  windowMinutes: number;
}

/** Defaults: 10 appeals within an hour (settings `mass_appeal_threshold`, `mass_appeal_window_minutes`). */
export const DEFAULT_MASS_RULES: MassRules = { threshold: 10, windowMinutes: 60 };

/** A proposed group: one question type at one building (streetId null) or on one street (buildingId null). */
export interface MassGroup {
  questionTypeId: number;
  buildingId: number | null;
  streetId: number | null;
  /** Members in order of receipt (then id). */
  appealIds: number[];
  firstReceivedAt: Date;
  lastReceivedAt: Date;
}

function byReceipt(a: MassCandidate, b: MassCandidate): number {
  return a.receivedAt.getTime() - b.receivedAt.getTime() || a.appealId - b.appealId;
}

/**
 * The largest run of `items` (sorted by receipt) whose first and last lie within the window;
 * the earliest such run when several are as large.
 */
function densestRun(items: MassCandidate[], windowMs: number): MassCandidate[] {
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let end = 0; end < items.length; end += 1) {
    const endAt = items[end]!.receivedAt.getTime();
    while (endAt - items[start]!.receivedAt.getTime() > windowMs) start += 1;
    if (end + 1 - start > best[1] - best[0]) best = [start, end + 1];
  }
  return items.slice(best[0], best[1]);
}

function groupsBy(
  candidates: MassCandidate[],
  keyOf: (c: MassCandidate) => string | null,
  rules: MassRules,
  place: (c: MassCandidate) => { buildingId: number | null; streetId: number | null },
): { groups: MassGroup[]; used: Set<number> } {
  const buckets = new Map<string, MassCandidate[]>();
  for (const c of candidates) {
    const key = keyOf(c);
    if (key === null) continue;
    const list = buckets.get(key) ?? [];
    list.push(c);
    buckets.set(key, list);
  }
  const groups: MassGroup[] = [];
  const used = new Set<number>();
  const threshold = Math.max(2, rules.threshold);
  for (const list of buckets.values()) {
    const run = densestRun(list.sort(byReceipt), rules.windowMinutes * 60_000);
    if (run.length < threshold) continue;
    const first = run[0]!;
    const last = run[run.length - 1]!;
    groups.push({
      questionTypeId: first.questionTypeId,
      ...place(first),
      appealIds: run.map((c) => c.appealId),
      firstReceivedAt: first.receivedAt,
      lastReceivedAt: last.receivedAt,
    });
    for (const c of run) used.add(c.appealId);
  }
  return { groups, used };
}

/**
 * Group candidates: first by question type and building; the appeals left over, by question type
 * and street (people on one street often give different houses). A group needs at least
 * `rules.threshold` appeals received within `rules.windowMinutes` of each other; of a place's
 * appeals the densest window is taken. Groups come out ordered by their first appeal.
 */
export function proposeMassGroups(candidates: MassCandidate[], rules: MassRules): MassGroup[] {
  const byBuilding = groupsBy(
    candidates,
    (c) => (c.buildingId === null ? null : `${c.questionTypeId}:b${c.buildingId}`),
    rules,
    (c) => ({ buildingId: c.buildingId, streetId: null }),
  );
  const rest = candidates.filter((c) => !byBuilding.used.has(c.appealId));
  const byStreet = groupsBy(
    rest,
    (c) => (c.streetId === null ? null : `${c.questionTypeId}:s${c.streetId}`),
    rules,
    (c) => ({ buildingId: null, streetId: c.streetId }),
  );
  return [...byBuilding.groups, ...byStreet.groups].sort(
    (a, b) =>
      a.firstReceivedAt.getTime() - b.firstReceivedAt.getTime() ||
      a.appealIds[0]! - b.appealIds[0]!,
  );
}
