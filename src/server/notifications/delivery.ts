/**
 * Delivery of the outbox by e-mail (SMTP through nodemailer). Each round leases due rows (moves
 * their next attempt five minutes ahead in a short transaction, so another process skips them),
 * sends outside any transaction, then marks them sent — or, on failure, schedules the next attempt
 * with exponential back-off (1, 2, 4 … 60 minutes). Nothing is dropped: a notification stays
 * pending until a server takes it. Rows without an address are shown in the web app only.
 *
 * At least once, not exactly once: a process that dies after the SMTP server accepted a message
 * and before its row is marked sent leaves the row leased; five minutes later another process
 * sends it again. Both copies carry the row's Message-ID (`messageIdOf`), so the copy can be
 * recognised (ADR 055; the cluster test, test/cluster, counts such re-sends apart).
 */
import { smtpAddress } from '../../domain/normal-forms.js';
import { type Kysely, sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.js';
import { digestHtml, digestPdf } from '../monitoring/digest-render.js';
import { digestOf } from '../monitoring/morning-digest.js';
import { reportRunAttachment } from '../reports/scheduled-reports.js';

/** One e-mail: plain text always; an HTML alternative and attachments when the kind has them. */
export interface MailMessage {
  /**
   * A stable name of this message among the installation's mail (`notification-42`): the mailer
   * makes the Message-ID of it, so a message sent twice (a process killed after the SMTP server
   * took it and before its row was marked sent: delivery is at least once) carries one Message-ID
   * both times, which mail systems and readers use to drop the copy (RFC 5322, 3.6.4).
   */
  id?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * The Message-ID of a message named `id`, in the domain of the sender's address
 * (`<kontakt.notification-42@city.example>`; `localhost` when the address has none).
 */
export function messageIdOf(id: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<kontakt.${id}@${domain}>`;
}

/**
 * A mailer over SMTP. `url`: smtp://[user:pass@]host:port (smtps:// for TLS). Its connections are
 * pooled (nodemailer's pool: up to {@link DELIVERY_CONCURRENCY} open, each reused for up to 100
 * messages, closed after 4 idle minutes): a connection per message cost a TCP handshake and an
 * SMTP greeting each. Options in the URL (`?pool=false`, `?maxConnections=…`) win.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: DELIVERY_CONCURRENCY,
  });
  return {
    async send({ id, ...message }) {
      await transport.sendMail({
        from,
        ...message,
        ...(id ? { messageId: messageIdOf(id, from) } : {}),
      });
    },
    close: () => transport.close(),
  };
}

const LEASE_MS = 5 * 60_000;

/** Messages a process hands to the SMTP server at once (and the pool's connections). */
export const DELIVERY_CONCURRENCY = 4;

/** Minutes before attempt `attempts + 1`: 1, 2, 4, … capped at 60. */
export function backoffMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  inApp: number;
}

/**
 * Deliver the due notifications: `limit` rows leased at a time and sent
 * {@link DELIVERY_CONCURRENCY} at once, batch after batch while a whole batch was due and
 * `budgetMs` has not passed (the next round, 15 s later, takes the rest). A round used to send one
 * batch of 100, one message at a time: ~7 messages a second per process, so an outage's notices
 * to thousands of applicants waited many minutes in the outbox.
 *
 * @param mailer null when no SMTP is configured: then nothing is sent and rows stay readable.
 * @param now the round's time: rows due by it are taken, a lease and a back-off count from it.
 */
export async function deliverDueNotifications(
  db: Kysely<DB>,
  mailer: Mailer | null,
  now: Date,
  { limit = 100, budgetMs = 10_000 }: { limit?: number; budgetMs?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, inApp: 0 };
  // Rows with no e-mail address are done at once: the web app shows them.
  const inApp = await db
    .updateTable('notifications')
    .set({ status: 'in_app' })
    .where('status', '=', 'pending')
    .where('recipient_email', 'is', null)
    .executeTakeFirst();
  report.inApp = Number(inApp.numUpdatedRows);
  if (!mailer) return report;

  const partsOf = roundParts(db);
  const started = performance.now();
  for (;;) {
    const leased = await leaseDue(db, now, limit);
    let next = 0;
    const sendNext = async (): Promise<void> => {
      for (let row = leased[next++]; row; row = leased[next++]) {
        const sent = await deliverOne(db, mailer, now, row, partsOf);
        if (sent) report.sent++;
        else report.failed++;
      }
    };
    await Promise.all(Array.from({ length: DELIVERY_CONCURRENCY }, sendNext));
    if (leased.length < limit || performance.now() - started > budgetMs) break;
  }
  return report;
}

type DueRow = Awaited<ReturnType<typeof leaseDue>>[number];

/**
 * Lease up to `limit` due rows for this process: their next attempt moved {@link LEASE_MS} ahead in
 * a short transaction (rows another process holds are skipped), emergencies first.
 */
async function leaseDue(db: Kysely<DB>, now: Date, limit: number) {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('notifications')
      .select([
        'id',
        'recipient_email',
        'subject',
        'body',
        'attempts',
        'locale',
        sql<string | null>`to_char(digest_day, 'YYYY-MM-DD')`.as('digest_day'),
        'report_run_id',
      ])
      .where('status', '=', 'pending')
      .where('recipient_email', 'is not', null)
      .where('next_attempt_at', '<=', now)
      .orderBy('emergency', 'desc')
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length > 0) {
      await trx
        .updateTable('notifications')
        .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .execute();
    }
    return due;
  });
}

/**
 * Send one leased row and mark it sent, or schedule its next attempt with back-off.
 *
 * @returns whether it was sent.
 */
async function deliverOne(
  db: Kysely<DB>,
  mailer: Mailer,
  now: Date,
  row: DueRow,
  partsOf: (row: DueRow) => Promise<Parts>,
): Promise<boolean> {
  try {
    // The domain in IDNA ASCII (olena@пошта.укр → olena@xn--…): what every SMTP server takes.
    const to = smtpAddress(row.recipient_email!) ?? row.recipient_email!;
    const parts = await partsOf(row);
    await mailer.send({
      id: `notification-${row.id}`,
      to,
      subject: row.subject,
      text: row.body,
      ...parts,
    });
    await db
      .updateTable('notifications')
      .set({ status: 'sent', sent_at: new Date(), attempts: sql`attempts + 1`, last_error: null })
      .where('id', '=', row.id)
      .execute();
    return true;
  } catch (error) {
    const attempts = row.attempts + 1;
    await db
      .updateTable('notifications')
      .set({
        attempts,
        last_error: (error as Error).message.slice(0, 500),
        next_attempt_at: new Date(now.getTime() + backoffMinutes(attempts) * 60_000),
      })
      .where('id', '=', row.id)
      .execute();
    return false;
  }
}

type Parts = Pick<MailMessage, 'html' | 'attachments'>;

/**
 * A round's renderer of a row's HTML and attachments: a digest once per day and language, a
 * scheduled report's file once per run, however many rows of the round receive it; `{}` for the
 * rest.
 */
function roundParts(db: Kysely<DB>): (row: DueRow) => Promise<Parts> {
  const digests = new Map<string, Promise<Parts>>();
  const reports = new Map<string, Promise<Parts>>();
  return async (row) =>
    row.digest_day
      ? digestOnce(digests, db, row.digest_day, row.locale === 'en' ? 'en' : 'uk')
      : row.report_run_id !== null
        ? once(reports, String(row.report_run_id), () => reportRunParts(db, row.report_run_id!))
        : {};
}

/** `digestParts`, rendered once per day and language in `cache`. */
function digestOnce(
  cache: Map<string, Promise<Parts>>,
  db: Kysely<DB>,
  day: string,
  lang: 'uk' | 'en',
): Promise<Parts> {
  return once(cache, `${day}/${lang}`, () => digestParts(db, day, lang));
}

/** A scheduled report's file as the e-mail's attachment (none when its run is gone). */
async function reportRunParts(db: Kysely<DB>, runId: number): Promise<Parts> {
  const file = await reportRunAttachment(db, runId);
  return file ? { attachments: [file] } : {};
}

/** `make()` once per `key` in `cache`; a failed rendering is dropped so the next one retries. */
function once(cache: Map<string, Promise<Parts>>, key: string, make: () => Promise<Parts>) {
  let parts = cache.get(key);
  if (!parts) {
    parts = make();
    // A failed rendering is not kept: the next recipient tries again (and is retried itself).
    parts.catch(() => cache.delete(key));
    cache.set(key, parts);
  }
  return parts;
}

/** The morning digest's HTML part and PDF attachment, rendered from the day's stored figures. */
async function digestParts(
  db: Kysely<DB>,
  day: string,
  lang: 'uk' | 'en',
): Promise<Pick<MailMessage, 'html' | 'attachments'>> {
  const figures = await digestOf(db, day);
  return {
    html: digestHtml(figures, lang),
    attachments: [
      {
        filename: `kontakt-digest-${day}.pdf`,
        content: await digestPdf(figures, lang),
        contentType: 'application/pdf',
      },
    ],
  };
}
