/**
 * The report constructor's table (issue 17, item 2; ADR 051): the groups of `pivot-sql.ts` laid
 * out as the standard reports' {@link ReportTable}, so the screen and the CSV/XLSX/PDF exports
 * render it as they render any report.
 *
 * - Rows only: one row per value of the rows' dimension, one column per measure, a total row.
 * - Rows × columns: wide — one column per (column value × measure), then the row totals per
 *   measure; a total row at the bottom. Shares and means of totals come from the totals' sums.
 * - Labels in the requested language: vocabulary words for kinds, channels, statuses, results,
 *   sex, categories; names from the database for districts, executors and question types; time
 *   keys as they are («2026-03-02», «2026-W10», «2026-03», «2026-Q1»).
 * - Order: time values chronologically, the others by their total count (descending), then name.
 */
import {
  DIMENSION_HEADERS,
  enumLabel,
  MEASURE_HEADERS,
  measureValue,
  NOT_STATED,
  TIME_DIMENSIONS,
  TOTAL,
  timeBuckets,
  type PivotDimension,
} from '../../domain/pivot.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { pivotGroups, type PivotGroup, type PivotSpec } from './pivot-sql.js';
import { inReportSession } from './report-base.js';
import type { Lang, ReportColumn, ReportQuery, ReportTable } from './report-table.js';

export type { PivotSpec };

/** The most column values a wide pivot has (before × measures). */
export const MAX_PIVOT_COLUMNS = 60;

/**
 * Refuses a pivot that cannot be made: rows and columns of one dimension (400
 * `pivot_same_dimension`), or a time dimension of columns with more than
 * {@link MAX_PIVOT_COLUMNS} values over the period (400 `pivot_too_wide`).
 */
export function checkPivotSpec(spec: PivotSpec, from: string, to: string): void {
  if (spec.columns !== undefined && spec.columns === spec.rows)
    throw badRequest(
      'pivot_same_dimension',
      'Rows and columns must be different dimensions; choose another one for the columns.',
    );
  if (spec.columns !== undefined) {
    const n = timeBuckets(spec.columns, from, to);
    if (n !== null && n > MAX_PIVOT_COLUMNS) throw tooWide(n);
  }
}

const tooWide = (n: number) =>
  badRequest(
    'pivot_too_wide',
    `The columns' dimension has ${n} values; at most ${MAX_PIVOT_COLUMNS} fit. Choose a coarser ` +
      'dimension, a shorter period or a filter, or put this dimension in the rows.',
    { values: n, max: MAX_PIVOT_COLUMNS },
  );

/** «Зведена таблиця: Виконавець × Місяць (Кількість, Вчасно, %)» in `lang`. */
export function pivotTitle(spec: PivotSpec, lang: Lang): string {
  const dims = [spec.rows, ...(spec.columns ? [spec.columns] : [])]
    .map((d) => DIMENSION_HEADERS[d][lang])
    .join(' × ');
  const measures = spec.measures.map((m) => MEASURE_HEADERS[m][lang]).join(', ');
  return `${lang === 'uk' ? 'Зведена таблиця' : 'Pivot'}: ${dims} (${measures})`;
}

type Named = Map<string, { uk: string; en: string }>;

/** The names of the values of a dimension whose values are ids of a table. */
async function namesOf(deps: Deps, d: PivotDimension, keys: string[]): Promise<Named> {
  const ids = keys.map(Number).filter((n) => Number.isInteger(n));
  if (ids.length === 0) return new Map();
  const db = deps.db;
  const rows: { id: number; uk: string; en: string | null }[] =
    d === 'district'
      ? await db
          .selectFrom('districts')
          .select(['id', 'name as uk', 'name_en as en'])
          .where('id', 'in', ids)
          .execute()
      : d === 'question_type'
        ? await db
            .selectFrom('question_types')
            .select(['id', 'name as uk', 'name_en as en'])
            .where('id', 'in', ids)
            .execute()
        : await db
            .selectFrom('organisations')
            .select(['id', 'name as uk', 'name as en'])
            .where('id', 'in', ids)
            .execute();
  return new Map(rows.map((r) => [String(r.id), { uk: r.uk, en: r.en ?? r.uk }]));
}

/** The labels of a dimension's values in `lang`, by key ('' is NULL: not stated). */
async function labelsOf(
  deps: Deps,
  d: PivotDimension,
  keys: (string | null)[],
  lang: Lang,
): Promise<Map<string, string>> {
  const present = keys.filter((k): k is string => k !== null);
  const named: Named =
    enumLabel(d, '') === null ? await namesOf(deps, d, present) : new Map<string, never>();
  const out = new Map<string, string>();
  for (const k of keys) {
    if (k === null) out.set('', NOT_STATED[lang]);
    else out.set(k, (enumLabel(d, k) ?? named.get(k) ?? { uk: `#${k}`, en: `#${k}` })[lang]);
  }
  return out;
}

