/**
 * Standard reports over HTTP (issue 17): the query (period and filters), the output format, and the
 * JSON view of a report (columns with uk/en headers, rows, what the chart plots).
 */
import { z } from 'zod';
import { APPEAL_KINDS, CHANNELS } from '../domain/vocabulary.js';
import { REPORT_KEYS } from '../domain/reports.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const id = z.coerce.number().int().positive();

export const reportParams = z.object({ key: z.enum(REPORT_KEYS) });

export const reportQuery = z.object({
  from: day.describe('First day of the period (inclusive, the centre’s time zone)'),
  to: day.describe('Last day of the period (inclusive)'),
  districtId: id.optional(),
  executorId: id.optional().describe('The main executor'),
  kind: z.enum(APPEAL_KINDS).optional(),
  questionTypeId: id.optional(),
  channel: z.enum(CHANNELS).optional(),
  format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
  lang: z.enum(['uk', 'en']).default('uk'),
});
export type ReportQueryInput = z.infer<typeof reportQuery>;

export const reportView = z.object({
  /** A standard report's key, or `pivot` for the constructor's table (issue 17, item 2). */
  key: z.enum([...REPORT_KEYS, 'pivot']),
  from: z.string(),
  to: z.string(),
  madeAt: z.string().describe('When the report was computed (ISO 8601)'),
  columns: z.array(
    z.object({
      key: z.string(),
      uk: z.string(),
      en: z.string(),
      type: z.enum(['text', 'int', 'decimal', 'percent']),
    }),
  ),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  chart: z.object({
    category: z.string(),
    series: z.array(z.string()),
    kind: z.enum(['bar', 'line']),
  }),
});
export type ReportView = z.infer<typeof reportView>;
