/**
 * The report constructor (issue 17, item 2): a pivot of the appeals received in a period, its rows
 * and (optionally) columns chosen from dimensions, its cells from measures; and saved reports, which
 * keep a standard report's or a pivot's definition with a period relative to the day it runs, are
 * shared with roles and may be e-mailed on a schedule (XLSX or PDF, weekly or monthly).
 */
import { z } from 'zod';
import { REPORT_KEYS } from '../domain/reports.js';
import { ROLES } from '../domain/vocabulary.js';
import { reportQuery } from './reports.schemas.js';
import { PIVOT_DIMENSIONS, PIVOT_MEASURES } from '../domain/pivot.js';
import { RELATIVE_PERIODS } from '../domain/report-periods.js';

export {
  PIVOT_DIMENSIONS,
  PIVOT_MEASURES,
  type PivotDimension,
  type PivotMeasure,
} from '../domain/pivot.js';

/** Each item once: a measure twice would be two equal columns, an address twice two e-mails. */
const distinct = (xs: readonly unknown[]) => new Set(xs).size === xs.length;

/** One to all measures, each once. */
const measures = z
  .array(z.enum(PIVOT_MEASURES))
  .min(1)
  .max(PIVOT_MEASURES.length)
  .refine(distinct, 'Each measure once');

const measureList = z
  .union([z.array(z.enum(PIVOT_MEASURES)), z.enum(PIVOT_MEASURES)])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(measures);

/**
 * `GET /reports/pivot`: the standard reports' period, filters, format and language, plus the
 * rows' dimension, an optional columns' dimension (not the same as the rows') and the measures
 * (repeated `measures=` or a comma list). At most 400 days, as the standard reports.
 */
export const pivotQuery = reportQuery.extend({
  rows: z.enum(PIVOT_DIMENSIONS),
  columns: z.enum(PIVOT_DIMENSIONS).optional(),
  measures: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    measureList,
  ),
});
export type PivotQueryInput = z.infer<typeof pivotQuery>;

export { RELATIVE_PERIODS, type RelativePeriod } from '../domain/report-periods.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const filters = reportQuery.pick({
  districtId: true,
  executorId: true,
  kind: true,
  questionTypeId: true,
  channel: true,
});

/** What a saved report runs: a standard report or a pivot, with filters and a relative period. */
export const savedReportDefinition = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('standard'),
    key: z.enum(REPORT_KEYS),
    period: z.enum(RELATIVE_PERIODS),
    from: day.optional().describe('Only with period `fixed`'),
    to: day.optional().describe('Only with period `fixed`'),
    filters,
  }),
  z.object({
    type: z.literal('pivot'),
    rows: z.enum(PIVOT_DIMENSIONS),
    columns: z.enum(PIVOT_DIMENSIONS).optional(),
    measures,
    period: z.enum(RELATIVE_PERIODS),
    from: day.optional(),
    to: day.optional(),
    filters,
  }),
]);
export type SavedReportDefinition = z.infer<typeof savedReportDefinition>;

/** E-mail on a schedule: weekly (Mondays) or monthly (the 1st), at the digest's hour, as a file. */
export const reportSchedule = z.object({
  every: z.enum(['week', 'month']),
  format: z.enum(['xlsx', 'pdf']),
  lang: z.enum(['uk', 'en']).default('uk'),
  /** Extra addresses beyond the owner (the owner always gets it when they have an e-mail). */
  emails: z
    .array(z.string().email().max(254))
    .max(20)
    .refine(distinct, 'Each address once')
    .default([]),
});
export type ReportSchedule = z.infer<typeof reportSchedule>;

/** `POST /reports/saved` and `PUT /reports/saved/{id}`. */
export const savedReportInput = z.object({
  name: z.string().trim().min(1).max(200),
  definition: savedReportDefinition,
  /** Roles that see and run it besides its owner; only roles that read reports (`monitoring.read`). */
  sharedWithRoles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  schedule: reportSchedule.nullable().default(null),
});
export type SavedReportInput = z.infer<typeof savedReportInput>;

export const savedReportView = z.object({
  id: z.number().int(),
  name: z.string(),
  definition: savedReportDefinition,
  sharedWithRoles: z.array(z.enum(ROLES)),
  schedule: reportSchedule.nullable(),
  owner: z.object({ id: z.number().int(), name: z.string() }),
  /** Whether the caller may change or delete it (its owner). */
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The last scheduled sending: when and for which period, or null. */
  lastSent: z.object({ at: z.string(), from: z.string(), to: z.string() }).nullable(),
});
export type SavedReportView = z.infer<typeof savedReportView>;

/** `/reports/saved/{id}…`: the saved report's id. */
export const savedReportParams = z.object({ id: z.coerce.number().int().positive() });

/** `GET /reports/saved/{id}/run`: the format and language; the period is the saved one's. */
export const savedReportRunQuery = reportQuery.pick({ format: true, lang: true });
