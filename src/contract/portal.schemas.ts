/**
 * Request and response schemas of the public portal (`/api/public/…`) and of the moderation queue
 * (`/api/v1/submissions…`): one zod schema gives validation, the type and the OpenAPI document, and
 * the portal's forms validate with the same schemas (CONVENTIONS.md habit 4).
 */
import { publicWorkView } from './works.schemas.js';
import { z } from 'zod';
import {
  MERGE_RECEIPT_SIGNS,
  REJECTION_REASON_CODES,
  SUBMISSION_CHANNELS,
  SUBMISSION_KINDS,
  SUBMISSION_STATES,
} from '../domain/portal.js';
export {
  LOCALES,
  feedbackSchema,
  submissionApplicantSchema,
  submissionInputSchema,
  trackingQuerySchema,
  type FeedbackInput,
  type SubmissionInput,
} from '../domain/portal-forms.js';
import { LOCALES } from '../domain/portal-forms.js';
import { RESULT_CODES } from '../domain/results.js';
import { APPEAL_STATUSES, APPEAL_SUBJECTS, RECEIPT_SIGNS } from '../domain/vocabulary.js';

const id = z.number().int().positive();
const optionalText = (max: number) => z.string().trim().max(max).nullish();

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

const resultView = z.object({ code: z.enum(RESULT_CODES), uk: z.string(), en: z.string() });

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

// ---- public: list, map, statistics ----

export const publicAppealsQuery = z.object({
  questionTypeId: z.coerce.number().int().positive().optional(),
  kindId: z.coerce.number().int().positive().optional(),
  status: z.enum(APPEAL_STATUSES).optional(),
  districtId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('A district administration of GET /api/public/districts.'),
  bbox: z
    .string()
    .regex(
      /^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/,
      'bbox is minLon,minLat,maxLon,maxLat',
    )
    .optional()
    .describe('Only appeals with a point inside minLon,minLat,maxLon,maxLat (WGS 84).'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional().describe('The nextCursor of the previous page.'),
});
export type PublicAppealsQuery = z.infer<typeof publicAppealsQuery>;

export const publicMapQuery = publicAppealsQuery.extend({
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

export const publicAppealView = z
  .object({
    number: z.string(),
    receivedAt: z.string(),
    status: z.enum(APPEAL_STATUSES),
    result: resultView.nullable(),
    questionType: z.object({ id, name: z.string(), nameEn: z.string().nullable() }),
    kind: z.object({ id, name: z.string(), nameEn: z.string().nullable() }),
    address: z.string().nullable().describe('Without flat, room or office; no phones or e-mails.'),
    location: z
      .object({ lat: z.number(), lon: z.number() })
      .nullable()
      .describe('Rounded to 4 decimals (about 10 m).'),
    district: z.object({ id, name: z.string() }).nullable(),
    executor: z.string().nullable(),
    controlDate: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .describe('A depersonalised appeal: no names, phones, e-mails, flat numbers or texts.');
export type PublicAppealView = z.infer<typeof publicAppealView>;

export const publicAppealListView = z.object({
  items: z.array(publicAppealView),
  nextCursor: z.string().nullable(),
});

export const geoJsonView = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({
          type: z.literal('Point'),
          coordinates: z.tuple([z.number(), z.number()]).describe('[longitude, latitude]'),
        }),
        properties: publicAppealView.omit({ location: true }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .describe('RFC 7946 GeoJSON of the appeals that have a point.');
export type GeoJsonView = z.infer<typeof geoJsonView>;

export const districtsView = z.array(
  z.object({ id, name: z.string(), shortName: z.string().nullable() }),
);
export type DistrictView = z.infer<typeof districtsView>[number];

export const statisticsQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .optional()
    .describe('First month (YYYY-MM); default eleven months before `to`.'),
  to: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .optional()
    .describe('Last month (YYYY-MM); default the current month.'),
});

export const statisticsView = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  byQuestionType: z.array(
    z.object({
      questionType: z.object({ id, name: z.string(), nameEn: z.string().nullable() }),
      kind: z.string(),
      kindEn: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
  byStatus: z.array(z.object({ status: z.enum(APPEAL_STATUSES), count: z.number().int() })),
  byMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
});
export type StatisticsView = z.infer<typeof statisticsView>;

export const openDataParams = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])\.(json|csv)$/, 'a month as YYYY-MM.json'),
});

// ---- staff: moderation ----

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

/** The photo of a tracked submission (`POST /api/public/tracking/photos/:photoId`). */
export const trackingPhotoParams = z.object({ photoId: z.coerce.number().int().positive() });
