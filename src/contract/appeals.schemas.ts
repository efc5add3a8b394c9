/**
 * Request and response schemas of one appeal: its card (with assignments, responses, reviews,
 * attachments and history) and the lifecycle steps taken on it (assign, respond, review, comment,
 * end a co-executor's assignment). Registration is in `appeal-registration.schemas.ts`, the
 * registry in `appeal-registry.schemas.ts`. One zod schema gives validation, the TypeScript type
 * and the OpenAPI document (CONVENTIONS.md habit 4).
 */
import { z } from 'zod';
import { REVIEW_RESULT_CODES } from '../domain/results.js';
import {
  APPEAL_STATUSES,
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATES,
  RECEIPT_SIGNS,
} from '../domain/vocabulary.js';
import {
  AUTHOR_CATEGORY_KEYS,
  AUTHOR_SEX_KEYS,
  SOCIAL_STATUS_KEYS,
} from '../domain/classifier-858.js';
import { appealSummaryView } from './appeal-registry.schemas.js';
import { id, isoDateTime, text } from './common.js';

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

/**
 * The author's sex, category (I.7) and social status (I.8) by Classifier No. 858 (issue 17), as
 * the intake (or the portal's form) stated them; null: not stated.
 */
export const authorView = z.object({
  sex: z.enum(AUTHOR_SEX_KEYS).nullable(),
  category: z.enum(AUTHOR_CATEGORY_KEYS).nullable(),
  socialStatus: z.enum(SOCIAL_STATUS_KEYS).nullable(),
});
export type AuthorView = z.infer<typeof authorView>;

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
  author: authorView.nullable(),
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
/** The answer of a lifecycle step: the appeal and its status after the step. */
export const appealStepOutcome = z.object({
  appealId: z.number().int(),
  status: z.enum(APPEAL_STATUSES),
});
