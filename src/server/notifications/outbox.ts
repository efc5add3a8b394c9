/**
 * The notifications outbox: a notification is a database row first (written in the transaction
 * of the change that caused it), delivered by e-mail later. Quiet hours hold non-emergency mail
 * until the calendar's service hours begin; `dedupe_key` makes every producer idempotent.
 */
import type { Kysely } from 'kysely';
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
  for (let i = 0; i < items.length; i += 500) {
    const rows = items.slice(i, i + 500).map((n) => {
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
        not_before: notBefore,
        next_attempt_at: notBefore,
        created_at: context.now,
      };
    });
    const inserted = await db
      .insertInto('notifications')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    created += inserted.length;
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
