/**
 * A saved report's period on a given day (issue 17), as the server runs it: the previous full week
 * (Monday–Sunday), month or quarter, the last 7 or 30 days up to yesterday, or the fixed days. The
 * screen uses it to fill the form when a saved report is opened; `today` is the city's day.
 */
import type { RelativePeriod } from '../../../../contract/report-constructor.schemas.js';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

export function resolvePeriod(
  period: RelativePeriod,
  today: string,
  fixed: { from?: string | undefined; to?: string | undefined } = {},
): { from: string; to: string } {
  const [y = 1970, m = 1, d = 1] = today.split('-').map(Number);
  const day = utc(y, m - 1, d);
  switch (period) {
    case 'previous_week': {
      const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
      return { from: iso(utc(y, m - 1, d - weekday - 7)), to: iso(utc(y, m - 1, d - weekday - 1)) };
    }
    case 'previous_month':
      return { from: iso(utc(y, m - 2, 1)), to: iso(utc(y, m - 1, 0)) };
    case 'previous_quarter': {
      const first = Math.floor((m - 1) / 3) * 3; // this quarter's first month (0-based)
      return { from: iso(utc(y, first - 3, 1)), to: iso(utc(y, first, 0)) };
    }
    case 'last_7_days':
      return { from: iso(utc(y, m - 1, d - 7)), to: iso(utc(y, m - 1, d - 1)) };
    case 'last_30_days':
      return { from: iso(utc(y, m - 1, d - 30)), to: iso(utc(y, m - 1, d - 1)) };
    case 'fixed':
      return { from: fixed.from ?? today, to: fixed.to ?? today };
  }
}
