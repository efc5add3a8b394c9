/**
 * Which staff notifications there are, what each is about, and who wants which by e-mail
 * (issue 12, ADR 027). Pure: no I/O.
 *
 * Every notification to a staff user is shown in the web app (the bell and the list). E-mail is a
 * per-user choice: `all`, `deadlines` (the default: deadline warnings, escalations, extensions and
 * explanation requests — regulation 3.1.3, 4.1.5) or `none`.
 */

export const EMAIL_NOTIFICATION_CHOICES = ['all', 'deadlines', 'none'] as const;
export type EmailNotificationChoice = (typeof EMAIL_NOTIFICATION_CHOICES)[number];

/** A notification's delivery: waiting for mail, mailed, or shown in the app only (migration 0003). */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'in_app'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Notifications about deadlines and control (what the centre e-mailed before the setting existed). */
export const DEADLINE_NOTIFICATION_KINDS = [
  'appeal_due_soon',
  'appeal_overdue',
  'explanation_requested',
  'explanation_overdue',
  'extension_requested',
  'extension_decided',
  'late_executors_summary',
  // Issue 18: the morning digest to management (regulation 2.2.4).
  'morning_digest',
  // Issue 17, item 2: a saved report its owner scheduled for e-mail.
  'scheduled_report',
] as const;

/** Notifications about the day's work, derived from the appeal's history (ADR 027). */
export const WORK_NOTIFICATION_KINDS = [
  'assignment_new',
  'assignment_rework',
  'response_submitted',
  'appeal_returned',
] as const;
export type WorkNotificationKind = (typeof WORK_NOTIFICATION_KINDS)[number];

/**
 * Whether a staff user who chose `choice` gets a notification of `kind` by e-mail too.
 * Kinds outside both lists (an applicant's receipts and results) are not staff notifications:
 * they go to the address given, whatever a user chose.
 */
export function wantsEmail(choice: EmailNotificationChoice, kind: string): boolean {
  switch (choice) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'deadlines':
      return (DEADLINE_NOTIFICATION_KINDS as readonly string[]).includes(kind);
  }
}

/** Who hears of a work notification. */
export type WorkAudience =
  /** The users of the executor organisation named by the event (or the appeal's main executor). */
  | 'executor'
  /** The controller who last reviewed the appeal, else every active controller. */
  | 'controller'
  /** Who registered the appeal, if still active staff of the centre, else every moderator. */
  | 'registrar';

export interface WorkNotificationRule {
  kind: WorkNotificationKind;
  audience: WorkAudience;
}

/**
 * The work notification an event of the appeal's history gives rise to, or null.
 *
 * - `assigned` (at registration, or later: main or co-executor): the executor is told of a new
 *   assignment (regulation 3.1.2);
 * - `returned_for_rework`: the main executor is told, with the controller's reason (4.1.4);
 * - `responded`: a controller is told of the new answer to review (4.1.4);
 * - `returned_not_in_competence`: the centre (who registered it) is told to route it again
 *   (Law 393/96-ВР Art. 7: forwarded within 5 days).
 */
export function workNotificationFor(event: {
  type: string;
  data: { executorId?: unknown; role?: unknown };
}): WorkNotificationRule | null {
  switch (event.type) {
    case 'assigned':
      return typeof event.data.executorId === 'number'
        ? { kind: 'assignment_new', audience: 'executor' }
        : null;
    case 'returned_for_rework':
      return { kind: 'assignment_rework', audience: 'executor' };
    case 'responded':
      // A co-executor's answer is part of the main executor's report, not yet one to review.
      return event.data.role === 'co'
        ? null
        : { kind: 'response_submitted', audience: 'controller' };
    case 'returned_not_in_competence':
      return event.data.role === 'co' ? null : { kind: 'appeal_returned', audience: 'registrar' };
    default:
      return null;
  }
}

/** The history event types the work notifications read. */
export const WORK_EVENT_TYPES = [
  'assigned',
  'returned_for_rework',
  'responded',
  'returned_not_in_competence',
] as const;
