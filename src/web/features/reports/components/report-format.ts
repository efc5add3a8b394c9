/**
 * How a report's cells read (issue 17): integers grouped, decimals to two places, percent (the
 * server's 0–100) with a percent sign in the language's way, an empty cell as a dash; and the
 * totals row of a table — the sum of every integer column (counts, reworks). Shares and averages
 * are not sums of their cells, so their totals stay empty.
 */
import type { ReportView } from '../../../../contract/reports.schemas.js';
import { intlLocale } from '../../../shared/i18n/locale.js';

type Column = ReportView['columns'][number];
type Cell = string | number | null | undefined;

export function formatCell(value: Cell, type: Column['type'], language: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'number') return String(value);
  const locale = intlLocale(language);
  if (type === 'percent')
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
      value / 100,
    );
  if (type === 'decimal')
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** The totals of a table's integer columns (null for the others), or null with fewer than 2 rows. */
export function totalsOf(
  view: Pick<ReportView, 'columns' | 'rows'>,
): Record<string, number | null> | null {
  if (view.rows.length < 2) return null;
  const totals: Record<string, number | null> = {};
  for (const column of view.columns) {
    totals[column.key] =
      column.type === 'int'
        ? view.rows.reduce((sum, row) => {
            const value = row[column.key];
            return sum + (typeof value === 'number' ? value : 0);
          }, 0)
        : null;
  }
  return totals;
}
