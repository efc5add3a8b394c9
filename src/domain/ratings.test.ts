import { describe, expect, it } from 'vitest';
import {
  executorRating,
  loyaltyIndex,
  ratingComponents,
  satisfactionIndex,
  type RatingCounts,
} from './ratings.js';

const none: RatingCounts = {
  received: 0,
  closed: 0,
  onTime: 0,
  reworks: 0,
  ratingSum: 0,
  ratingCount: 0,
  satisfied: 0,
  callbacksAsked: 0,
  callbacksSolved: 0,
  wouldCallAgain: 0,
  wouldNotCallAgain: 0,
};

describe('executor rating (ADR 047)', () => {
  it.each<[string, Partial<RatingCounts>, number | null]>([
    ['nothing received', {}, null],
    // All on time, no reworks, every rating 5, every call-back solved: 100.
    [
      'perfect',
      {
        received: 4,
        closed: 4,
        onTime: 4,
        ratingSum: 10,
        ratingCount: 2,
        callbacksAsked: 1,
        callbacksSolved: 1,
      },
      100,
    ],
    // On time 1/2 (0.5), reworks 2 over 4 (0.5), mean rating 3 (0.5), call-backs 1/2 (0.5): 50.
    [
      'half everywhere',
      {
        received: 4,
        closed: 2,
        onTime: 1,
        reworks: 2,
        ratingSum: 6,
        ratingCount: 2,
        callbacksAsked: 2,
        callbacksSolved: 1,
      },
      50,
    ],
    // Only on time (3/4) and reworks (0 → 1): (0.4 × 0.75 + 0.2 × 1) / 0.6 = 83.3.
    ['no ratings, no call-backs', { received: 4, closed: 4, onTime: 3 }, 83.3],
    // Received but nothing closed: reworks only (1 − 1/2 = 0.5): 50.
    ['open only', { received: 2, reworks: 1 }, 50],
    // More reworks than appeals scores 0 on that part: (0.4 × 1 + 0) / 0.6 = 66.7.
    ['many reworks', { received: 1, closed: 1, onTime: 1, reworks: 3 }, 66.7],
  ])('%s', (_, counts, expected) => {
    expect(executorRating({ ...none, ...counts })).toBe(expected);
  });

  it('components are null where the period holds no data', () => {
    expect(ratingComponents({ ...none, received: 1 })).toEqual({
      onTime: null,
      reworks: 1,
      citizens: null,
      callbacks: null,
    });
  });
});

describe('satisfaction and loyalty indexes', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [3, 4, 75],
    [1, 3, 33.3],
  ])('satisfied %i of %i ratings → %s', (satisfied, ratingCount, expected) => {
    expect(satisfactionIndex({ satisfied, ratingCount })).toBe(expected);
  });

  it.each<[number, number, number | null]>([
    [0, 0, null],
    [3, 1, 50],
    [0, 2, -100],
    [2, 0, 100],
  ])('%i would call again, %i would not → %s', (wouldCallAgain, wouldNotCallAgain, expected) => {
    expect(loyaltyIndex({ wouldCallAgain, wouldNotCallAgain })).toBe(expected);
  });
});