/** The values of a dimension in the table's order: by time, or by count then label. */
function ordered(
  d: PivotDimension,
  totals: PivotGroup[],
  key: (g: PivotGroup) => string | null,
  labels: Map<string, string>,
  lang: Lang,
): string[] {
  const collator = new Intl.Collator(lang === 'uk' ? 'uk' : 'en');
  const time = TIME_DIMENSIONS.includes(d);
  return [...totals]
    .sort((a, b) => {
      const ka = key(a) ?? '';
      const kb = key(b) ?? '';
      if (ka === '' || kb === '') return ka === kb ? 0 : ka === '' ? 1 : -1; // not stated last
      if (time) return ka < kb ? -1 : ka > kb ? 1 : 0;
      return b.sums.count - a.sums.count || collator.compare(labels.get(ka)!, labels.get(kb)!);
    })
    .map((g) => key(g) ?? '');
}

/**
 * The pivot of the appeals received in [q.from, q.to] with q's filters, in `lang`. Wide when
 * `spec.columns` is given. Key `pivot`; the chart plots the first measure.
 *
 * @throws AppError 400 `pivot_same_dimension`, `pivot_too_wide` (more than
 *   {@link MAX_PIVOT_COLUMNS} column values); the route checks the period first.
 */
export async function runPivot(
  deps: Deps,
  spec: PivotSpec,
  q: ReportQuery,
  lang: Lang,
): Promise<ReportTable> {
  checkPivotSpec(spec, q.from, q.to);
  const groups = await inReportSession(deps, (session) => pivotGroups(session, spec, q));
  const rowTotals = groups.filter((g) => !g.allRows && g.allColumns);
  const colTotals = spec.columns ? groups.filter((g) => g.allRows && !g.allColumns) : [];
  if (colTotals.length > MAX_PIVOT_COLUMNS) throw tooWide(colTotals.length);
  const grand = groups.find((g) => g.allRows && g.allColumns);
  const rowLabels = await labelsOf(
    deps,
    spec.rows,
    rowTotals.map((g) => g.row),
    lang,
  );
  const colLabels = spec.columns
    ? await labelsOf(
        deps,
        spec.columns,
        colTotals.map((g) => g.column),
        lang,
      )
    : new Map<string, string>();
  const rowKeys = ordered(spec.rows, rowTotals, (g) => g.row, rowLabels, lang);
  const colKeys = spec.columns
    ? ordered(spec.columns, colTotals, (g) => g.column, colLabels, lang)
    : [];
  const cells = new Map<string, PivotGroup>();
  for (const g of groups)
    if (!g.allRows && !g.allColumns) cells.set(`${g.row ?? ''}\u0000${g.column ?? ''}`, g);
  const rowTotal = new Map(rowTotals.map((g) => [g.row ?? '', g]));

  const rowHeader = DIMENSION_HEADERS[spec.rows];
  const columns: ReportColumn[] = [
    { key: 'row', uk: rowHeader.uk, en: rowHeader.en, type: 'text' },
  ];
  const single = spec.measures.length === 1;
  const header = (value: { uk: string; en: string }, m: (typeof spec.measures)[number]) => ({
    uk: single ? value.uk : `${value.uk} · ${MEASURE_HEADERS[m].uk}`,
    en: single ? value.en : `${value.en} · ${MEASURE_HEADERS[m].en}`,
    type: MEASURE_HEADERS[m].type,
  });
  if (spec.columns) {
    // Headers in both languages: the value labels of the other language too.
    const other: Lang = lang === 'uk' ? 'en' : 'uk';
    const otherLabels = await labelsOf(
      deps,
      spec.columns,
      colTotals.map((g) => g.column),
      other,
    );
    colKeys.forEach((k, j) => {
      const words = { [lang]: colLabels.get(k)!, [other]: otherLabels.get(k)! } as {
        uk: string;
        en: string;
      };
      for (const m of spec.measures) columns.push({ key: `c${j}_${m}`, ...header(words, m) });
    });
    for (const m of spec.measures)
      columns.push({ key: `total_${m}`, ...header({ uk: TOTAL.uk, en: TOTAL.en }, m) });
  } else {
    for (const m of spec.measures) columns.push({ key: m, ...MEASURE_HEADERS[m] });
  }

  const line = (label: string, of: (column: string | null) => PivotGroup | undefined) => {
    const row: Record<string, string | number | null> = { row: label };
    for (const m of spec.measures) {
      if (spec.columns) {
        colKeys.forEach((k, j) => {
          const g = of(k);
          row[`c${j}_${m}`] = g
            ? measureValue(m, g.sums)
            : m === 'count' || m === 'reworks'
              ? 0
              : null;
        });
        const t = of(null);
        row[`total_${m}`] = t ? measureValue(m, t.sums) : null;
      } else {
        const t = of(null);
        row[m] = t ? measureValue(m, t.sums) : null;
      }
    }
    return row;
  };
  const rows = rowKeys.map((rk) =>
    line(rowLabels.get(rk)!, (ck) =>
      ck === null ? rowTotal.get(rk) : cells.get(`${rk}\u0000${ck}`),
    ),
  );
  const colTotal = new Map(colTotals.map((g) => [g.column ?? '', g]));
  if (grand) rows.push(line(TOTAL[lang], (ck) => (ck === null ? grand : colTotal.get(ck))));
  const first = spec.measures[0]!;
  return {
    key: 'pivot',
    columns,
    rows,
    chart: {
      category: 'row',
      series: spec.columns ? colKeys.map((_, j) => `c${j}_${first}`) : [first],
      kind: TIME_DIMENSIONS.includes(spec.rows) ? 'line' : 'bar',
    },
  };
}
