import { describe, expect, it } from 'vitest';
import { resolvePeriod } from './relative-period.js';

describe('a saved report’s period on a day', () => {
  it.each([
    // Wednesday 2 December 2026
    ['previous_week', '2026-12-02', '2026-11-23', '2026-11-29'],
    // a Monday: the week before, not the one starting today
    ['previous_week', '2026-11-30', '2026-11-23', '2026-11-29'],
    // a Sunday
    ['previous_week', '2026-11-29', '2026-11-16', '2026-11-22'],
    ['previous_month', '2026-03-15', '2026-02-01', '2026-02-28'],
    ['previous_month', '2026-01-01', '2025-12-01', '2025-12-31'],
    ['previous_quarter', '2026-05-20', '2026-01-01', '2026-03-31'],
    ['previous_quarter', '2026-02-01', '2025-10-01', '2025-12-31'],
    ['last_7_days', '2026-03-01', '2026-02-22', '2026-02-28'],
    ['last_30_days', '2026-03-01', '2026-01-30', '2026-02-28'],
  ] as const)('%s on %s is %s – %s', (period, today, from, to) => {
    expect(resolvePeriod(period, today)).toEqual({ from, to });
  });

  it('keeps fixed days', () => {
    expect(resolvePeriod('fixed', '2026-03-01', { from: '2025-01-01', to: '2025-06-30' })).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
    });
  });
});
