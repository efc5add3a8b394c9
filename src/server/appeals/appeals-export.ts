/**
 * CSV export of the registry's current filter, streamed: rows are read in keyset batches and
 * written as they come, so memory stays flat for any size.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
 * are prefixed with an apostrophe (OWASP "CSV Injection").
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Deps, UserActor } from '../context.js';
import { iterateAppeals } from './appeals.queries.js';
import type { AppealFilter, AppealSummaryView } from '../../contract/appeals.schemas.js';

/** The export columns: header name and how to read it from an appeal (CSV and XLSX alike). */
export const COLUMNS: [string, (a: AppealSummaryView) => string | number | null][] = [
  ['number', (a) => a.number],
  ['received_at', (a) => a.receivedAt],
  ['channel', (a) => a.channel],
  ['kind', (a) => a.kind],
  ['subject', (a) => a.subject],
  ['classifier_kind', (a) => a.questionType.kind],
  ['question_type', (a) => a.questionType.name],
  ['address', (a) => a.address],
  ['description', (a) => a.description],
  ['status', (a) => a.status],
  ['result', (a) => a.result],
  ['control_date', (a) => a.controlDate],
  ['rework_count', (a) => a.reworkCount],
  ['main_executor', (a) => a.mainExecutor?.name ?? null],
];

/** Make a cell safe to open in a spreadsheet: formulas become text. */
export function neutraliseFormula(value: string | number | null): string | number | null {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A readable stream of the CSV (UTF-8 with BOM, so spreadsheets read Cyrillic right). */
export function exportAppealsCsv(deps: Deps, actor: UserActor, filter: AppealFilter): Readable {
  const csv = stringify({ header: true, columns: COLUMNS.map(([name]) => name), bom: true });
  const rows = async function* () {
    for await (const batch of iterateAppeals(deps, actor, filter)) {
      for (const appeal of batch) yield COLUMNS.map(([, get]) => neutraliseFormula(get(appeal)));
    }
  };
  return Readable.from(rows()).pipe(csv);
}
