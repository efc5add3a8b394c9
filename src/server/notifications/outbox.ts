/**
 * The notifications outbox: a notification is a database row first (written in the transaction
 * of the change that caused it), delivered by e-mail later. Quiet hours hold non-emergency mail
 * until the calendar's service hours begin; `dedupe_key` makes every producer idempotent.
 */
import { type Kysely, sql } from 'kysely';
import { nextServiceTime, type WorkCalendar } from '../../domain/calendar/work-calendar.js';
import type { DB } from '../db/schema.js';
import { wantsEmail } from '../../domain/notifications.js';
import {
  loadStoredTemplates,
  type Locale,
  type NotificationKind,
  renderNotification,
  type TemplateParams,
} from './templates.js';
import { jsonParameter } from '../db/json-parameter.js';

/** Notifications written by one statement (one JSON parameter). */
const NOTIFICATION_BATCH = 2_000;

export interface NewNotification {
  /** Unique per intended delivery: the same key twice is one notification. */
  dedupeKey: string;
  kind: NotificationKind;
  appealId?: number | null;
  recipientUserId?: number | null;
  recipientEmail?: string | null;
  locale?: Locale;
  params: TemplateParams;
  /** Emergencies go at once, even at night. */
  emergency?: boolean;
  /** The morning digest it carries (`YYYY-MM-DD`): its e-mail gets the digest's HTML and PDF. */
  digestDay?: string;
  /** The scheduled report run it carries (issue 17): its e-mail gets the report's file. */
  reportRunId?: number;
}

/**
 * Queue notifications (already queued keys are ignored). A notification to a staff user
 * (`recipientUserId`) goes by e-mail only when the user chose so (`users.notify_by_email`,
 * `wantsEmail`; ADR 027) and has an address: `recipientEmail` is then the user's own, whatever
 * the producer passed. Every one of them is listed in the web app.
 * @returns how many were new.
 */
export async function enqueueNotifications(
  db: Kysely<DB>,
  items: NewNotification[],
  context: { now: Date; calendar: WorkCalendar },
): Promise<number> {
  if (items.length === 0) return 0;
  const quietUntil = nextServiceTime(context.calendar, context.now);
  const userIds = [
    ...new Set(items.flatMap((n) => (n.recipientUserId == null ? [] : [n.recipientUserId]))),
  ];
  const users = new Map(
    userIds.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'email', 'notify_by_email'])
            .where('id', 'in', userIds)
            .execute()
        ).map((u) => [u.id, u]),
  );
  const emailOf = (n: NewNotification): string | null => {
    if (n.recipientUserId == null) return n.recipientEmail ?? null;
    const user = users.get(n.recipientUserId);
    return user && wantsEmail(user.notify_by_email, n.kind) ? user.email : null;
  };
  const stored = await loadStoredTemplates(
    db,
    items.map((n) => n.kind),
  );
  let created = 0;
  // The rows go as one JSON parameter per batch, not as a multi-row VALUES of 14 parameters a row:
  // the sweep's re-marking after a restore queues ~10,000 at once, and building and binding that
  // many parameters cost Node more than PostgreSQL's insert (issue 21).
  for (let i = 0; i < items.length; i += NOTIFICATION_BATCH) {
    const rows = items.slice(i, i + NOTIFICATION_BATCH).map((n) => {
      const locale = n.locale ?? 'uk';
      const { subject, body } = renderNotification(n.kind, locale, n.params, stored);
      const notBefore = n.emergency ? context.now : quietUntil;
      return {
        dedupe_key: n.dedupeKey,
        kind: n.kind,
        appeal_id: n.appealId ?? null,
        recipient_user_id: n.recipientUserId ?? null,
        recipient_email: emailOf(n),
        locale,
        subject,
        body,
        emergency: n.emergency ?? false,
        digest_day: n.digestDay ?? null,
        report_run_id: n.reportRunId ?? null,
        not_before: notBefore.toISOString(),
      };
    });
    const { rows: inserted } = await sql<{ count: number }>`
      WITH inserted AS (
        INSERT INTO notifications (dedupe_key, kind, appeal_id, recipient_user_id, recipient_email,
                                   locale, subject, body, emergency, digest_day, report_run_id,
                                   not_before, next_attempt_at, created_at)
        SELECT r.dedupe_key, r.kind, r.appeal_id, r.recipient_user_id, r.recipient_email,
               r.locale, r.subject, r.body, r.emergency, r.digest_day, r.report_run_id,
               r.not_before, r.not_before, ${context.now}
          FROM ROWS FROM (jsonb_to_recordset(${jsonParameter(rows)}::jsonb) AS (
                 dedupe_key text, kind text, appeal_id integer, recipient_user_id integer,
                 recipient_email text, locale text, subject text, body text, emergency boolean,
                 digest_day date, report_run_id integer, not_before timestamptz))
               WITH ORDINALITY AS r(dedupe_key, kind, appeal_id, recipient_user_id, recipient_email,
                 locale, subject, body, emergency, digest_day, report_run_id, not_before, ord)
         ORDER BY r.ord
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING 1
      )
      SELECT count(*)::integer AS count FROM inserted`.execute(db);
    created += inserted[0]?.count ?? 0;
  }
  return created;
}

/** Staff who hear about an executor's appeal: its users, the organisation's mailbox, supervisors. */
export async function escalationRecipients(
  db: Kysely<DB>,
  executorIds: number[],
): Promise<{
  byExecutor: Map<number, { userId: number | null; email: string | null }[]>;
  supervisors: { userId: number; email: string | null }[];
}> {
  const byExecutor = new Map<number, { userId: number | null; email: string | null }[]>();
  if (executorIds.length > 0) {
    const users = await db
      .selectFrom('users')
      .select(['id', 'email', 'organisation_id'])
      .where('active', '=', true)
      .where('role', '=', 'executor')
      .where('organisation_id', 'in', executorIds)
      .execute();
    const orgs = await db
      .selectFrom('organisations')
      .select(['id', 'email'])
      .where('id', 'in', executorIds)
      .execute();
    for (const org of orgs) {
      const list: { userId: number | null; email: string | null }[] = users
        .filter((u) => u.organisation_id === org.id)
        .map((u) => ({ userId: u.id, email: u.email }));
      if (org.email) list.push({ userId: null, email: org.email });
      byExecutor.set(org.id, list);
    }
  }
  const supervisors = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('active', '=', true)
    .where('role', '=', 'supervisor')
    .execute();
  return { byExecutor, supervisors: supervisors.map((s) => ({ userId: s.id, email: s.email })) };
}
