/**
 * The morning digest (issue 18, item 5) on a real database and a real SMTP server: made once from
 * the digest hour for yesterday (the city's day), also when two jobs run at once; queued to the
 * supervisors and the configured addresses; e-mailed as HTML with a PDF whose Ukrainian text has
 * the same figures; listed and served by the API.
 */
import { simpleParser } from 'mailparser';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestFigures } from '../../src/contract/digest.schemas.js';
import { registerAppeal } from '../../src/server/appeals/register-appeal.js';
import {
  digestDayDue,
  runMorningDigest,
  type DigestRun,
} from '../../src/server/monitoring/morning-digest.js';
import { deliverDueNotifications, smtpMailer } from '../../src/server/notifications/delivery.js';
import { makeUser, routedQuestionType } from '../factories.js';
import { startTestServer, type TestServer } from '../http.js';
import { startTestSmtp, type TestSmtp } from '../smtp.js';

const HEAD_EMAIL = 'kerivnyk@example.org';
let server: TestServer;
let smtp: TestSmtp;
let questionType: { id: number; name: string };

async function register(at: string, kind: 'application' | 'consultation', channel: 'phone' | 'email') {
  const deps = server.ctx.deps;
  server.ctx.setNow(new Date(at));
  const operator = await deps.db
    .selectFrom('users')
    .select(['id', 'login', 'full_name as fullName', 'role'])
    .where('role', '=', 'operator')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return registerAppeal(deps, { kind: 'user', ...operator, organisationId: null }, {
    channel,
    kind,
    subject: 'individual',
    receiptSign: 'primary',
    questionTypeId: questionType.id,
    description: 'Немає гарячої води третій день',
    confidential: false,
    acknowledgeRepeat: false,
    receivedAt: at,
  });
} // prettier-ignore

beforeAll(async () => {
  server = await startTestServer({ digest: { emails: [HEAD_EMAIL], hour: 7 } });
  smtp = await startTestSmtp();
  const deps = server.ctx.deps;
  await makeUser(deps, 'operator');
  const { questionTypeId } = await routedQuestionType(deps, 0);
  questionType = await deps.db
    .selectFrom('question_types')
    .select(['id', 'name'])
    .where('id', '=', questionTypeId)
    .executeTakeFirstOrThrow();
  // 19 January 2027 in Kyiv (UTC+2) is 18 Jan 22:00 – 19 Jan 22:00 UTC.
  await register('2027-01-18T21:30:00Z', 'application', 'phone'); // 18 Jan, 23:30: the day before
  const first = await register('2027-01-18T22:10:00Z', 'application', 'phone'); // 19 Jan, 00:10
  const late = await register('2027-01-19T09:00:00Z', 'application', 'email');
  await register('2027-01-19T21:50:00Z', 'consultation', 'phone'); // 19 Jan, 23:50
  await register('2027-01-19T22:05:00Z', 'application', 'phone'); // 20 Jan, 00:05: the day after
  // Fixtures the digest only reads: one of the day's appeals closed that evening, and an alert
  // raised that morning; another appeal's control date already past (the detector, the closing
  // flow and the deadline rules have their own tests).
  await deps.db
    .updateTable('appeals')
    .set({
      status: 'closed',
      result: 'done_confirmed',
      closed_at: new Date('2027-01-19T18:00:00Z'),
    })
    .where('id', '=', first.id)
    .execute();
  await deps.db
    .updateTable('appeals')
    .set({ control_date: new Date('2027-01-19T12:00:00Z') })
    .where('id', '=', late.id)
    .execute();
  await deps.db
    .insertInto('monitoring_alerts')
    .values({
      question_type_id: questionType.id,
      district_id: null,
      window_hours: 1,
      observed: 31,
      expected: 2.5,
      p_value: 1e-9,
      since: new Date('2027-01-19T05:00:00Z'),
      raised_at: new Date('2027-01-19T06:00:00Z'),
      last_detected_at: new Date('2027-01-19T06:00:00Z'),
      appeal_ids: [first.id],
    })
    .execute();
});
afterAll(async () => {
  await smtp?.close();
  await server?.close();
});

describe('the digest hour', () => {
  it.each([
    ['2027-01-20T04:59:00Z', null],
    ['2027-01-20T05:00:00Z', '2027-01-19'],
    ['2027-01-20T21:59:00Z', '2027-01-19'],
    ['2027-01-20T22:00:00Z', null],
    // Summer time (UTC+3): 07:00 in Kyiv is 04:00 UTC.
    ['2027-07-01T04:00:00Z', '2027-06-30'],
  ])('at %s the day due is %s', (at, day) => {
    expect(digestDayDue(new Date(at), 'Europe/Kyiv', 7)).toBe(day);
  });
});

