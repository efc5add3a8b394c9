/**
 * Request and response schemas of the appeal registry (`GET /appeals`, `/appeals/count`,
 * `/appeals/export.csv`, `.xlsx`): the filter, its sort orders and paging, the export's options, and the
 * summary row each page lists. One zod schema gives validation, the TypeScript type and the
 * OpenAPI document (CONVENTIONS.md habit 4).
 */
import { z } from 'zod';
import { QUEUES } from '../domain/queues.js';
import { RESULT_CODES } from '../domain/results.js';
import { APPEAL_KINDS, APPEAL_STATUSES, APPEAL_SUBJECTS, CHANNELS } from '../domain/vocabulary.js';
import { id, isoDateTime } from './common.js';

export const APPEAL_SORTS = ['received_desc', 'received_asc', 'control_date_asc'] as const;
export type AppealSort = (typeof APPEAL_SORTS)[number];

export const appealFilterQuery = z.object({
  queue: z.enum(QUEUES).optional(),
  status: z.enum(APPEAL_STATUSES).optional(),
  questionTypeId: z.coerce.number().int().positive().optional(),
  executorId: z.coerce.number().int().positive().optional(),
  mainExecutorId: z
    .union([z.literal('none'), z.coerce.number().int().positive()])
    .optional()
    .describe('The active main executor; `none`: appeals without one.'),
  channel: z.enum(CHANNELS).optional(),
  receivedFrom: isoDateTime.optional(),
  receivedTo: isoDateTime.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  applicantId: z.coerce.number().int().positive().optional(),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .describe('Issue 14: appeals whose main executor the controller watches (duties), or not.'),
  districtId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('District of the address registry (issue 15).'),
  streetId: z.coerce.number().int().positive().optional().describe('Street of the registry.'),
  buildingId: z.coerce.number().int().positive().optional().describe('Building of the registry.'),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Registration number or words of the description.'),
  sort: z
    .enum(APPEAL_SORTS)
    .optional()
    .describe(
      'Default: control_date_asc in a queue (privileged applicants first), else received_desc.',
    ),
});
export type AppealFilter = z.infer<typeof appealFilterQuery>;

export const listAppealsQuery = appealFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional().describe('The nextCursor of the previous page.'),
});
export type ListAppealsQuery = z.infer<typeof listAppealsQuery>;
export const appealSummaryView = z.object({
  id,
  number: z.string(),
  receivedAt: z.string(),
  channel: z.enum(CHANNELS),
  kind: z.enum(APPEAL_KINDS),
  subject: z.enum(APPEAL_SUBJECTS),
  status: z.enum(APPEAL_STATUSES),
  result: z.enum(RESULT_CODES).nullable(),
  questionType: z.object({ id, name: z.string(), nameEn: z.string().nullable(), kind: z.string() }),
  address: z.string().nullable(),
  description: z.string(),
  controlDate: z.string().nullable(),
  /** Law 393/96-ВР Art. 20 deadline; the control date is the executor's, earlier. */
  legalDeadline: z.string().nullable(),
  reworkCount: z.number().int(),
  privileged: z.boolean(),
  mainExecutor: z.object({ id, name: z.string() }).nullable(),
  applicant: z
    .object({ fullName: z.string(), phones: z.array(z.string()) })
    .nullable()
    .optional()
    .describe('Only for roles that may see personal data; null for an anonymous appeal.'),
});
export type AppealSummaryView = z.infer<typeof appealSummaryView>;
export const appealListView = z.object({
  items: z.array(appealSummaryView),
  nextCursor: z.string().nullable(),
});
/** The registry's filter plus how a person reads the exported file (language, CSV separator). */
export const appealExportQuery = appealFilterQuery.extend({
  lang: z
    .enum(['uk', 'en'])
    .optional()
    .describe(
      'Headers, statuses, channels, kinds and results as words; local times. Absent: codes, ISO',
    ),
  separator: z
    .enum([';', ','])
    .optional()
    .describe('CSV separator; default ; with lang=uk, else ,'),
});

/** How many appeals the registry's filter holds. */
export const appealCountView = z.object({ count: z.number().int() });
