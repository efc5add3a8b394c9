/** The shapes every report shares (issue 17): its query, columns and table, and the languages. */
import type { ReportKey } from '../../domain/reports.js';

/** The languages a report's headers and files come in. */
export type Lang = 'uk' | 'en';

/** The period and filters of a report. Dates are calendar days `YYYY-MM-DD`, both inclusive. */
export interface ReportQuery {
  from: string;
  to: string;
  districtId?: number | undefined;
  executorId?: number | undefined;
  kind?: string | undefined;
  questionTypeId?: number | undefined;
  channel?: string | undefined;
}

/** A column: its key in each row, its uk/en header, and how to write it (text, integer, decimal, percent 0–100). */
export interface ReportColumn {
  key: string;
  uk: string;
  en: string;
  type: 'text' | 'int' | 'decimal' | 'percent';
}

/** One report's result: columns, rows (values by column key), and which columns the chart plots. */
export interface ReportTable {
  /** A standard report's key, or `pivot` for the constructor's (issue 17, item 2). */
  key: ReportKey | 'pivot';
  columns: ReportColumn[];
  rows: Record<string, string | number | null>[];
  chart: { category: string; series: string[]; kind: 'bar' | 'line' };
}