describe('the morning digest', () => {
  // Made once for the whole describe (its tests run in any order, CI shuffles them): a run just
  // before the hour, two racing at the hour, and one more.
  let beforeHour: DigestRun;
  let racing: DigestRun[];
  let again: DigestRun;
  let supervisorsThen: number;
  beforeAll(async () => {
    const deps = server.ctx.deps;
    server.ctx.setNow(new Date('2027-01-20T04:59:00Z'));
    beforeHour = await runMorningDigest(deps);
    server.ctx.setNow(new Date('2027-01-20T05:00:30Z'));
    racing = await Promise.all([runMorningDigest(deps), runMorningDigest(deps)]);
    const supervisors = await deps.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('role', '=', 'supervisor')
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    supervisorsThen = Number(supervisors.n);
    again = await runMorningDigest(deps);
  });

  it('is not made before the hour, then made once for yesterday even when two jobs race', () => {
    expect(beforeHour).toEqual({ made: null, queued: 0 });
    expect(racing.filter((r) => r.made === '2027-01-19')).toHaveLength(1);
    expect(racing.reduce((sum, r) => sum + r.queued, 0)).toBe(supervisorsThen + 1);
    expect(again).toEqual({ made: null, queued: 0 });
  });

  it('counts the city day’s appeals, closures and alerts, and the open queues now', async () => {
    const head = await server.signIn('supervisor');
    const res = await head.get<DigestFigures>('/api/v1/monitoring/digests/2027-01-19');
    expect(res.status).toBe(200);
    const figures = res.body;
    expect(figures.registered.total).toBe(3);
    expect(figures.registered.byKind).toEqual([
      { kind: 'application', count: 2 },
      { kind: 'consultation', count: 1 },
    ]);
    expect(figures.registered.byChannel).toEqual([
      { channel: 'phone', count: 2 },
      { channel: 'email', count: 1 },
    ]);
    // The appeal closed that evening, and the consultation (closed as it is registered).
    expect(figures.closed).toBe(2);
    expect(figures.topQuestionTypes).toEqual([{ questionType: questionType.name, count: 3 }]);
    expect(figures.alerts).toEqual([
      expect.objectContaining({ questionType: questionType.name, district: null, observed: 31 }),
    ]);
    // As of 07:00 on the 20th: one open appeal past its control date, the others not yet due.
    expect(figures.open).toEqual({ overdue: 1, dueSoon: 0, onCheck: 0, needsRouting: 0 });
    expect(figures.overdueExecutors).toEqual([
      { executor: expect.any(String) as string, count: 1 },
    ]);

    const list = await head.get<{ day: string; registered: number; alerts: number }[]>(
      '/api/v1/monitoring/digests',
    );
    expect(list.body).toEqual([
      expect.objectContaining({ day: '2027-01-19', registered: 3, alerts: 1 }),
    ]);
  });

  it('is e-mailed as text, HTML and a PDF with the same figures', async () => {
    const mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    try {
      // Not an emergency: held until the service hours begin (08:00).
      await deliverDueNotifications(server.ctx.deps.db, mailer, new Date('2027-01-20T06:05:00Z'));
    } finally {
      mailer.close();
    }
    const message = smtp.messages.find((m) => m.to === HEAD_EMAIL);
    expect(message, 'the configured address gets the digest').toBeDefined();
    const mail = await simpleParser(message!.raw);
    expect(mail.subject).toContain('19.01.2027');
    expect(mail.text).toContain('Усього — 3');
    expect(mail.text).toContain(`${questionType.name} — 3`);
    expect(mail.html).toContain('Усього');
    expect(mail.html).toMatch(/>3<\/td>/);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe('kontakt-digest-2027-01-19.pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf!.content)), {
      mergePages: true,
    });
    expect(text).toContain('Ранкове зведення за 19.01.2027');
    expect(text).toContain('Усього');
    expect(text).toContain(questionType.name);
    expect(text).toContain('31 / 2,5 очікувано');
  });

  it('is served as the PDF the e-mail carried; a day without one is 404, a bad day 400', async () => {
    const head = await server.signIn('supervisor');
    const pdf = await fetch(`${server.baseUrl}/api/v1/monitoring/digests/2027-01-19?format=pdf`, {
      headers: { cookie: head.cookie },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const missing = await head.get('/api/v1/monitoring/digests/2027-01-01');
    expect([missing.status, missing.body.error]).toEqual([404, 'digest_not_found']);
    expect((await head.get('/api/v1/monitoring/digests/2027-02-30')).status).toBe(400);
    const operator = await server.signIn('operator');
    expect((await operator.get('/api/v1/monitoring/digests')).status).toBe(403);
  });
});
