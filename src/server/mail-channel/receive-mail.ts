/**
 * A mailbox as a channel (issue 20, item 6; ADR 040).
 *
 * Each new message of a configured mailbox (IMAP, read by `imapflow`, parsed by `mailparser`)
 * becomes a submission in the moderation queue (the portal's `storeSubmission`, channel `email`)
 * with its text and its attachments (the portal's limits: photos of the portal's types, at most
 * `MAX_PHOTOS_PER_SUBMISSION`, each within `KONTAKT_MAX_FILE_BYTES`; others are left out and
 * counted). The sender is told the tracking number through the outbox. A reply that quotes the
 * number, from the same address, is added to that submission (or, once registered, to its appeal)
 * instead of making a new one. Auto-replies, bounces and list mail are recognised
 * (`domain/mail.ts`) and not registered. Each message is handled once per mailbox (Message-ID).
 */
import { Readable } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import { automaticReason, quotedTrackingNumber } from '../../domain/mail.js';
import { MAX_PHOTOS_PER_SUBMISSION, PHOTO_MEDIA_TYPES } from '../../domain/portal.js';
import { receiveFile } from '../attachments/attachments.service.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { Deps } from '../context.js';
import { imapflow, mailparser } from '../lazy-modules.js';
import { enqueueNotifications } from '../notifications/outbox.js';
import { storeSubmission } from '../portal/submissions.service.js';
import { sha256 } from '../sha256.js';

export type MailOutcome =
  | { outcome: 'submission'; submissionId: number; trackingNumber: string; attachments: number }
  | { outcome: 'addition'; submissionId: number; trackingNumber: string; attachments: number }
  | { outcome: 'automatic' | 'refused'; reason: string }
  | { outcome: 'already_seen' };

