/**
 * Request and response schemas of the staff's moderation queue (`/api/v1/submissions…`): the
 * queue's filter and paging, a submission as the moderator sees it (with the same building's
 * appeals), and the three decisions — register, merge into an open appeal, reject — with their
 * outcome. One zod schema gives validation, the type and the OpenAPI document (CONVENTIONS.md
 * habit 4).
 */
import { z } from 'zod';
import {
  MERGE_RECEIPT_SIGNS,
  REJECTION_REASON_CODES,
  SUBMISSION_CHANNELS,
  SUBMISSION_KINDS,
  SUBMISSION_STATES,
} from '../domain/portal.js';
import { LOCALES } from '../domain/portal-forms.js';
import { APPEAL_STATUSES, APPEAL_SUBJECTS, RECEIPT_SIGNS } from '../domain/vocabulary.js';
import { authorView } from './appeals.schemas.js';
import { id } from './common.js';
import { photoView } from './portal.schemas.js';

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const submissionListQuery = z.object({
  state: z.enum(SUBMISSION_STATES).default('pending'),
  channel: z.enum(SUBMISSION_CHANNELS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type SubmissionListQuery = z.infer<typeof submissionListQuery>;

export const submissionIdParams = z.object({ id: z.coerce.number().int().positive() });

export const submissionView = z.object({
  id,
  trackingNumber: z.string(),
  channel: z.enum(SUBMISSION_CHANNELS),
  state: z.enum(SUBMISSION_STATES),
  kind: z.enum(SUBMISSION_KINDS),
  receivedAt: z.string(),
  questionType: z.object({ id, name: z.string(), kind: z.string() }),
  description: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  building: z
    .object({ id, label: z.string() })
    .nullable()
    .describe('The registry building: chosen by the citizen, or named exactly by the address'),
  sameBuilding: z
    .array(
      z.object({
        id,
        number: z.string(),
        status: z.enum(APPEAL_STATUSES),
        receivedAt: z.string(),
        questionType: z.string(),
        sameQuestionType: z.boolean(),
        sameApplicant: z.boolean().describe('The same person (name and a shared contact)'),
        decidedOnMerits: z.boolean(),
      }),
    )
    .describe(
      'Appeals already on the same building (open, or within the repeat window), newest first: duplicates to merge into, Art. 8 repeats',
    ),
  applicant: z.object({
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
  }),
  consent: z.object({ at: z.string(), source: z.enum(['portal_form', 'api_client']) }),
  author: authorView.describe(
    'The author’s sex, category and social status the portal form stated (Classifier No. 858); carried onto the appeal when registered',
  ),
  confidential: z.boolean(),
  locale: z.enum(LOCALES),
  apiClient: z.string().nullable().describe('Name of the Open311 API key it came with.'),
  attributes: z.record(z.string(), z.unknown()),
  photos: z.array(photoView.extend({ url: z.string() })),
  appeal: z.object({ id, number: z.string() }).nullable(),
  receiptSign: z.enum(MERGE_RECEIPT_SIGNS).nullable(),
  rejectionReason: z.enum(REJECTION_REASON_CODES).nullable(),
  moderationComment: z.string().nullable(),
  moderatedAt: z.string().nullable(),
  moderatedBy: z.string().nullable(),
});
export type SubmissionView = z.infer<typeof submissionView>;

export const submissionListView = z.object({
  items: z.array(submissionView),
  nextCursor: z.string().nullable(),
});

export const registerSubmissionSchema = z.object({
  questionTypeId: id.optional().describe('The corrected question type; default the chosen one.'),
  kind: z.enum(SUBMISSION_KINDS).optional(),
  subject: z.enum(APPEAL_SUBJECTS).exclude(['anonymous']).default('individual'),
  address: optionalText(500).describe('The corrected address; default the submitted one.'),
  buildingId: id
    .nullable()
    .optional()
    .describe(
      'The registry building the moderator picked (null: none, the address stays text); default the citizen’s unless the address was corrected.',
    ),
  executorId: id.optional().describe('Main executor; default by the routing rule.'),
  instruction: z.string().trim().max(2000).optional(),
  comment: z.string().trim().max(2000).optional(),
  acknowledgeRepeat: z.boolean().default(false),
});
export type RegisterSubmissionInput = z.infer<typeof registerSubmissionSchema>;

export const mergeSubmissionSchema = z.object({
  appealId: id.describe('The open appeal this submission repeats.'),
  receiptSign: z
    .enum(MERGE_RECEIPT_SIGNS)
    .describe('duplicate: the same person again; multiple: another person on the same problem.'),
  comment: z.string().trim().max(2000).optional(),
});
export type MergeSubmissionInput = z.infer<typeof mergeSubmissionSchema>;

export const rejectSubmissionSchema = z.object({
  reason: z.enum(REJECTION_REASON_CODES),
  comment: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe('Added to the explanation the applicant receives.'),
});
export type RejectSubmissionInput = z.infer<typeof rejectSubmissionSchema>;

export const moderationOutcome = z.object({
  submissionId: id,
  state: z.enum(SUBMISSION_STATES),
  appeal: z
    .object({
      id,
      number: z.string(),
      status: z.enum(APPEAL_STATUSES),
      receiptSign: z.enum(RECEIPT_SIGNS).optional(),
    })
    .nullable(),
});
export type ModerationOutcome = z.infer<typeof moderationOutcome>;
