/**
 * Saved reports and their scheduled runs (issue 17, item 2; migration 0036). Part of the
 * database's shape (`../schema.ts` composes `DB`); written to match `migrations/*.sql`.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './columns.js';

export interface SavedReportsTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  /** `savedReportDefinition` (contract/report-constructor.schemas.ts). */
  definition: Json;
  shared_with_roles: ColumnType<string[], string[] | undefined, string[]>;
  /** `reportSchedule`, or NULL when not e-mailed. */
  schedule: Json | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScheduledReportRunsTable {
  id: Generated<number>;
  saved_report_id: number;
  /** DATE: read it with to_char (pg parses a date into local midnight). */
  period_from: ColumnType<Date, string, never>;
  period_to: ColumnType<Date, string, never>;
  format: 'xlsx' | 'pdf';
  lang: 'uk' | 'en';
  /** `{ table: ReportTable, header: { title, period, filters } }` as made. */
  report: Json;
  made_at: Timestamp;
}
