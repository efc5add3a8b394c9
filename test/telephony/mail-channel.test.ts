/**
 * Issue 20, item 6: a mailbox on a real IMAP server (Dovecot, started here). Three messages — one
 * with a Cyrillic subject and an attachment, one auto-reply, one reply quoting an earlier receipt
 * — become one new submission, nothing, and one addition to the earlier submission.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailbox } from '../../src/server/mail-channel/receive-mail.js';
import { storeSubmission } from '../../src/server/portal/submissions.service.js';
import { type Dovecot, dovecotPresent, startDovecot } from '../dovecot.js';
import { routedQuestionType } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

const present = dovecotPresent('The IMAP mailbox tests');

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);

function letter(headers: Record<string, string>, body: string, attachment?: Buffer): string {
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  if (!attachment) {
    return `${head}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(body).toString('base64')}\r\n`;
  }
  const b = 'kontakt-boundary-1';
  return (
    `${head}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n` +
    `--${b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(body).toString('base64')}\r\n` +
    `--${b}\r\nContent-Type: image/png; name="=?UTF-8?B?${Buffer.from('дах.png').toString('base64')}?="\r\nContent-Disposition: attachment; filename="=?UTF-8?B?${Buffer.from('дах.png').toString('base64')}?="\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment.toString('base64')}\r\n` +
    `--${b}--\r\n`
  );
}

const subjectOf = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

describe.skipIf(!present)('a mailbox read over IMAP', () => {
  let dovecot: Dovecot;
  let ctx: TestContext;

  beforeAll(async () => {
    [dovecot, ctx] = await Promise.all([startDovecot(['city']), createTestContext()]);
  });
  afterAll(async () => {
    await dovecot?.stop();
    await ctx?.close();
  });

  it('makes one submission, ignores the auto-reply, adds the reply to the earlier one', async () => {
    const url = dovecot.url('city');
    const { questionTypeId } = await routedQuestionType(ctx.deps);
    // The earlier letter's submission, whose receipt the reply quotes.
    const earlier = await storeSubmission(
      ctx.deps,
      {
        channel: 'email',
        kind: 'application',
        questionTypeId,
        description: 'Не працює ліфт у під’їзді 2',
        address: null,
        latitude: null,
        longitude: null,
        applicant: {
          name: 'Тестова Заявниця',
          email: 'reply@example.org',
          phone: null,
          address: null,
        },
        consentSource: 'email',
        confidential: false,
        locale: 'uk',
      },
      null,
      'earlier',
    );

    const imap = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: 'city', pass: 'secret-city' },
      logger: false,
    });
    await imap.connect();
    await imap.append(
      'INBOX',
      letter(
        {
          From: 'Тестовий Мешканець <new@example.org>',
          To: 'kontakt@city.example.org',
          Subject: subjectOf('Протікає дах над квартирою'),
          'Message-ID': '<first@example.org>',
          Date: 'Tue, 01 Dec 2026 09:00:00 +0200',
        },
        'Після дощу вода тече зі стелі на кухні. Прошу оглянути покрівлю.',
        PNG,
      ),
    );
    await imap.append(
      'INBOX',
      letter(
        {
          From: 'Somebody <away@example.org>',
          To: 'kontakt@city.example.org',
          Subject: 'Automatic reply: out of office',
          'Auto-Submitted': 'auto-replied',
          'X-Autoreply': 'yes',
          'Message-ID': '<auto@example.org>',
        },
        'I am out of the office until Monday.',
      ),
    );
    await imap.append(
      'INBOX',
      letter(
        {
          From: 'Тестова Заявниця <reply@example.org>',
          To: 'kontakt@city.example.org',
          Subject: subjectOf(`Re: Ваш лист отримано: ${earlier.trackingNumber}`),
          'Message-ID': '<reply@example.org>',
          'In-Reply-To': '<receipt@city.example.org>',
        },
        `Ліфт досі стоїть, уже третій день.\r\n\r\n> Номер для відстеження: ${earlier.trackingNumber}`,
      ),
    );
    await imap.logout();

    const before = await ctx.deps.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const outcomes = await readMailbox(ctx.deps, url);
    expect(outcomes.map((o) => o.outcome)).toEqual(['submission', 'automatic', 'addition']);

    const after = await ctx.deps.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);

    const created = outcomes[0] as {
      submissionId: number;
      trackingNumber: string;
      attachments: number;
    };
    const submission = await ctx.deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', created.submissionId)
      .executeTakeFirstOrThrow();
    expect(submission.channel).toBe('email');
    expect(submission.state).toBe('pending');
    expect(submission.applicant_email).toBe('new@example.org');
    expect(submission.applicant_name).toBe('Тестовий Мешканець');
    expect(submission.description).toBe(
      'Протікає дах над квартирою\n\nПісля дощу вода тече зі стелі на кухні. Прошу оглянути покрівлю.',
    );
    const files = await ctx.deps.db
      .selectFrom('attachments')
      .select(['file_name', 'media_type', 'sha256'])
      .where('submission_id', '=', created.submissionId)
      .execute();
    expect(files).toHaveLength(1);
    expect(files[0]!.file_name).toBe('дах.png');
    expect(files[0]!.media_type).toBe('image/png');

    // The sender is told the number.
    const receipt = await ctx.deps.db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'mail_received')
      .where('recipient_email', '=', 'new@example.org')
      .execute();
    expect(receipt).toHaveLength(1);
    expect(JSON.stringify(receipt[0])).toContain(created.trackingNumber);

    // The reply joined the earlier submission.
    const joined = await ctx.deps.db
      .selectFrom('submissions')
      .select('description')
      .where('id', '=', earlier.id)
      .executeTakeFirstOrThrow();
    expect(joined.description).toMatch(
      /^Не працює ліфт у під’їзді 2\n\n— Доповнення листом .+:\nЛіфт досі стоїть, уже третій день\.$/,
    );

    // Nothing is read twice.
    expect(await readMailbox(ctx.deps, url)).toEqual([]);
    const kinds = await ctx.deps.db
      .selectFrom('mail_messages')
      .select(['message_id', 'outcome'])
      .orderBy('id')
      .execute();
    expect(kinds).toEqual([
      { message_id: '<first@example.org>', outcome: 'submission' },
      { message_id: '<auto@example.org>', outcome: 'automatic' },
      { message_id: '<reply@example.org>', outcome: 'addition' },
    ]);
  });
});
