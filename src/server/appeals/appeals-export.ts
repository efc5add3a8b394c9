/**
 * CSV export of the registry's current filter, streamed: rows are read in keyset batches and
 * written as they come, so memory stays flat for any size.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
 * are prefixed with an apostrophe (OWASP "CSV Injection").
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { RESULTS } from '../../domain/results.js';
import en from '../../web/shared/i18n/en.json' with { type: 'json' };
import uk from '../../web/shared/i18n/uk.json' with { type: 'json' };
import type { Deps, UserActor } from '../context.js';
import { iterateAppeals } from './appeals.queries.js';
import type { AppealFilter, AppealSummaryView } from '../../contract/appeal-registry.schemas.js';

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

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): starting with = - @ tab or
 * carriage return; with + followed by anything but a phone number's digits and separators
 * (`+380 67 111 22 33` stays as it is, `+SUM(…)` does not); or with a separator (; or ,) before one
 * of those, which a spreadsheet splitting on that separator would see as a formula cell.
 */
const FORMULA = /^(?:[;,]?[=\-@\t\r]|[;,]?\+(?![\d\s()-]*$))/;

/** How a person's export reads: in their language, local times, their spreadsheet's separator. */
export interface ExportFormat {
  /** Headers, statuses, channels, kinds and results as words of this language; absent: codes. */
  lang?: 'uk' | 'en' | undefined;
  /** The CSV separator; default `;` in Ukrainian (a Ukrainian spreadsheet's list separator), else `,`. */
  separator?: ';' | ',' | undefined;
}

const CATALOGUES = { uk, en } as const;

/**
 * The columns as a person reads them (issue 12): headers and codes in `lang` (the web catalogues,
 * the one source of UI words), times as dd.MM.yyyy HH:mm in the city's zone. Without `lang` the
 * machine form: code headers, codes and ISO instants.
 */
export function exportColumns(
  format: ExportFormat,
  timeZone: string,
): [string, (a: AppealSummaryView) => string | number | null][] {
  const lang = format.lang;
  if (!lang) return COLUMNS;
  const words = CATALOGUES[lang];
  const word = (group: Record<string, string>, code: string | null) =>
    code === null ? null : (group[code] ?? code);
  const time = (iso: string | null) =>
    iso === null
      ? null
      : DateTime.fromISO(iso, { zone: timeZone }).toFormat(
          lang === 'uk' ? 'dd.MM.yyyy HH:mm' : 'yyyy-MM-dd HH:mm',
        );
  const e = words.export;
  return [
    [e.number, (a) => a.number],
    [e.receivedAt, (a) => time(a.receivedAt)],
    [e.channel, (a) => word(words.channel, a.channel)],
    [e.kind, (a) => word(words.kind, a.kind)],
    [e.subject, (a) => word(words.subject, a.subject)],
    [e.classifierKind, (a) => a.questionType.kind],
    [
      e.questionType,
      (a) => (lang === 'en' ? (a.questionType.nameEn ?? a.questionType.name) : a.questionType.name),
    ],
    [e.address, (a) => a.address],
    [e.description, (a) => a.description],
    [e.status, (a) => word(words.status, a.status)],
    [
      e.result,
      (a) => (a.result ? (RESULTS.find((r) => r.code === a.result)?.[lang] ?? a.result) : null),
    ],
    [e.controlDate, (a) => time(a.controlDate)],
    [e.reworkCount, (a) => a.reworkCount],
    [e.mainExecutor, (a) => a.mainExecutor?.name ?? null],
  ];
}

/** Make a cell safe to open in a spreadsheet: formulas become text (prefixed with '). */
export function neutraliseFormula(value: string | number | null): string | number | null {
  if (typeof value !== 'string') return value;
  return FORMULA.test(value) ? `'${value}` : value;
}

/**
 * A readable stream of the CSV (UTF-8 with BOM, so spreadsheets read Cyrillic right), in the
 * person's language and separator when `format` says so (`exportColumns`).
 */
export function exportAppealsCsv(
  deps: Deps,
  actor: UserActor,
  filter: AppealFilter,
  format: ExportFormat = {},
): Readable {
  const columns = exportColumns(format, deps.config.timeZone);
  const delimiter = format.separator ?? (format.lang === 'uk' ? ';' : ',');
  const csv = stringify({
    header: true,
    columns: columns.map(([name]) => name),
    bom: true,
    delimiter,
  });
  const rows = async function* () {
    for await (const batch of iterateAppeals(deps, actor, filter)) {
      for (const appeal of batch) yield columns.map(([, get]) => neutraliseFormula(get(appeal)));
    }
  };
  return Readable.from(rows()).pipe(csv);
}
