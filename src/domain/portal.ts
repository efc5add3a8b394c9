/**
 * Pure rules of the public portal: submissions and their moderation, tracking by number and
 * access code, and the applicant's feedback on a closed appeal.
 *
 * Sources: Law of Ukraine 393/96-ВР «Про звернення громадян» — Art. 5 (an appeal states the name,
 * the place of residence and the substance; an electronic one gives an e-mail or other contact;
 * a non-compliant appeal is returned with explanations), Art. 8 (anonymous appeals and a repeated
 * appeal on a question already decided are not considered), Art. 15 and 19 (a refusal is reasoned
 * and the result notified), Art. 18 (the applicant may ask for confidentiality); regulation 2.2.6–
 * 2.2.7 (the portal shows the status and result of every appeal).
 */
import { REVIEW_RESULT_CODES, type ResultCode } from './results.js';
import type { AppealStatus } from './vocabulary.js';

/** Where a submission stands: waiting for the moderator, or what the moderator made of it. */
export const SUBMISSION_STATES = ['pending', 'registered', 'merged', 'rejected'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** Channels through which submissions arrive (the appeal keeps the same channel). */
// 'email': a mailbox read over IMAP (issue 20).
export const SUBMISSION_CHANNELS = ['portal', 'open311', 'email'] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

/** Kinds a citizen may choose (a consultation is given by phone, never submitted). */
export const SUBMISSION_KINDS = ['application', 'complaint', 'proposal'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** Receipt signs of a submission merged into an existing appeal (Resolution 858). */
export const MERGE_RECEIPT_SIGNS = ['duplicate', 'multiple'] as const;
export type MergeReceiptSign = (typeof MERGE_RECEIPT_SIGNS)[number];

/** Why a moderator refuses a submission, with the article of the Law the applicant is told. */
export const REJECTION_REASONS = {
  anonymous: {
    article: 'ст. 8',
    uk: 'Звернення без зазначення прізвища, місця проживання чи контакту для відповіді є анонімним і розгляду не підлягає (стаття 8 Закону України «Про звернення громадян»).',
    en: 'An appeal without a name, place of residence or a contact for the answer is anonymous and is not considered (Article 8 of the Law of Ukraine "On Citizens\' Appeals").',
  },
  no_substance: {
    article: 'ст. 5',
    uk: 'У зверненні не викладено суть порушеного питання; його повернуто з роз’ясненням (стаття 5 Закону України «Про звернення громадян»). Ви можете подати звернення повторно, описавши проблему.',
    en: 'The appeal does not state the substance of the question; it is returned with this explanation (Article 5 of the Law of Ukraine "On Citizens\' Appeals"). You may submit it again describing the problem.',
  },
  repeated: {
    article: 'ст. 8',
    uk: 'Повторне звернення з питання, яке вже вирішено по суті, не розглядається (стаття 8 Закону України «Про звернення громадян»).',
    en: 'A repeated appeal on a question already decided on the merits is not considered (Article 8 of the Law of Ukraine "On Citizens\' Appeals").',
  },
  not_an_appeal: {
    article: 'ст. 3',
    uk: 'Надіслане повідомлення не є зверненням у розумінні статті 3 Закону України «Про звернення громадян» (пропозицією, заявою чи скаргою).',
    en: 'The message is not an appeal within Article 3 of the Law of Ukraine "On Citizens\' Appeals" (a proposal, application or complaint).',
  },
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;
export const REJECTION_REASON_CODES = Object.keys(REJECTION_REASONS) as [
  RejectionReason,
  ...RejectionReason[],
];

/**
 * Whether an applicant's details satisfy Art. 5 for an electronic appeal: a name, and an e-mail or
 * a phone to answer to.
 *
 * @returns null when they do, else the stable code of what is missing.
 */
export function checkApplicantDetails(details: {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}): 'applicant_name_required' | 'applicant_contact_required' | null {
  if (!details.name?.trim()) return 'applicant_name_required';
  if (!details.email?.trim() && !details.phone?.trim()) return 'applicant_contact_required';
  return null;
}

/** Photos a citizen may attach to a submission: at most this many… */
export const MAX_PHOTOS_PER_SUBMISSION = 5;
/** …of these media types (checked by the file's bytes on the server). */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

/**
 * Whether a photo chosen in the portal may be sent, before sending it (the server checks again).
 *
 * @param file name, declared media type and size in bytes.
 * @param alreadyChosen photos already chosen for the same submission.
 * @param maxBytes the server's limit (configuration `KONTAKT_MAX_FILE_BYTES`).
 * @returns null when it may, else the stable code the server would answer.
 */
export function checkPhoto(
  file: { type: string; size: number },
  alreadyChosen: number,
  maxBytes: number,
): 'too_many_photos' | 'unsupported_file_type' | 'file_too_large' | 'empty_file' | null {
  if (alreadyChosen >= MAX_PHOTOS_PER_SUBMISSION) return 'too_many_photos';
  if (!(PHOTO_MEDIA_TYPES as readonly string[]).includes(file.type.toLowerCase()))
    return 'unsupported_file_type';
  if (file.size === 0) return 'empty_file';
  if (file.size > maxBytes) return 'file_too_large';
  return null;
}

/** Tracking number of a submission: `P-YYYY-NNNNNN` (portal and Open311 alike). */
export function formatTrackingNumber(year: number, sequence: number): string {
  return `P-${year}-${String(sequence).padStart(6, '0')}`;
}
export const TRACKING_NUMBER_PATTERN = /^P-\d{4}-\d{6,}$/;

/**
 * The key under which tracking attempts are counted: the number as the citizen typed it, trimmed
 * and upper-cased (a registration number `2025-000123` or a tracking number `P-2025-000123`).
 */
export function trackingKey(number: string): string {
  return number.trim().toUpperCase().replace(/\s+/g, '');
}

/** Alphabet of access codes: Crockford's base 32 (no I, L, O, U: nothing to misread). */
export const ACCESS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACCESS_CODE_LENGTH = 10;

/**
 * An access code as typed, in canonical form: upper case, spaces and dashes dropped, the letters
 * people confuse read as digits (O → 0, I and L → 1).
 */
export function normaliseAccessCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** An access code for display: groups of five, `ABCDE-FGHJK`. */
export function formatAccessCode(code: string): string {
  return code.match(/.{1,5}/g)?.join('-') ?? code;
}

/** The access code made of `bytes` (at least ACCESS_CODE_LENGTH of them, e.g. a digest). */
export function accessCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < ACCESS_CODE_LENGTH) throw new Error('Not enough bytes for an access code.');
  let code = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) code += ACCESS_CODE_ALPHABET[bytes[i]! % 32];
  return code;
}

