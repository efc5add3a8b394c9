import { describe, expect, it } from 'vitest';
import {
  callbackReason,
  DEFAULT_CALLBACK_RULES,
  droppedAfter,
  sampleBucket,
  type ClosedAppealFacts,
} from './callback-selection.js';

const plain: ClosedAppealFacts = {
  appealId: 1,
  hasApplicant: true,
  privileged: false,
  rating: null,
  refusedContact: false,
};
const noSample = { ...DEFAULT_CALLBACK_RULES, samplePercent: 0 };

describe('callbackReason', () => {
  it.each([
    [{ privileged: true }, 'privileged'],
    [{ rating: 1 }, 'low_rating'],
    [{ rating: 2 }, 'low_rating'],
    [{ rating: 3 }, null],
    [{ privileged: true, refusedContact: true }, null],
    [{ rating: 1, hasApplicant: false }, null],
    [{}, null],
  ] as const)('%o → %s', (facts, reason) => {
    expect(callbackReason(noSample, { ...plain, ...facts })).toBe(reason);
  });

  it('samples the set share within ±2 percentage points over 10,000 closures, the same each run', () => {
    for (const percent of [5, 10, 30]) {
      const rules = { ...DEFAULT_CALLBACK_RULES, samplePercent: percent };
      let sampled = 0;
      for (let id = 500_001; id <= 510_000; id++) {
        if (callbackReason(rules, { ...plain, appealId: id }) === 'sampled') sampled++;
      }
      expect(Math.abs(sampled / 100 - percent)).toBeLessThanOrEqual(2);
    }
    expect(sampleBucket(123456)).toBe(sampleBucket(123456));
  });

  it('drops a survey after the set number of unanswered tries', () => {
    expect([1, 2, 3].map((t) => droppedAfter(DEFAULT_CALLBACK_RULES, t))).toEqual([
      false,
      false,
      true,
    ]);
  });
});