/** Printable text of a letter: NFC, no control characters but line breaks and tabs. */
function cleanText(text: string): string {
  return (
    text
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\r\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

function headerMap(mail: ParsedMail): Map<string, string> {
  const map = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    if (!map.has(key)) map.set(key, line.slice(line.indexOf(':') + 1).trim());
  }
  return map;
}

/** The question type an e-mail starts with; the moderator corrects it when registering. */
async function defaultQuestionType(deps: Deps): Promise<number> {
  const row = await deps.db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .select('qt.id')
    .where('qt.active', '=', true)
    .where('qt.is_public', '=', true)
    .where('k.active', '=', true)
    .orderBy('qt.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Store the letter's acceptable attachments; returns the stored ones' ids. */
async function keepAttachments(
  deps: Deps,
  mail: ParsedMail,
  target: { submissionId: number | null; appealId: number | null },
  room: number,
): Promise<number> {
  let kept = 0;
  for (const file of mail.attachments) {
    if (kept >= room) break;
    try {
      const received = await receiveFile(
        deps,
        {
          stream: Readable.from([file.content]),
          fileName: file.filename ?? 'attachment',
          declaredType: file.contentType,
          truncated: () => false,
        },
        { allowed: PHOTO_MEDIA_TYPES, typeHint: 'a photo: JPEG, PNG, WebP or HEIC' },
      );
      await deps.db
        .insertInto('attachments')
        .values({
          appeal_id: target.appealId,
          submission_id: target.appealId === null ? target.submissionId : null,
          file_name: received.fileName,
          media_type: received.mediaType,
          size_bytes: received.sizeBytes,
          sha256: received.sha256,
          storage_key: received.storageKey,
          uploaded_by: null,
          created_at: deps.now(),
        })
        .execute();
      kept += 1;
    } catch {
      // Too large, empty or of another type: the portal would refuse it too; the letter stays.
    }
  }
  return kept;
}

async function remember(
  deps: Deps,
  mailbox: string,
  messageId: string,
  from: string | null,
  outcome: 'submission' | 'addition' | 'automatic' | 'refused',
  reason: string | null,
  submissionId: number | null,
): Promise<void> {
  await deps.db
    .insertInto('mail_messages')
    .values({
      mailbox,
      message_id: messageId,
      from_address: from,
      outcome,
      reason,
      submission_id: submissionId,
      received_at: deps.now(),
    })
    .onConflict((oc) => oc.columns(['mailbox', 'message_id']).doNothing())
    .execute();
}

/**
 * Handle one raw message (RFC 5322 bytes) read from `mailbox`.
 *
 * @returns what became of it. Never throws for a malformed letter (it is `refused`); database
 *   errors propagate (the message stays unseen and is read again).
 */
export async function receiveMail(deps: Deps, mailbox: string, raw: Buffer): Promise<MailOutcome> {
  const mail = await mailparser().simpleParser(raw);
  const messageId = (mail.messageId ?? `sha256:${sha256(raw)}`).slice(0, 500);
  const seen = await deps.db
    .selectFrom('mail_messages')
    .select('id')
    .where('mailbox', '=', mailbox)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  if (seen) return { outcome: 'already_seen' };
  const sender = mail.from?.value[0];
  const from = sender?.address?.toLowerCase() ?? null;
  const contentType =
    mail.headerLines
      .find((h) => h.key === 'content-type')
      ?.line.split(':')[1]
      ?.trim() ?? 'text/plain';
  const reason = automaticReason(headerMap(mail), contentType, from);
  if (reason) {
    await remember(deps, mailbox, messageId, from, 'automatic', reason, null);
    return { outcome: 'automatic', reason };
  }
  if (!from) {
    await remember(deps, mailbox, messageId, null, 'refused', 'no sender', null);
    return { outcome: 'refused', reason: 'no sender' };
  }
  const subject = cleanText(mail.subject ?? '');
  const text = cleanText(mail.text ?? '');

  const quoted = quotedTrackingNumber(`${subject}\n${text}`);
  if (quoted) {
    const earlier = await deps.db
      .selectFrom('submissions')
      .select(['id', 'tracking_number', 'state', 'appeal_id', 'description'])
      .where('tracking_number', '=', quoted)
      .where('applicant_email', '=', from)
      .executeTakeFirst();
    if (earlier) {
      // The reply's own words, without the quoted receipt below them.
      const reply = cleanText(text.split(/\n>|\n-{2,}\s*\n|\nOn .+ wrote:|\n.+ пише:/)[0] ?? '');
      if (earlier.state === 'pending' && reply) {
        const stamp = deps.now().toISOString().slice(0, 16).replace('T', ' ');
        await deps.db
          .updateTable('submissions')
          .set({
            description:
              `${earlier.description}\n\n— Доповнення листом ${stamp} UTC:\n${reply}`.slice(
                0,
                20_000,
              ),
          })
          .where('id', '=', earlier.id)
          .execute();
      }
      const already = await deps.db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(
          earlier.appeal_id ? 'appeal_id' : 'submission_id',
          '=',
          earlier.appeal_id ?? earlier.id,
        )
        .executeTakeFirstOrThrow();
      const kept = await keepAttachments(
        deps,
        mail,
        { submissionId: earlier.id, appealId: earlier.appeal_id },
        Math.max(0, MAX_PHOTOS_PER_SUBMISSION - Number(already.n)),
      );
      await remember(deps, mailbox, messageId, from, 'addition', null, earlier.id);
      return {
        outcome: 'addition',
        submissionId: earlier.id,
        trackingNumber: earlier.tracking_number,
        attachments: kept,
      };
    }
  }

  const body = cleanText(`${subject}\n\n${text}`);
  const description = (body.length >= 10 ? body : `${body} (лист без тексту)`).slice(0, 5000);
  const stored = await storeSubmission(
    deps,
    {
      channel: 'email',
      kind: 'application',
      questionTypeId: await defaultQuestionType(deps),
      description,
      address: null,
      latitude: null,
      longitude: null,
      applicant: {
        name: cleanText(sender?.name ?? '') || from.split('@')[0]!,
        email: from,
        phone: null,
        address: null,
      },
      consentSource: 'email',
      confidential: false,
      locale: 'uk',
      attributes: { mailbox, messageId },
    },
    { scope: `email:${mailbox}`, key: messageId },
    sha256(raw),
  );
  const kept = stored.replayed
    ? 0
    : await keepAttachments(
        deps,
        mail,
        { submissionId: stored.id, appealId: null },
        MAX_PHOTOS_PER_SUBMISSION,
      );
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    await enqueueNotifications(
      trx,
      [
        {
          dedupeKey: `mail_received:${stored.id}`,
          kind: 'mail_received',
          recipientEmail: from,
          locale: 'uk',
          params: { number: stored.trackingNumber, text: subject || description.slice(0, 80) },
        },
      ],
      { now, calendar: await loadCalendar(trx, deps.config.timeZone, now) },
    );
    await remember({ ...deps, db: trx }, mailbox, messageId, from, 'submission', null, stored.id);
  });
  return {
    outcome: 'submission',
    submissionId: stored.id,
    trackingNumber: stored.trackingNumber,
    attachments: kept,
  };
}

/**
 * Read the unseen messages of one mailbox (`imap(s)://user:password@host:port/folder`), handle
 * each, then mark it seen. A message whose handling fails stays unseen for the next run.
 *
 * @returns the outcomes in mailbox order.
 */
export async function readMailbox(deps: Deps, url: string): Promise<MailOutcome[]> {
  const parsed = new URL(url);
  const folder = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX';
  const mailbox = `${decodeURIComponent(parsed.username)}@${parsed.hostname}/${folder}`;
  const client = new (imapflow().ImapFlow)({
    host: parsed.hostname,
    port: Number(parsed.port || (parsed.protocol === 'imaps:' ? 993 : 143)),
    secure: parsed.protocol === 'imaps:',
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    logger: false,
  });
  await client.connect();
  const outcomes: MailOutcome[] = [];
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        outcomes.push(await receiveMail(deps, mailbox, message.source));
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
  return outcomes;
}

/** Read every configured mailbox in turn; one failing (unreachable) does not stop the others. */
export async function readMailboxes(deps: Deps): Promise<Record<string, number | string>> {
  const report: Record<string, number | string> = {};
  for (const url of deps.config.mailboxes) {
    const name = new URL(url).hostname;
    try {
      report[name] = (await readMailbox(deps, url)).length;
    } catch (error) {
      report[name] = error instanceof Error ? error.message : 'failed';
    }
  }
  return report;
}
