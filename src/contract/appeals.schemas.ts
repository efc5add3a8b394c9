/**
 * Request and response schemas of the appeal API: one zod schema gives validation, the TypeScript
 * type and the OpenAPI document (CONVENTIONS.md habit 4).
 */
import { z } from 'zod';
import { QUEUES } from '../domain/queues.js';
import { REVIEW_RESULT_CODES, RESULT_CODES } from '../domain/results.js';
import {
  APPEAL_KINDS,
  APPEAL_STATUSES,
  APPEAL_SUBJECTS,
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATES,
  CHANNELS,
  RECEIPT_SIGNS,
} from '../domain/vocabulary.js';
import {
  AUTHOR_CATEGORY_KEYS,
  AUTHOR_SEX_KEYS,
  SOCIAL_STATUS_KEYS,
} from '../domain/classifier-858.js';
import { applicantInputSchema } from './applicants.schemas.js';
import { id, isoDateTime, text } from './common.js';

/**
 * The author's sex, category and social status for the statistics by Classifier No. 858 (sections
 * I.4, I.7, I.8; issue 17): keys of `domain/classifier-858.ts`, null or absent = not stated.
 */
export const authorStatistics = z.object({
  authorSex: z.enum(AUTHOR_SEX_KEYS).nullish().describe('Classifier 858, I.4.'),
  authorCategory: z.enum(AUTHOR_CATEGORY_KEYS).nullish().describe('Classifier 858, I.7.'),
  authorSocialStatus: z.enum(SOCIAL_STATUS_KEYS).nullish().describe('Classifier 858, I.8.'),
});
export type AuthorStatistics = z.infer<typeof authorStatistics>;

export const registerAppealSchema = z
  .object({
    receivedAt: isoDateTime.optional().describe('When the appeal was received; default now.'),
    channel: z.enum(CHANNELS),
    kind: z.enum(APPEAL_KINDS),
    subject: z.enum(APPEAL_SUBJECTS).default('individual'),
    receiptSign: z.enum(RECEIPT_SIGNS).default('primary'),
    originalAppealId: id
      .optional()
      .describe(
        'The original appeal of a duplicate or multiple appeal (required for those signs).',
      ),
    questionTypeId: id,
    description: text(10_000),
    address: z.string().trim().max(500).nullish(),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
    buildingId: id
      .optional()
      .describe(
        'The building chosen in the address registry (GET /api/v1/addresses/registry); fills district and point.',
      ),
    confidential: z
      .boolean()
      .default(false)
      .describe('Art. 18: the applicant asked to keep it confidential.'),
    applicantId: id.optional().describe('An applicant already on record.'),
    applicant: applicantInputSchema
      .optional()
      .describe('A new applicant, when applicantId is not given.'),
    executorId: id
      .optional()
      .describe('Main executor; default from the routing rule of the question type.'),
    instruction: z.string().trim().max(2000).optional(),
    controlDate: isoDateTime
      .optional()
      .describe(
        'Default: the legal deadline less the question type’s review margin (working days).',
      ),
    acknowledgeRepeat: z
      .boolean()
      .default(false)
      .describe(
        'Register although the same question of this applicant was decided on the merits (Art. 8).',
      ),
    repeatReason: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .describe(
        'Why it is registered although it repeats a decided appeal (kept in the history with acknowledgeRepeat).',
      ),
    separateApplicant: z
      .boolean()
      .optional()
      .describe(
        'Create a new applicant even when one with the same name and phone (or e-mail) is on record; by default that record is used.',
      ),
    ...authorStatistics.shape,
  })
  .superRefine((value, ctx) => {
    if (value.applicantId !== undefined && value.applicant !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['applicant'],
        message: 'give applicantId or applicant, not both',
      });
    }
    if (
      value.subject === 'anonymous' &&
      (value.applicantId !== undefined || value.applicant !== undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['subject'],
        message: 'an anonymous appeal has no applicant',
      });
    }
    if (
      value.subject !== 'anonymous' &&
      value.applicantId === undefined &&
      value.applicant === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['applicant'],
        message:
          'Art. 5 of the Law: a named appeal states the applicant; give applicantId or applicant, or mark the subject anonymous',
      });
    }
    if (
      (value.receiptSign === 'duplicate' || value.receiptSign === 'multiple') &&
      value.originalAppealId === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['originalAppealId'],
        message: `a ${value.receiptSign} appeal names its original: give originalAppealId`,
      });
    }
    if ((value.latitude == null) !== (value.longitude == null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['latitude'],
        message: 'give both latitude and longitude, or neither',
      });
    }
  });
export type RegisterAppealInput = z.infer<typeof registerAppealSchema>;

export const assignSchema = z.object({
  executorId: id,
  role: z.enum(ASSIGNMENT_ROLES).default('main'),
  instruction: z.string().trim().max(2000).optional(),
  controlDate: isoDateTime.optional(),
});
export type AssignInput = z.infer<typeof assignSchema>;

export const respondSchema = z.object({
  text: text(10_000),
  proposedResult: z.enum(REVIEW_RESULT_CODES).optional(),
  attachmentIds: z.array(id).max(20).default([]),
});
export type RespondInput = z.infer<typeof respondSchema>;

export const commentSchema = z.object({ comment: text(2000) });

export const reviewSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('accept'),
    result: z.enum(REVIEW_RESULT_CODES),
    comment: z.string().trim().max(2000).optional(),
  }),
  z.object({ decision: z.literal('rework'), comment: text(2000) }),
]);
export type ReviewInput = z.infer<typeof reviewSchema>;

