/**
 * The public portal's request schemas, shared by the server (validation, OpenAPI) and the portal's
 * forms, so a citizen sees the same rule in the browser as the server applies
 * (CONVENTIONS.md habit 4). Messages are English and stable; the portal shows its own translation
 * per field and falls back to them.
 *
 * Sources: Law 393/96-ВР Art. 5 (name, and a contact for the answer), Art. 18 (confidentiality);
 * Law «Про захист персональних даних» Art. 11 (consent).
 */
import { z } from 'zod';
import { authorStatisticsSchema } from './classifier-858.js';
import { SUBMISSION_KINDS } from './portal.js';
import { phoneProblem, smtpAddress } from './normal-forms.js';

/**
 * An e-mail address, Cyrillic domains included (`olena@пошта.укр` or its punycode form); stored as
 * typed, sent in the form SMTP needs (`smtpAddress`). One rule for the staff API, the portal and
 * Open311.
 */
export const emailField = (message = 'must be an e-mail address') =>
  z
    .string()
    .trim()
    .max(320)
    .superRefine((v, ctx) => {
      // The same issue as z.email() gives, so forms map it to their e-mail message.
      if (smtpAddress(v) === null)
        ctx.addIssue({ code: 'invalid_format', format: 'email', message });
    });

/**
 * A phone number: digits and the usual separators, a length a numbering plan allows
 * (libphonenumber-js; Ukrainian numbers without a country code). One rule for the staff API and
 * the portal (`phoneProblem`).
 */
export const phoneField = (max = 30) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((v, ctx) => {
      const problem = phoneProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** Languages of the portal and of the e-mails it sends. */
export const LOCALES = ['uk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** The applicant of a portal submission (Art. 5: name, and an e-mail or phone for the answer). */
export const submissionApplicantSchema = z.object({
  name: text(200).describe('Surname, name (and patronymic) — Art. 5.'),
  email: emailField().nullish(),
  phone: phoneField().nullish(),
  address: optionalText(300).describe('Place of residence (Art. 5); never published.'),
});

export const submissionInputSchema = z
  .object({
    questionTypeId: id.describe('One of GET /api/public/question-types.'),
    kind: z.enum(SUBMISSION_KINDS).default('application'),
    description: z
      .string()
      .trim()
      .min(10, 'describe the problem in at least 10 characters')
      .max(5000),
    address: optionalText(300).describe('Where the problem is; give it, or a point, or both.'),
    buildingId: z
      .number()
      .int()
      .positive()
      .nullish()
      .describe('The building chosen in the address picker (GET /api/public/addresses), if any.'),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
    applicant: submissionApplicantSchema,
    consent: z
      .boolean()
      .describe(
        'Consent to the processing of personal data (Law «Про захист персональних даних» Art. 11); must be true.',
      ),
    confidential: z
      .boolean()
      .default(false)
      .describe('Art. 18: keep my personal data confidential; the appeal is not published.'),
    locale: z
      .enum(LOCALES)
      .default('uk')
      .describe('Language of the e-mails sent to the applicant.'),
    // Optional, for the state statistics of appeals (Classifier No. 858, I.4, I.7, I.8): carried
    // onto the appeal when the moderator registers the submission.
    ...authorStatisticsSchema.shape,
  })
  .superRefine(
    (parsed, ctx) => {
      // Runs even when other fields failed (so a form shows every problem at once): the value may
      // then be partial.
      const value = parsed as Partial<typeof parsed>;
      const applicant: Partial<typeof parsed.applicant> = value.applicant ?? {};
      if (value.consent !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['consent'],
          message: 'consent to the processing of personal data is required to accept the appeal',
        });
      }
      if (!applicant.email && !applicant.phone) {
        ctx.addIssue({
          code: 'custom',
          path: ['applicant', 'email'],
          message: 'Art. 5 of the Law: give an e-mail or a phone for the answer',
        });
      }
      if ((value.latitude == null) !== (value.longitude == null)) {
        ctx.addIssue({
          code: 'custom',
          path: ['latitude'],
          message: 'give both latitude and longitude, or neither',
        });
      }
      if (!value.address && value.latitude == null) {
        ctx.addIssue({
          code: 'custom',
          path: ['address'],
          message: 'give the address of the problem or a point on the map',
        });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type SubmissionInput = z.infer<typeof submissionInputSchema>;

export const trackingQuerySchema = z.object({
  number: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .describe('The tracking number (P-…) or the registration number of the appeal.'),
  accessCode: z.string().trim().min(1).max(40),
});

export const feedbackSchema = trackingQuerySchema.extend({
  verdict: z
    .enum(['confirm', 'dispute'])
    .describe('confirm: the problem is solved; dispute: it is not — the controller checks again.'),
  rating: z.number().int().min(1).max(5),
  comment: optionalText(2000),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;
