/**
 * Which closed appeals are called back (regulation 3.1.7; issue 19, item 6; ADR 039). Pure.
 *
 * Rules the head of the centre sets: every privileged applicant's appeal, every appeal the citizen
 * rated at or below `maxLowRating`, and a share `samplePercent` (0–100) of the rest; never an
 * appeal whose applicant refused contact or which has no applicant to call. The sample is
 * deterministic per appeal: the FNV-1a hash of its id decides, so every process and every re-run
 * makes the same choice and a test can check the share.
 */

export interface CallbackRules {
  /** Queue every appeal of a privileged applicant. */
  allPrivileged: boolean;
  /** Queue every appeal rated at or below this (1–5); 0 turns the rule off. */
  maxLowRating: number;
  /** Percentage (0–100, decimals allowed) of the remaining closed appeals to sample. */
  samplePercent: number;
  /** Unanswered tries before a survey is dropped (1–10). */
  maxTries: number;
  /** Minimum hours between two tries, so they fall at different hours of the day. */
  hoursBetweenTries: number;
}

export const DEFAULT_CALLBACK_RULES: CallbackRules = {
  allPrivileged: true,
  maxLowRating: 2,
  samplePercent: 10,
  maxTries: 3,
  hoursBetweenTries: 3,
};

/** What the selection knows of one closed appeal. */
export interface ClosedAppealFacts {
  appealId: number;
  hasApplicant: boolean;
  privileged: boolean;
  /** The citizen's lowest rating of the appeal (1–5), or null when not rated. */
  rating: number | null;
  refusedContact: boolean;
}

export type CallbackReason = 'privileged' | 'low_rating' | 'sampled';

/** 32-bit FNV-1a hash of the decimal id, mapped to [0, 10000). */
export function sampleBucket(appealId: number): number {
  let h = 0x811c9dc5;
  for (const ch of String(appealId)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche (murmur3's fmix32) so consecutive ids spread evenly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) % 10000;
}

/** Why `appeal` is called back under `rules`, or null when it is not. */
export function callbackReason(
  rules: CallbackRules,
  appeal: ClosedAppealFacts,
): CallbackReason | null {
  if (!appeal.hasApplicant || appeal.refusedContact) return null;
  if (rules.allPrivileged && appeal.privileged) return 'privileged';
  if (rules.maxLowRating > 0 && appeal.rating !== null && appeal.rating <= rules.maxLowRating)
    return 'low_rating';
  if (sampleBucket(appeal.appealId) < Math.round(rules.samplePercent * 100)) return 'sampled';
  return null;
}

/**
 * After an unanswered try: whether the survey is dropped (`tries` counts this one).
 */
export function droppedAfter(rules: CallbackRules, tries: number): boolean {
  return tries >= rules.maxTries;
}