export interface TrackingLockRules {
  /** Wrong codes allowed within the window before the number is locked. */
  maxFailures: number;
  /** Length of the counting window and of the lock, in minutes. */
  lockMinutes: number;
}

export interface TrackingAttemptState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** Whether a number is locked now (a lock hides right and wrong codes alike). */
export function isTrackingLocked(state: TrackingAttemptState | null, now: Date): boolean {
  return state?.lockedUntil !== null && state?.lockedUntil !== undefined && state.lockedUntil > now;
}

/**
 * The counter after one more wrong code: a new window when the old one has passed, and a lock of
 * `lockMinutes` when the failures reach `maxFailures` within the window.
 */
export function afterFailedAttempt(
  state: TrackingAttemptState | null,
  now: Date,
  rules: TrackingLockRules,
): TrackingAttemptState {
  const windowMs = rules.lockMinutes * 60_000;
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() >= windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const lockedUntil =
    failures >= rules.maxFailures
      ? new Date(now.getTime() + windowMs)
      : fresh
        ? null
        : state.lockedUntil;
  return { failures, windowStartedAt, lockedUntil };
}

/** Results on which the applicant is asked to confirm or dispute (a review decided them). */
export const FEEDBACK_RESULTS: readonly ResultCode[] = [
  ...REVIEW_RESULT_CODES,
  'closed_automatically',
];

export type FeedbackRefusal =
  'appeal_not_closed' | 'result_not_rated' | 'feedback_window_passed' | 'feedback_already_given';

export type FeedbackDecision = { ok: true } | { ok: false; code: FeedbackRefusal; message: string };

/**
 * Whether the applicant may now confirm or dispute the result of an appeal.
 *
 * @param input.lastFeedbackAt this applicant's latest feedback on the appeal, if any: one verdict
 *   per closure (after a dispute the appeal is reviewed and closed again, and may be judged again).
 * @param windowDays days after closure during which feedback is taken.
 */
export function decideFeedback(input: {
  status: AppealStatus;
  result: ResultCode | null;
  closedAt: Date | null;
  lastFeedbackAt: Date | null;
  now: Date;
  windowDays: number;
}): FeedbackDecision {
  if (input.status !== 'closed' || !input.closedAt) {
    return {
      ok: false,
      code: 'appeal_not_closed',
      message: 'The appeal is still being considered; you can rate the result once it is closed.',
    };
  }
  if (!input.result || !FEEDBACK_RESULTS.includes(input.result)) {
    return {
      ok: false,
      code: 'result_not_rated',
      message: 'This appeal was closed without a result to rate (e.g. cancelled at your request).',
    };
  }
  if (input.now.getTime() - input.closedAt.getTime() > input.windowDays * 86_400_000) {
    return {
      ok: false,
      code: 'feedback_window_passed',
      message: `Feedback is taken within ${input.windowDays} days of closure; submit a new appeal if the problem remains.`,
    };
  }
  if (input.lastFeedbackAt && input.lastFeedbackAt >= input.closedAt) {
    return {
      ok: false,
      code: 'feedback_already_given',
      message: 'You have already given your feedback on this result.',
    };
  }
  return { ok: true };
}

/**
 * The result after the applicant confirms it: «Виконано / Очікує підтвердження заявником» becomes
 * «Виконано / Підтверджено заявником» (Kyiv 1551); any other result stays.
 */
export function resultAfterConfirmation(result: ResultCode): ResultCode {
  return result === 'done_awaiting_confirmation' ? 'done_confirmed' : result;
}

/**
 * The applicant's timeline without repeated lines: a step that leaves the status where the line
 * before it already put it (an accepted review followed by "closed", a rework accepted twice) adds
 * nothing the applicant can read, so only the first of such a run is kept.
 */
export function withoutRepeatedSteps<T extends { status: string }>(steps: readonly T[]): T[] {
  return steps.filter((step, i) => i === 0 || steps[i - 1]!.status !== step.status);
}