export const appealIdParams = z.object({ id: z.coerce.number().int().positive() });
export const assignmentParams = appealIdParams.extend({
  assignmentId: z.coerce.number().int().positive(),
});

/** Ending a co-executor's assignment: why, for the history (optional). */
export const endAssignmentSchema = z.object({
  comment: z.string().trim().max(2000).optional(),
});
export type EndAssignmentInput = z.infer<typeof endAssignmentSchema>;

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

// ---- responses ----

export const appealApplicantView = z.object({
  id,
  fullName: z.string(),
  phones: z.array(z.string()),
  email: z.string().nullable().optional(),
  address: z.string().nullable(),
  privilegedCategory: z.string().nullable().optional(),
  socialStatus: z.string().nullable().optional(),
  /** Issue 17: the sex the last intake recorded, to prefill the next (Classifier No. 858, I.4). */
  sex: z.enum(AUTHOR_SEX_KEYS).nullable().optional(),
});

export const assignmentView = z.object({
  id,
  executor: z.object({ id, name: z.string() }),
  role: z.enum(ASSIGNMENT_ROLES),
  state: z.enum(ASSIGNMENT_STATES),
  instruction: z.string().nullable(),
  controlDate: z.string().nullable(),
  assignedAt: z.string(),
  acceptedAt: z.string().nullable(),
});

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

export const historyEventView = z.object({
  id,
  at: z.string(),
  actor: z.string(),
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  comment: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const attachmentView = z.object({
  id,
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  responseId: z.number().int().nullable(),
  url: z.string(),
});

export const appealCardView = appealSummaryView.extend({
  receiptSign: z.enum(RECEIPT_SIGNS),
  registeredAt: z.string(),
  closedAt: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  confidential: z.boolean(),
  applicant: appealApplicantView.nullable(),
  /** Classifier No. 858 (issue 17): the author as the intake recorded them; null without full personal-data access. */
  author: z
    .object({
      sex: z.enum(AUTHOR_SEX_KEYS).nullable(),
      category: z.enum(AUTHOR_CATEGORY_KEYS).nullable(),
      socialStatus: z.enum(SOCIAL_STATUS_KEYS).nullable(),
    })
    .nullable(),
  assignments: z.array(assignmentView),
  responses: z.array(
    z.object({
      id,
      assignmentId: id,
      executor: z.string(),
      author: z.string().nullable(),
      text: z.string(),
      proposedResult: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  reviews: z.array(
    z.object({
      id,
      decision: z.enum(['accept', 'rework']),
      result: z.string().nullable(),
      comment: z.string().nullable(),
      reviewer: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  attachments: z.array(attachmentView),
  history: z.array(historyEventView),
  /** Actions the current user may take now (for the web client). */
  allowedActions: z.array(z.string()),
  /** The configured rework limit (Kyiv 1551: 2), to show how many reworks are left. */
  reworkLimit: z.number().int(),
  /** Where the address sits in the registry, and why the main executor was chosen (issue 15). */
  addressPlace: z.object({
    buildingId: z.number().int().nullable(),
    districtId: z.number().int().nullable(),
    districtName: z.string().nullable(),
    flags: z.array(z.string()).describe('not_in_registry, outside_districts'),
    routing: z
      .object({ rule: z.enum(['maintainer', 'district', 'default', 'none']) })
      .nullable()
      .describe('The rule that chose the main executor at routing, when the rules chose it'),
  }),
});
export type AppealCardView = z.infer<typeof appealCardView>;

export const appealListView = z.object({
  items: z.array(appealSummaryView),
  nextCursor: z.string().nullable(),
});

/** `GET /appeals/repeat-check`: asked before registering (Art. 8). */
export const repeatCheckQuery = z.object({
  applicantId: z.coerce.number().int().positive(),
  questionTypeId: z.coerce.number().int().positive(),
  address: z.string().trim().max(500).optional(),
  buildingId: z.coerce.number().int().positive().optional(),
});

export const repeatCheckView = z.object({
  repeatOf: z
    .object({
      id: z.number().int(),
      number: z.string(),
      status: z.string(),
      result: z.string().nullable(),
      receivedAt: z.string(),
      decidedOnMerits: z.boolean(),
    })
    .nullable(),
});
export type RepeatCheckView = z.infer<typeof repeatCheckView>;

/** The answer of `POST /appeals`. */
export const appealRegisteredView = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.enum(APPEAL_STATUSES),
  controlDate: z.string().nullable(),
  legalDeadline: z.string().nullable(),
  executorId: z.number().int().nullable(),
  /** The co-executors the routing rule assigned with the main executor (issue 14, item 4). */
  coExecutorIds: z.array(z.number().int()),
  repeatsAppealId: z.number().int().nullable(),
  applicantId: z.number().int().nullable(),
  /**
   * What the operator reads out so the caller can follow the appeal on the portal: the number and
   * a new access code (e-mailed too when the applicant gave an address). Null for a consultation,
   * an anonymous appeal or an Internet channel (issue 12).
   */
  tracking: z
    .object({ number: z.string(), accessCode: z.string(), emailed: z.boolean() })
    .nullable(),
});
export type AppealRegisteredView = z.infer<typeof appealRegisteredView>;

/** The answer of a lifecycle step: the appeal and its status after the step. */
export const appealStepOutcome = z.object({
  appealId: z.number().int(),
  status: z.enum(APPEAL_STATUSES),
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
