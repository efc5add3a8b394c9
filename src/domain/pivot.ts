/**
 * The report constructor's pure part (issue 17, item 2; ADR 051): the headers of dimensions and
 * measures in uk/en, the labels of enumerated dimension values, a cell's measures from its sums
 * (so a total's shares and means are recomputed from the total's sums, never averaged), and how
 * many buckets a time dimension spans. No I/O.
 *
 * Definitions (ADR 036, as the standard reports): on time = closed at or before the deadline (or
 * closed without one); average days = mean (closed_at − received_at) in days over closed appeals;
 * the citizens' rating = the portal's ratings and the call-backs' satisfaction together, 1–5 (ADR 047).
 */
import { DateTime } from 'luxon';
import { AUTHOR_CATEGORIES, AUTHOR_SEXES } from './classifier-858.js';
import { CHANNEL_LABELS, KIND_LABELS, STATUS_LABELS, type LabelLang } from './labels.js';
import { RESULTS } from './results.js';

/**
 * What a pivot's rows and columns may be. `day|week|month|quarter` bucket the date received in
 * the centre's time zone; `executor_parent` is the main executor's parent organisation; `result`
 * is the closed appeal's result; `social_category` is the author's category of Classifier 858
 * (I.7) and `sex` the author's sex as the intake recorded them; `privileged` is yes/no.
 */
export const PIVOT_DIMENSIONS = [
  'day',
  'week',
  'month',
  'quarter',
  'district',
  'executor',
  'executor_parent',
  'kind',
  'question_type',
  'channel',
  'status',
  'result',
  'social_category',
  'sex',
  'privileged',
] as const;
export type PivotDimension = (typeof PIVOT_DIMENSIONS)[number];

/**
 * A pivot's cells. `count` appeals; `on_time_share` percent of the closed ones closed by their
 * deadline (0–100, null when none closed); `avg_days` mean days from receipt to closing of the
 * closed ones; `reworks` the sum of returns for rework; `avg_rating` the citizens' mean rating (1–5).
 */
export const PIVOT_MEASURES = [
  'count',
  'on_time_share',
  'avg_days',
  'reworks',
  'avg_rating',
] as const;
export type PivotMeasure = (typeof PIVOT_MEASURES)[number];

type Words = Record<LabelLang, string>;

/** The header of each dimension (the rows' first column, the columns' caption). */
export const DIMENSION_HEADERS: Record<PivotDimension, Words> = {
  day: { uk: 'День', en: 'Day' },
  week: { uk: 'Тиждень', en: 'Week' },
  month: { uk: 'Місяць', en: 'Month' },
  quarter: { uk: 'Квартал', en: 'Quarter' },
  district: { uk: 'Район', en: 'District' },
  executor: { uk: 'Виконавець', en: 'Executor' },
  executor_parent: { uk: 'Вища організація виконавця', en: 'Executor’s parent organisation' },
  kind: { uk: 'Вид звернення', en: 'Kind' },
  question_type: { uk: 'Тип питання', en: 'Question type' },
  channel: { uk: 'Канал', en: 'Channel' },
  status: { uk: 'Стан', en: 'Status' },
  result: { uk: 'Результат розгляду', en: 'Result' },
  social_category: { uk: 'Категорія заявника', en: 'Applicant’s category' },
  sex: { uk: 'Стать заявника', en: 'Applicant’s sex' },
  privileged: { uk: 'Пільговик', en: 'Privileged' },
};

/** The header of each measure and how it is written. */
export const MEASURE_HEADERS: Record<
  PivotMeasure,
  Words & { type: 'int' | 'decimal' | 'percent' }
> = {
  count: { uk: 'Кількість', en: 'Count', type: 'int' },
  on_time_share: { uk: 'Вчасно, %', en: 'On time, %', type: 'percent' },
  avg_days: { uk: 'Середній строк, днів', en: 'Average days', type: 'decimal' },
  reworks: { uk: 'Повернень на доопрацювання', en: 'Reworks', type: 'int' },
  avg_rating: { uk: 'Оцінка громадян (1–5)', en: "Citizens' rating (1–5)", type: 'decimal' },
};

