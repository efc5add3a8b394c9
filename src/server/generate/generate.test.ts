import { describe, expect, it } from 'vitest';
import { descriptionQuery } from '../appeals/appeal-filters.queries.js';
import { Random, WeightedChoice, zipfWeights } from './random.js';
import { loadDistributions } from './shared-data.js';
import { copyCell } from './sinks.js';

describe('Random', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = new Random(1551);
    const b = new Random(1551);
    const c = new Random(1552);
    const first = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(first);
  });

  it('draws integers within bounds', () => {
    const r = new Random(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
    }
  });
});

describe('WeightedChoice', () => {
  it('follows the weights and never draws a zero weight', () => {
    const choice = new WeightedChoice(['a', 'b', 'c'], [3, 1, 0]);
    const r = new Random(1);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[choice.draw(r) as 'a' | 'b' | 'c']++;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.8);
    expect(counts.a / counts.b).toBeLessThan(3.2);
  });

  it('refuses no positive weight', () => {
    expect(() => new WeightedChoice(['a'], [0])).toThrow(RangeError);
  });

  it('gives a Zipf law its skew: the first of 480 ranks takes about 15 %', () => {
    const weights = zipfWeights(480, 1);
    const share = weights[0]! / weights.reduce((a, b) => a + b, 0);
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.2);
  });
});

describe('copyCell (COPY text format)', () => {
  it('escapes the characters COPY reads specially and writes NULL as \\N', () => {
    expect(copyCell('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyCell(null)).toBe('\\N');
    expect(copyCell(true)).toBe('t');
    expect(copyCell(12.5)).toBe('12.5');
    expect(copyCell(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(copyCell(['+380 67 000 12 34', 'a"b'])).toBe('{"+380 67 000 12 34","a\\\\"b"}');
  });
});

describe('loadDistributions', () => {
  it('falls back to built-in lists, and says so, when the shared data is absent', () => {
    const d = loadDistributions('/nonexistent-shared-data');
    expect(d.notes.length).toBeGreaterThan(0);
    expect(d.notes.every((n) => n.includes('built-in'))).toBe(true);
    expect(d.statusCounts.get('closed')).toBeGreaterThan(0);
    expect(d.channelCounts.get('phone')).toBeGreaterThan(0);
    expect(d.streets.names.length).toBeGreaterThan(0);
  });
});

describe('descriptionQuery (registry search words)', () => {
  it('turns words into prefixes of their stems, all required', () => {
    expect(descriptionQuery('Гаряча вода')).toBe('гаряч:* & вод:*');
    expect(descriptionQuery('під’їзд')).toBe('під:* & їзд:*');
    expect(descriptionQuery('  ,.; ')).toBeNull();
  });
});
