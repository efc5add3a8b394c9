/**
 * How a report's cells read (issue 17): integers grouped, decimals to two places, percent (the
 * server's 0–100) with a percent sign in the language's way, an empty cell as a dash.
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
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