/** The time dimensions (their values sort by time, not by count). */
export const TIME_DIMENSIONS: readonly PivotDimension[] = ['day', 'week', 'month', 'quarter'];

/** The words of a missing value («not stated») and of the total. */
export const NOT_STATED: Words = { uk: 'Не зазначено', en: 'Not stated' };
export const TOTAL: Words = { uk: 'Усього', en: 'Total' };

const byKey = <K extends string>(items: readonly { key: K; uk: string; en: string }[]) =>
  new Map<string, Words>(items.map((i) => [i.key, { uk: i.uk, en: i.en }]));

const ENUM_LABELS: Partial<Record<PivotDimension, Map<string, Words>>> = {
  kind: new Map(Object.keys(KIND_LABELS.uk).map((k) => [k, label(KIND_LABELS, k)])),
  channel: new Map(Object.keys(CHANNEL_LABELS.uk).map((k) => [k, label(CHANNEL_LABELS, k)])),
  status: new Map(Object.keys(STATUS_LABELS.uk).map((k) => [k, label(STATUS_LABELS, k)])),
  result: new Map(RESULTS.map((r) => [r.code, { uk: r.uk, en: r.en }])),
  social_category: byKey(AUTHOR_CATEGORIES),
  sex: byKey(AUTHOR_SEXES),
  privileged: new Map([
    ['true', { uk: 'Так', en: 'Yes' }],
    ['false', { uk: 'Ні', en: 'No' }],
  ]),
};

function label(words: Record<LabelLang, Record<string, string>>, key: string): Words {
  return { uk: words.uk[key] ?? key, en: words.en[key] ?? key };
}

/**
 * The label of an enumerated or time dimension's value (its stored key, e.g. `complaint`,
 * `2026-03`, `2026-W10`): the vocabulary's words, the time key as it is, the key itself when the
 * vocabulary lacks it. Null for the dimensions whose values are rows of a table (district,
 * executor, question type): the server names those.
 */
export function enumLabel(dimension: PivotDimension, key: string): Words | null {
  if (TIME_DIMENSIONS.includes(dimension)) return { uk: key, en: key };
  const map = ENUM_LABELS[dimension];
  if (!map) return null;
  return map.get(key) ?? { uk: key, en: key };
}

/** A cell's sums as the statement returns them. */
export interface PivotSums {
  count: number;
  closed: number;
  onTime: number;
  /** Σ (closed_at − received_at) in days over the closed appeals. */
  closedDays: number;
  reworks: number;
  ratingSum: number;
  ratingCount: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * A measure of a cell from its sums: count and reworks as they are; on-time share in percent
 * (1 decimal) of the closed, average days (1 decimal) of the closed, the mean rating (2 decimals)
 * — null when there is nothing to divide by.
 */
export function measureValue(measure: PivotMeasure, s: PivotSums): number | null {
  switch (measure) {
    case 'count':
      return s.count;
    case 'reworks':
      return s.reworks;
    case 'on_time_share':
      return s.closed > 0 ? round((100 * s.onTime) / s.closed, 1) : null;
    case 'avg_days':
      return s.closed > 0 ? round(s.closedDays / s.closed, 1) : null;
    case 'avg_rating':
      return s.ratingCount > 0 ? round(s.ratingSum / s.ratingCount, 2) : null;
  }
}

/**
 * How many values a time dimension takes over [from, to] (inclusive days): days, ISO weeks,
 * months or quarters touched. Null for the other dimensions (known only from the data).
 */
export function timeBuckets(dimension: PivotDimension, from: string, to: string): number | null {
  const unit = TIME_UNITS[dimension];
  if (!unit) return null;
  const a = DateTime.fromISO(from, { zone: 'utc' }).startOf(unit);
  const b = DateTime.fromISO(to, { zone: 'utc' }).startOf(unit);
  return Math.round(b.diff(a, unit).as(unit)) + 1;
}

const TIME_UNITS: Partial<Record<PivotDimension, 'day' | 'week' | 'month' | 'quarter'>> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
};
