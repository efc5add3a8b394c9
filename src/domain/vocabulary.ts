/**
 * The field's vocabulary: closed lists used by the API, the database and the web client.
 *
 * Sources: Law of Ukraine 393/96-ВР «Про звернення громадян» (Art. 3: kinds of appeals; Art. 5, 8:
 * individual / collective / anonymous), Cabinet of Ministers Resolution 858 (2008) classifier of
 * appeals (form of receipt, receipt sign, subject), and the channels of Kyiv Contact Centre 1551.
 */

/** Kinds of appeal by law (Art. 3), plus a consultation answered on the spot (regulation 3.1.1). */
export const APPEAL_KINDS = ['proposal', 'application', 'complaint', 'consultation'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** Subject of the appeal (Resolution 858): one person, a group («КО»), or no name («БП» / anonymous). */
export const APPEAL_SUBJECTS = ['individual', 'collective', 'anonymous'] as const;
export type AppealSubject = (typeof APPEAL_SUBJECTS)[number];

/** Receipt sign (ознака надходження, Resolution 858). */
export const RECEIPT_SIGNS = ['primary', 'repeated', 'duplicate', 'multiple', 'mass'] as const;
export type ReceiptSign = (typeof RECEIPT_SIGNS)[number];

/**
 * Channel (form of receipt). `portal` covers the site and the mobile app as Kyiv 1551 counts them;
 * `government_hotline` is the Government contact centre (УГЛ); `tv` is a live TV programme.
 */
export const CHANNELS = [
  'phone',
  'portal',
  'mobile_app',
  'email',
  'government_hotline',
  'post',
  'personal_reception',
  'tv',
  'sign_language',
  'open311',
  'import',
] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Appeal statuses as in Kyiv 1551: Зареєстровано → В роботі → На перевірці → Закрито, with
 * На доопрацюванні returning the appeal to the executor (regulation 4.1.4: it stays on control).
 */
export const APPEAL_STATUSES = ['registered', 'in_work', 'on_check', 'rework', 'closed'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Open statuses are "on control": every status but closed. */
export function isOpenStatus(status: AppealStatus): boolean {
  return status !== 'closed';
}

/** Role of an executor in an assignment (доручення): one main executor, any number of co-executors. */
export const ASSIGNMENT_ROLES = ['main', 'co'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** What a controller decides on an executor's response (migration 0001, `reviews.decision`). */
export const REVIEW_DECISIONS = ['accept', 'rework'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * State of one assignment. `pending`: sent, waiting for the executor to accept; `returned`: the
 * executor said "not in competence" and gave it back to the contact centre; `withdrawn`: the centre
 * took it back (cancellation, closure of the appeal, re-routing).
 */
export const ASSIGNMENT_STATES = [
  'pending',
  'in_work',
  'responded',
  'rework',
  'done',
  'returned',
  'withdrawn',
] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** Staff roles (BRIEF.md "Who uses it"). Citizens have no account. */
export const ROLES = [
  'operator',
  'moderator',
  'controller',
  'executor',
  'dispatcher',
  'supervisor',
  'analyst',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of organisation in the executors' hierarchy. */
export const ORGANISATION_TYPES = [
  'contact_centre',
  'council',
  'department',
  'district_administration',
  'utility_company',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
