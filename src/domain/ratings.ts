/**
 * Executors' rating, the satisfaction index and the loyalty index (issue 17, item 4; ADR 047;
 * regulation 3.1.3: the centre controls the quality of handling and reports on executors). Pure:
 * counts in, figures out; the SQL that counts is in `server/reports/ratings-report.ts`.
 */

/** What one group (an executor, a district, a month, the city) did in a period. */
export interface RatingCounts {
  /** Appeals received in the period (consultations excluded). */
  received: number;
  /** Of them closed, and closed by the deadline. */
  closed: number;
  onTime: number;
  /** Returns for rework over those appeals (the sum of their rework counts). */
  reworks: number;
  /** Citizens' ratings 1–5: the portal's (appeal_feedback) and the call-back's satisfaction. */
  ratingSum: number;
  ratingCount: number;
  /** Of those ratings, 4 or 5 ("satisfied"). */
  satisfied: number;
  /** Call-backs that reached the applicant and asked whether it was done; of them "solved". */
  callbacksAsked: number;
  callbacksSolved: number;
  /** Call-back's "would you call again?": yes and no answers. */
  wouldCallAgain: number;
  wouldNotCallAgain: number;
}

/** The rating's weights (sum 1); a component without data drops out and the rest renormalise. */
export const RATING_WEIGHTS = {
  onTime: 0.4,
  reworks: 0.2,
  citizens: 0.2,
  callbacks: 0.2,
} as const;

/** The four components of the rating, each 0–1, or null when the period holds no data for it. */
export function ratingComponents(c: RatingCounts): {
  onTime: number | null;
  reworks: number | null;
  citizens: number | null;
  callbacks: number | null;
} {
  return {
    onTime: c.closed > 0 ? c.onTime / c.closed : null,
    // One return per appeal on average (or more) scores 0; none scores 1.
    reworks: c.received > 0 ? Math.max(0, 1 - c.reworks / c.received) : null,
    // A mean rating of 1 scores 0, of 5 scores 1.
    citizens: c.ratingCount > 0 ? (c.ratingSum / c.ratingCount - 1) / 4 : null,
    callbacks: c.callbacksAsked > 0 ? c.callbacksSolved / c.callbacksAsked : null,
  };
}

/**
 * The executor's rating, 0–100 with one decimal: 100 × the weighted mean of the components
 * ({@link RATING_WEIGHTS}) that have data; null when none has (nothing received or closed).
 */
export function executorRating(c: RatingCounts): number | null {
  const parts = ratingComponents(c);
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(RATING_WEIGHTS) as (keyof typeof RATING_WEIGHTS)[]) {
    const value = parts[key];
    if (value === null) continue;
    sum += RATING_WEIGHTS[key] * value;
    weight += RATING_WEIGHTS[key];
  }
  return weight === 0 ? null : round1((100 * sum) / weight);
}

/** The satisfaction index: the share (%) of citizens' ratings that are 4 or 5; null without ratings. */
export function satisfactionIndex(
  c: Pick<RatingCounts, 'satisfied' | 'ratingCount'>,
): number | null {
  return c.ratingCount > 0 ? round1((100 * c.satisfied) / c.ratingCount) : null;
}

/**
 * The loyalty index, NPS-style on the call-back's yes/no "would you call the centre again?":
 * promoters (yes) less detractors (no), in % of the answers, −100…100; null without answers.
 */
export function loyaltyIndex(
  c: Pick<RatingCounts, 'wouldCallAgain' | 'wouldNotCallAgain'>,
): number | null {
  const n = c.wouldCallAgain + c.wouldNotCallAgain;
  return n > 0 ? round1((100 * (c.wouldCallAgain - c.wouldNotCallAgain)) / n) : null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
