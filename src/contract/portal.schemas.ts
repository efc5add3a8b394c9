/**
 * Request and response schemas of the public portal's own pages (`/api/public/…`): its
 * configuration, the question types a citizen may choose, the submission form and its receipt,
 * photos, and the tracking page with feedback. The public appeals, map and statistics are in
 * `portal-appeals.schemas.ts`, the staff's moderation queue in `moderation.schemas.ts`. One zod
 * schema gives validation, the type and the OpenAPI document, and the portal's forms validate with
 * the same schemas (CONVENTIONS.md habit 4).
 */
import { publicWorkView } from './works.schemas.js';
import { z } from 'zod';
import { REJECTION_REASON_CODES, SUBMISSION_STATES } from '../domain/portal.js';
export {
  LOCALES,
  feedbackSchema,
  submissionApplicantSchema,
  submissionInputSchema,
  trackingQuerySchema,
  type FeedbackInput,
  type SubmissionInput,
} from '../domain/portal-forms.js';
import { APPEAL_STATUSES } from '../domain/vocabulary.js';
import { id } from './common.js';
import { resultView } from './portal-appeals.schemas.js';

// ---- public: configuration of the portal's pages ----

export const portalConfigView = z.object({
  map: z.object({
    tiles: z
      .string()
      .nullable()
      .describe('Leaflet tile URL template; null: maps are drawn without a background.'),
    attribution: z.string(),
    center: z.tuple([z.number(), z.number()]).describe('[latitude, longitude]'),
    zoom: z.number().int(),
  }),
  photos: z.object({
    maxCount: z.number().int(),
    maxBytes: z.number().int(),
    mediaTypes: z.array(z.string()),
  }),
});
export type PortalConfigView = z.infer<typeof portalConfigView>;

// ---- public: question types ----

export const publicQuestionTypesView = z
  .array(
    z.object({
      id,
      name: z.string(),
      nameEn: z.string().nullable(),
      questionTypes: z.array(
        z.object({
          id,
          name: z.string(),
          nameEn: z.string().nullable(),
          termDays: z.number().int().describe('Legal term in days (Law 393/96-ВР Art. 20).'),
          emergency: z.boolean(),
        }),
      ),
    }),
  )
  .describe('Kinds with the question types a citizen may choose, in classifier order.');
export type PublicKindView = z.infer<typeof publicQuestionTypesView>[number];

// ---- public: submission ----

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(16, 'use a random key of at least 16 characters, e.g. a UUID')
    .max(200)
    .optional()
    .describe(
      'A random key (e.g. a UUID) made once per filled form: sending the same form again with the same key returns the first answer instead of a second appeal.',
    ),
});

export const submissionReceiptView = z.object({
  trackingNumber: z.string().describe('P-YYYY-NNNNNN'),
  accessCode: z
    .string()
    .describe('Shown only here (and in the e-mailed receipt); only its hash is stored.'),
  state: z.enum(SUBMISSION_STATES),
  submittedAt: z.string(),
  receiptEmailed: z.boolean(),
  trackUrl: z.string(),
});
export type SubmissionReceiptView = z.infer<typeof submissionReceiptView>;

export const trackingNumberParams = z.object({
  trackingNumber: z.string().trim().min(1).max(40),
});

export const accessCodeHeaders = z.object({
  'x-access-code': z.string().trim().min(1).max(40).describe('The access code of the receipt.'),
});

export const photoView = z.object({
  id,
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});
export type PhotoView = z.infer<typeof photoView>;

// ---- public: tracking and feedback ----

export const trackingView = z.object({
  trackingNumber: z.string(),
  submittedAt: z.string(),
  state: z.enum(SUBMISSION_STATES),
  questionType: z.object({ id, name: z.string(), nameEn: z.string().nullable() }),
  description: z.string().describe('The applicant’s own text, as they sent it.'),
  address: z.string().nullable().describe('The address they gave.'),
  photos: z.number().int(),
  photoFiles: z
    .array(photoView)
    .describe(
      'The applicant’s own photos; each is fetched by POST /api/public/tracking/photos/{photoId} with the number and code.',
    ),
  rejection: z
    .object({
      reason: z.enum(REJECTION_REASON_CODES),
      explanation: z.string().describe('The ground in the Law, in the submission’s language.'),
      comment: z.string().nullable().describe('What the moderator added for the applicant.'),
    })
    .nullable(),
  appeal: z
    .object({
      number: z.string(),
      status: z.enum(APPEAL_STATUSES),
      registeredAt: z.string(),
      controlDate: z.string().nullable(),
      executor: z.string().nullable().describe('Organisation name of the main executor.'),
      result: resultView.nullable(),
      closedAt: z.string().nullable(),
      answer: z
        .object({ text: z.string(), at: z.string() })
        .nullable()
        .describe('The executor’s answer as the controller accepted it (shown only here).'),
      timeline: z.array(
        z.object({
          at: z.string(),
          status: z.enum(APPEAL_STATUSES),
          event: z.string().describe('registered, accepted, responded, returned_for_rework, …'),
        }),
      ),
      works: publicWorkView
        .nullable()
        .describe(
          'The emergency or planned works the appeal is linked to (issue 16), public text.',
        ),
    })
    .nullable(),
  feedback: z.object({
    canGive: z.boolean(),
    refusal: z.string().nullable().describe('Why feedback cannot be given now (stable code).'),
    given: z.array(
      z.object({
        verdict: z.enum(['confirm', 'dispute']),
        rating: z.number().int(),
        at: z.string(),
      }),
    ),
  }),
});
export type TrackingView = z.infer<typeof trackingView>;

/** The photo of a tracked submission (`POST /api/public/tracking/photos/:photoId`). */
export const trackingPhotoParams = z.object({ photoId: z.coerce.number().int().positive() });
