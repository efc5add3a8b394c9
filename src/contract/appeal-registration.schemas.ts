/**
 * Request and response schemas of registering an appeal (`POST /appeals`) and of the repeat check
 * asked before it (`GET /appeals/repeat-check`, Art. 8): the registration form with its rules, the
 * author's statistics of Classifier No. 858, and the answers. One zod schema gives validation, the
 * TypeScript type and the OpenAPI document (CONVENTIONS.md habit 4).
 */
import { z } from 'zod';
import {
  APPEAL_KINDS,
  APPEAL_STATUSES,
  APPEAL_SUBJECTS,
  CHANNELS,
  RECEIPT_SIGNS,
} from '../domain/vocabulary.js';
import { authorStatisticsSchema, type AuthorStatistics } from '../domain/classifier-858.js';
import { applicantInputSchema } from './applicants.schemas.js';
import { id, isoDateTime, text } from './common.js';

/**
 * The author's sex, category and social status for the statistics by Classifier No. 858 (sections
 * I.4, I.7, I.8; issue 17): the domain's schema, shared with the portal's submission form.
 */
export const authorStatistics = authorStatisticsSchema;
export type { AuthorStatistics };

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
    intakeSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .optional()
      .describe(
        'Seconds from opening the new-call screen (or clearing it for the next call) to registering, as the operator’s screen measured them; the head’s live picture shows each operator’s median (issue 18).',
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
