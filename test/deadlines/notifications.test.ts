/**
 * Delivery of notifications by e-mail over a real local SMTP server: quiet hours hold non-emergency
 * mail until 08:00, emergencies go at once, a failed delivery is retried and never lost.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/server/calendar/calendar.repository.js';
import { deliverDueNotifications, smtpMailer } from '../../src/server/notifications/delivery.js';
import { enqueueNotifications } from '../../src/server/notifications/outbox.js';
import { decodedSubject, startTestSmtp, type TestSmtp } from '../smtp.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
let smtp: TestSmtp;

beforeAll(async () => {
  ctx = await createTestContext();
  smtp = await startTestSmtp();
});
// Each test reads only the mail sent during it.
beforeEach(() => {
  smtp.messages.length = 0;
  smtp.failing = false;
});
afterAll(async () => {
  await smtp.close();
  await ctx.close();
});

const at = (iso: string) => new Date(iso);

async function queue(key: string, now: Date, emergency: boolean) {
  const calendar = await loadCalendar(ctx.deps.db, 'Europe/Kyiv', now);
  await enqueueNotifications(
    ctx.deps.db,
    [
      {
        dedupeKey: key,
        kind: 'appeal_overdue',
        recipientEmail: `${key}@example.org`,
        params: {
          number: '2026-000001',
          executor: 'КП «Тест»',
          deadline: '—',
          link: 'http://localhost/appeals/1',
        },
        emergency,
      },
    ],
    { now, calendar },
  );
}

describe('queueing', () => {
  it('writes thousands in batches, each key once, and keeps a text cut inside an emoji', async () => {
    const now = at('2026-03-02T10:00:00Z');
    const calendar = await loadCalendar(ctx.deps.db, 'Europe/Kyiv', now);
    // An e-mail's subject cut at 80 UTF-16 units may end between an emoji's two halves.
    const cut = `${'Ж'.repeat(79)}😀`.slice(0, 80);
    const item = (i: number) => ({
      dedupeKey: `queueing:${i}`,
      kind: 'appeal_overdue' as const,
      recipientEmail: `queueing-${i}@example.org`,
      params: { number: cut, executor: 'КП «Тест»', deadline: '—', link: 'http://localhost/a/1' },
    });
    // 4,500 items over three batches, 100 of them repeated inside the same call.
    const items = [
      ...Array.from({ length: 4_400 }, (_, i) => item(i)),
      ...Array.from({ length: 100 }, (_, i) => item(i * 7)),
    ];
    let rows: { dedupe_key: string; subject: string; body: string }[];
    try {
      expect(await enqueueNotifications(ctx.deps.db, items, { now, calendar })).toBe(4_400);
      expect(await enqueueNotifications(ctx.deps.db, items, { now, calendar })).toBe(0);
      rows = await ctx.deps.db
        .selectFrom('notifications')
        .select(['dedupe_key', 'subject', 'body'])
        .where('dedupe_key', 'like', 'queueing:%')
        .orderBy('id')
        .execute();
    } finally {
      // Not for the delivery rounds of the other cases.
      await ctx.deps.db
        .deleteFrom('notifications')
        .where('dedupe_key', 'like', 'queueing:%')
        .execute();
    }
    expect(rows).toHaveLength(4_400);
    // In the order given (ids follow the items).
    expect(rows.slice(0, 3).map((r) => r.dedupe_key)).toEqual([
      'queueing:0',
      'queueing:1',
      'queueing:2',
    ]);
    const text = `${rows[0]!.subject}\n${rows[0]!.body}`;
    expect(text).toContain(`${'Ж'.repeat(79)}\uFFFD`);
  });
});

describe('quiet hours', () => {
  it('holds a non-emergency escalation due at 02:00 until 08:00, and sends an emergency at once', async () => {
    const night = at('2026-12-02T02:00:00+02:00');
    await queue('night-normal', night, false);
    await queue('night-emergency', night, true);
    const mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    try {
      const atNight = await deliverDueNotifications(ctx.deps.db, mailer, night);
      expect(atNight.sent).toBe(1);
      expect(smtp.messages.map((m) => m.to)).toEqual(['night-emergency@example.org']);
      expect(
        (await deliverDueNotifications(ctx.deps.db, mailer, at('2026-12-02T07:59:00+02:00'))).sent,
      ).toBe(0);
      const morning = await deliverDueNotifications(
        ctx.deps.db,
        mailer,
        at('2026-12-02T08:00:00+02:00'),
      );
      expect(morning.sent).toBe(1);
      expect(smtp.messages.map((m) => m.to)).toContain('night-normal@example.org');
      const row = await ctx.deps.db
        .selectFrom('notifications')
        .select(['id', 'not_before', 'status'])
        .where('dedupe_key', '=', 'night-normal')
        .executeTakeFirstOrThrow();
      expect(row.not_before.toISOString()).toBe('2026-12-02T06:00:00.000Z');
      expect(row.status).toBe('sent');
      // Its Message-ID names the row (the same on a re-send; ADR 055), in the sender's domain.
      const normal = smtp.messages.find((m) => m.to === 'night-normal@example.org');
      expect(/^Message-ID: (.*)$/im.exec(normal?.raw ?? '')?.[1]?.trim()).toBe(
        `<kontakt.notification-${row.id}@example.org>`,
      );
      // The subject is Ukrainian and arrives intact.
      const emergency = smtp.messages.find((m) => m.to === 'night-emergency@example.org');
      expect(emergency).toBeDefined();
      expect(decodedSubject(emergency?.raw ?? '')).toBe('Прострочено звернення 2026-000001');
    } finally {
      mailer.close();
    }
  });
});

describe('a round', () => {
  // Other tests of this file leave rows pending by design (no SMTP server; in any order under
  // shuffle): a round counts every row due, so each test here first sends what was due before it.
  async function sendLeftovers(now: Date) {
    const mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    try {
      await deliverDueNotifications(ctx.deps.db, mailer, now);
    } finally {
      mailer.close();
    }
    smtp.messages.length = 0;
  }

  it('sends batch after batch until none is due, each once, over a few pooled connections', async () => {
    const evening = at('2026-12-05T18:00:00+02:00');
    await sendLeftovers(evening);
    for (let i = 0; i < 23; i++) await queue(`burst-${i}`, evening, false);
    const connectionsBefore = smtp.connections;
    const mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    try {
      // Batches of 5: five leases in one round (a round used to send one batch and stop).
      const round = await deliverDueNotifications(ctx.deps.db, mailer, evening, { limit: 5 });
      expect(round).toMatchObject({ sent: 23, failed: 0 });
      const to = smtp.messages.map((m) => m.to).filter((t) => t.startsWith('burst-'));
      expect(to.sort()).toEqual(
        Array.from({ length: 23 }, (_, i) => `burst-${i}@example.org`).sort(),
      );
      expect(smtp.connections - connectionsBefore).toBeLessThanOrEqual(4);
      const again = await deliverDueNotifications(ctx.deps.db, mailer, evening, { limit: 5 });
      expect(again.sent).toBe(0);
    } finally {
      mailer.close();
    }
  });

  it('stops after one batch once its time budget has passed; the next round takes the rest', async () => {
    const day = at('2026-12-06T12:00:00+02:00');
    await sendLeftovers(day);
    for (let i = 0; i < 7; i++) await queue(`budget-${i}`, day, false);
    const mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    try {
      const first = await deliverDueNotifications(ctx.deps.db, mailer, day, {
        limit: 5,
        budgetMs: 0,
      });
      expect(first.sent).toBe(5);
      const second = await deliverDueNotifications(ctx.deps.db, mailer, day, { limit: 5 });
      expect(second.sent).toBe(2);
    } finally {
      mailer.close();
    }
  });
});

describe('failed delivery', () => {
  it('is retried with back-off and delivered when the server is back, across a restart', async () => {
    const noon = at('2026-12-03T12:00:00+02:00');
    await queue('retry-me', noon, false);
    smtp.failing = true;
    let mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    const failed = await deliverDueNotifications(ctx.deps.db, mailer, noon);
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    mailer.close();
    const pending = await ctx.deps.db
      .selectFrom('notifications')
      .select(['status', 'attempts', 'next_attempt_at', 'last_error'])
      .where('dedupe_key', '=', 'retry-me')
      .executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.next_attempt_at.getTime()).toBe(noon.getTime() + 60_000);
    expect(pending.last_error).toContain('Temporary failure');

    // A second failure doubles the wait.
    mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    await deliverDueNotifications(ctx.deps.db, mailer, at('2026-12-03T12:01:00+02:00'));
    mailer.close();
    const again = await ctx.deps.db
      .selectFrom('notifications')
      .select(['attempts', 'next_attempt_at'])
      .where('dedupe_key', '=', 'retry-me')
      .executeTakeFirstOrThrow();
    expect(again.attempts).toBe(2);
    expect(again.next_attempt_at.toISOString()).toBe('2026-12-03T10:03:00.000Z');

    // The server comes back; a new process (new mailer) delivers it.
    smtp.failing = false;
    mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    const delivered = await deliverDueNotifications(
      ctx.deps.db,
      mailer,
      at('2026-12-03T12:05:00+02:00'),
    );
    mailer.close();
    expect(delivered.sent).toBe(1);
    expect(smtp.messages.map((m) => m.to)).toContain('retry-me@example.org');
  });

  it('keeps mail readable in the outbox when no SMTP server is configured', async () => {
    const noon = at('2026-12-04T12:00:00+02:00');
    await queue('no-smtp', noon, false);
    const report = await deliverDueNotifications(ctx.deps.db, null, noon);
    expect(report.sent).toBe(0);
    const row = await ctx.deps.db
      .selectFrom('notifications')
      .select(['status', 'subject', 'body'])
      .where('dedupe_key', '=', 'no-smtp')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.subject).toContain('2026-000001');
  });
});
