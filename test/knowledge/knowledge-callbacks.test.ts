/**
 * The knowledge base and the call-back survey over HTTP on a real database (issue 19; ADR 039):
 * editors, versions, search, bodies sanitised on save and on render, a consultation answered by an
 * article and the 3.1.6 report, the portal's FAQ; the call-back queue takes exactly the appeals its
 * rules select, "not solved" sends the appeal to check with a history note, three unanswered tries
 * drop the survey. (The sampled share over 10,000 closures: `src/domain/callback-selection.test.ts`.)
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackReason, type CallbackRules } from '../../src/domain/callback-selection.js';
import {
  enqueueClosedAppeals,
  runCallbackJob,
  setCallbackRules,
} from '../../src/server/callbacks/callbacks.service.js';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let admin: ApiClient;
let operator: ApiClient & { userId: number };
let questionTypeId: number;
let executorId: number;
let clock = Date.parse('2026-11-20T09:00:00Z');

interface Article {
  id: number;
  title: string;
  htmlUk: string;
  version: number;
  versions: { version: number; change: string }[];
}

const today = () => new Date(clock).toISOString().slice(0, 10);

function articleBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Графік вивезення сміття',
    bodyUk: '## Коли вивозять\n\n- щопонеділка\n- щочетверга\n\n[Сайт](https://example.org)',
    tags: ['сміття'],
    isPublic: true,
    reviewBy: '2027-06-01',
    questionTypeIds: [questionTypeId],
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  server.ctx.deps.now = () => new Date(clock);
  ({ questionTypeId, executorId } = await routedQuestionType(server.ctx.deps));
  admin = await server.signIn('administrator');
  operator = await server.signIn('operator');
});
afterAll(() => server.close());

describe('articles', () => {
  it('an administrator writes one; an operator may not until assigned as an editor', async () => {
    const created = await admin.post<Article>('/api/v1/knowledge/articles', articleBody());
    expect(created.status).toBe(201);
    expect(created.body.htmlUk).toContain('<h2>Коли вивозять</h2>');

    const refused = await operator.post('/api/v1/knowledge/articles', articleBody());
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'not_a_knowledge_editor' });

    const assign = await admin.request('PUT', `/api/v1/knowledge/editors/${operator.userId}`, {
      editor: true,
    });
    expect(assign.status).toBe(204);
    const allowed = await operator.post('/api/v1/knowledge/articles', articleBody());
    expect(allowed.status).toBe(201);
  });

  it('refuses invalid input with stable 4xx codes', async () => {
    const empty = await admin.post('/api/v1/knowledge/articles', {});
    expect(empty.status).toBe(400);
    const badQt = await admin.post(
      '/api/v1/knowledge/articles',
      articleBody({ questionTypeIds: [987654321] }),
    );
    expect(badQt.status).toBe(400);
    expect(badQt.body).toMatchObject({ error: 'unknown_question_type' });
    const missing = await admin.get('/api/v1/knowledge/articles/987654321');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'article_not_found' });
  });

  it('keeps versions and restores an earlier one as a new version', async () => {
    const a = (await admin.post<Article>('/api/v1/knowledge/articles', articleBody())).body;
    const edited = await admin.request<Article>('PUT', `/api/v1/knowledge/articles/${a.id}`, {
      ...articleBody({ title: 'Графік вивезення відходів' }),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const restored = await admin.post<Article>(`/api/v1/knowledge/articles/${a.id}/restore`, {
      version: 1,
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ title: 'Графік вивезення сміття', version: 3 });
    expect(restored.body.versions.map((v) => v.change)).toEqual([
      'restored version 1',
      'edited',
      'created',
    ]);
    const noVersion = await admin.post(`/api/v1/knowledge/articles/${a.id}/restore`, {
      version: 99,
    });
    expect(noVersion.status).toBe(404);
    expect(noVersion.body).toMatchObject({ error: 'version_not_found' });
  });

  it('search finds word forms, the apostrophes and Latin look-alikes', async () => {
    const a = (
      await admin.post<Article>(
        '/api/v1/knowledge/articles',
        articleBody({
          title: 'Опалення в під’їзді',
          bodyUk: 'Батареї у під’їздах вмикають за графіком опалювального сезону.',
          questionTypeIds: [],
        }),
      )
    ).body;
    for (const q of ['опаленням', "під'їзд", 'пiд’їзду', 'батарея']) {
      const res = await operator.get<{ id: number }[]>(
        `/api/v1/knowledge/articles?q=${encodeURIComponent(q)}`,
      );
      expect(res.status, q).toBe(200);
      expect(
        res.body.map((r) => r.id),
        q,
      ).toContain(a.id);
    }
  });
});

describe('articles past their review date', () => {
  it('notify their owner once (in the web app and by e-mail when chosen); a new date re-arms it', async () => {
    const owner = await server.signIn('controller');
    await server.ctx.deps.db
      .updateTable('users')
      .set({ email: 'owner@example.org', notify_by_email: 'all' })
      .where('id', '=', owner.userId)
      .execute();
    const overdue = (
      await admin.post<Article>(
        '/api/v1/knowledge/articles',
        articleBody({ title: 'Тарифи на воду', ownerId: owner.userId, reviewBy: '2026-11-01' }),
      )
    ).body;
    await admin.post<Article>(
      '/api/v1/knowledge/articles',
      articleBody({ title: 'Свіжа стаття', ownerId: owner.userId, reviewBy: '2027-01-01' }),
    );

    const job = await runCallbackJob(server.ctx.deps);
    expect(job.ran).toBe(true);
    const rows = await server.ctx.deps.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_user_id', 'recipient_email', 'subject', 'body', 'dedupe_key'])
      .where('kind', '=', 'article_review_due')
      .where('recipient_user_id', '=', owner.userId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      recipient_email: 'owner@example.org',
      dedupe_key: `article_review_due:${overdue.id}:2026-11-01`,
    });
    expect(rows[0]!.subject).toContain('Тарифи на воду');
    expect(rows[0]!.body).toContain('01.11.2026');
    expect(rows[0]!.body).toContain(`/knowledge/${overdue.id}`);
    expect(rows[0]!.body).not.toContain('Свіжа стаття');
    const bell = await owner.get<{ kind: string; subject: string }[]>('/api/v1/notifications');
    expect(bell.body.filter((n) => n.kind === 'article_review_due')).toHaveLength(1);
    // The next run, and an edit that keeps the past date, notify no more.
    await runCallbackJob(server.ctx.deps);
    await admin.request('PUT', `/api/v1/knowledge/articles/${overdue.id}`, {
      ...articleBody({ title: 'Тарифи на воду', ownerId: owner.userId, reviewBy: '2026-11-01' }),
    });
    await runCallbackJob(server.ctx.deps);
    const count = async () =>
      (
        await server.ctx.deps.db
          .selectFrom('notifications')
          .select('id')
          .where('kind', '=', 'article_review_due')
          .where('recipient_user_id', '=', owner.userId)
          .execute()
      ).length;
    expect(await count()).toBe(1);

    // A new review date that passes again is a new notification.
    await admin.request('PUT', `/api/v1/knowledge/articles/${overdue.id}`, {
      ...articleBody({ title: 'Тарифи на воду', ownerId: owner.userId, reviewBy: '2026-11-10' }),
    });
    await runCallbackJob(server.ctx.deps);
    expect(await count()).toBe(2);
  });
});

describe('the intake script of a question type', () => {
  it('an editor writes it, an operator reads it for the chosen type; plain text, stable 4xx', async () => {
    const script = {
      scriptUk:
        'Уточніть під’їзд і поверх.\nЗапитайте, чи тече вода до сусідів знизу. <script>alert(1)</script>',
      scriptEn: 'Ask for the entrance and floor.',
    };
    const written = await admin.request(
      'PUT',
      `/api/v1/knowledge/scripts/${questionTypeId}`,
      script,
    );
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ questionTypeId, ...script });

    const seen = await operator.get<{ scriptUk: string }[]>(
      `/api/v1/knowledge/scripts?questionTypeId=${questionTypeId}`,
    );
    expect(seen.status).toBe(200);
    // Stored and sent as the text it is; the screen shows it as text (never as HTML).
    expect(seen.body).toEqual([expect.objectContaining({ scriptUk: script.scriptUk })]);
    const all = await operator.get<{ questionTypeId: number }[]>('/api/v1/knowledge/scripts');
    expect(all.body.map((s) => s.questionTypeId)).toContain(questionTypeId);

    const edited = await admin.request('PUT', `/api/v1/knowledge/scripts/${questionTypeId}`, {
      scriptUk: 'Уточніть адресу.',
    });
    expect(edited.body).toMatchObject({ scriptUk: 'Уточніть адресу.', scriptEn: null });

    const executor = await server.signIn('executor', executorId);
    expect((await executor.get('/api/v1/knowledge/scripts')).status).toBe(403);
    const notEditor = await server.signIn('supervisor');
    const refused = await notEditor.request('PUT', `/api/v1/knowledge/scripts/${questionTypeId}`, {
      scriptUk: 'x',
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'not_a_knowledge_editor' });
    const unknown = await admin.request('PUT', '/api/v1/knowledge/scripts/987654321', {
      scriptUk: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'question_type_not_found' });
    const empty = await admin.request('PUT', `/api/v1/knowledge/scripts/${questionTypeId}`, {
      scriptUk: '   ',
    });
    expect(empty.status).toBe(400);

    const removed = await admin.request('DELETE', `/api/v1/knowledge/scripts/${questionTypeId}`);
    expect(removed.status).toBe(204);
    const none = await operator.get<unknown[]>(
      `/api/v1/knowledge/scripts?questionTypeId=${questionTypeId}`,
    );
    expect(none.body).toEqual([]);
  });
});

describe('article bodies are sanitised on save and on render', () => {
  const PAYLOADS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[клік](javascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload=alert(1)><circle/></svg>',
    '<p>ok<scr<script>ipt>alert(1)</script></p>',
  ];
  const RUNNABLE = /<script|<svg|<img|<iframe|<\w[^>]*\son\w+=|href="\s*(javascript|data):/i;

  it.each(PAYLOADS)('%s', async (payload) => {
    const saved = await admin.post<Article>(
      '/api/v1/knowledge/articles',
      articleBody({ bodyUk: `Текст ${payload}`, isPublic: true }),
    );
    expect(saved.status).toBe(201);
    expect(saved.body.htmlUk).not.toMatch(RUNNABLE);
    const stored = await server.ctx.deps.db
      .selectFrom('knowledge_articles')
      .select('html_uk')
      .where('id', '=', saved.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.html_uk).not.toMatch(RUNNABLE);

    // A row written around the service (an old import, a restored backup) is sanitised when sent.
    await server.ctx.deps.db
      .updateTable('knowledge_articles')
      .set({ html_uk: `<p>Текст</p>${payload}` })
      .where('id', '=', saved.body.id)
      .execute();
    const staff = await operator.get<Article>(`/api/v1/knowledge/articles/${saved.body.id}`);
    expect(staff.body.htmlUk).not.toMatch(RUNNABLE);
    expect(staff.body.htmlUk).toContain('Текст');
    const portal = await server
      .anonymous()
      .get<{ htmlUk: string }>(`/api/public/articles/${saved.body.id}`);
    expect(portal.status).toBe(200);
    expect(portal.body.htmlUk).not.toMatch(RUNNABLE);
    const preview = await admin.post<{ html: string }>('/api/v1/knowledge/preview', {
      markdown: payload,
    });
    expect(preview.body.html).not.toMatch(RUNNABLE);
  });
});

describe('consultations and the portal', () => {
  it('a consultation answered by an article is counted in both reports', async () => {
    const article = (
      await admin.post<Article>('/api/v1/knowledge/articles', articleBody({ title: 'Довідка' }))
    ).body;
    const linked = await operator.get<{ id: number }[]>(
      `/api/v1/knowledge/articles?questionTypeId=${questionTypeId}&limit=50`,
    );
    expect(linked.body.map((a) => a.id)).toContain(article.id);

    const consultation = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { kind: 'consultation' }),
    );
    expect(consultation.status).toBe(201);
    const answered = await operator.post(
      `/api/v1/appeals/${consultation.body.id}/consultation-answer`,
      { articleIds: [article.id] },
    );
    expect(answered.status).toBe(200);

    const unanswered = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { kind: 'consultation' }),
    );
    const noted = await operator.post(`/api/v1/appeals/${unanswered.body.id}/consultation-answer`, {
      note: 'Питали про пільги на вивезення — статті немає',
    });
    expect(noted.status).toBe(200);
    const neither = await operator.post(
      `/api/v1/appeals/${unanswered.body.id}/consultation-answer`,
      {},
    );
    expect(neither.status).toBe(400);

    const application = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    const wrongKind = await operator.post(
      `/api/v1/appeals/${application.body.id}/consultation-answer`,
      { articleIds: [article.id] },
    );
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body).toMatchObject({ error: 'not_a_consultation' });

    const report = await admin.get<{
      topics: { questionTypeId: number; consultations: number; answeredFromArticle: number }[];
      unanswered: { appealId: number; note: string }[];
    }>(`/api/v1/knowledge/report?from=${today()}&to=${today()}`);
    expect(report.status).toBe(200);
    const topic = report.body.topics.find((t) => t.questionTypeId === questionTypeId);
    expect(topic?.consultations).toBeGreaterThanOrEqual(2);
    expect(topic?.answeredFromArticle).toBeGreaterThanOrEqual(1);
    expect(report.body.unanswered.map((u) => u.appealId)).toContain(unanswered.body.id);

    const analyst = await server.signIn('analyst');
    const standard = await analyst.get<{ rows: { count: number; fromArticle: number }[] }>(
      `/api/v1/reports/consultations?from=${today()}&to=${today()}&questionTypeId=${questionTypeId}`,
    );
    expect(standard.status).toBe(200);
    expect(standard.body.rows[0]?.fromArticle).toBeGreaterThanOrEqual(1);
  });

  it('the portal lists public articles only', async () => {
    const pub = (
      await admin.post<Article>(
        '/api/v1/knowledge/articles',
        articleBody({ title: 'Публічна довідка про воду', isPublic: true }),
      )
    ).body;
    const internal = (
      await admin.post<Article>(
        '/api/v1/knowledge/articles',
        articleBody({ title: 'Службова довідка про воду', isPublic: false }),
      )
    ).body;
    const res = await server
      .anonymous()
      .get<{ id: number }[]>(`/api/public/articles?q=${encodeURIComponent('довідка воду')}`);
    expect(res.status).toBe(200);
    const ids = res.body.map((a) => a.id);
    expect(ids).toContain(pub.id);
    expect(ids).not.toContain(internal.id);
    const hidden = await server.anonymous().get(`/api/public/articles/${internal.id}`);
    expect(hidden.status).toBe(404);
  });
});

/** Register an appeal over the API and mark it closed in the database (selection reads only that). */
async function closedBySql(overrides: Record<string, unknown> = {}): Promise<number> {
  const res = await operator.post<{ id: number }>(
    '/api/v1/appeals',
    appealBody(questionTypeId, overrides),
  );
  expect(res.status).toBe(201);
  await server.ctx.deps.db
    .updateTable('appeals')
    .set({ status: 'closed', closed_at: new Date(clock), result: 'done_confirmed' })
    .where('id', '=', res.body.id)
    .execute();
  return res.body.id;
}

/** The executor answers and the controller accepts: a really closed appeal, as in production. */
async function closedByWork(): Promise<number> {
  const res = await operator.post<{ id: number }>('/api/v1/appeals', appealBody(questionTypeId));
  expect(res.status).toBe(201);
  const executor = await server.signIn('executor', executorId);
  const controller = await server.signIn('controller');
  expect((await executor.post(`/api/v1/appeals/${res.body.id}/accept`)).status).toBe(200);
  expect(
    (await executor.post(`/api/v1/appeals/${res.body.id}/responses`, { text: 'Виконано' })).status,
  ).toBe(201);
  const review = await controller.post(`/api/v1/appeals/${res.body.id}/review`, {
    decision: 'accept',
    result: 'done_confirmed',
  });
  expect(review.status).toBe(200);
  return res.body.id;
}

async function rate(appealId: number, rating: number): Promise<void> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO submissions (tracking_number, channel, question_type_id, description, applicant_name,
                             applicant_phone, consent_given_at, consent_source, request_hash,
                             attributes, received_at, appeal_id, state)
    VALUES (${`T-${appealId}`}, 'open311', ${questionTypeId}, 'Опис', 'Вигадана Особа',
            '067 555 00 09', now(), 'api_client', ${`h-${appealId}`}, '{}'::jsonb, now(),
            ${appealId}, 'registered')
    RETURNING id`.execute(server.ctx.deps.db);
  await server.ctx.deps.db
    .insertInto('appeal_feedback')
    .values({
      appeal_id: appealId,
      submission_id: rows[0]!.id,
      verdict: 'confirm',
      rating,
      result: 'done_confirmed',
    })
    .execute();
}

describe('the call-back queue', () => {
  const rules: CallbackRules = {
    allPrivileged: true,
    maxLowRating: 2,
    samplePercent: 30,
    maxTries: 3,
    hoursBetweenTries: 3,
  };

  it('takes exactly the closed appeals its rules select', async () => {
    await setCallbackRules(server.ctx.deps, rules);
    await enqueueClosedAppeals(server.ctx.deps); // whatever earlier tests closed
    const privileged = await closedBySql({
      applicant: {
        fullName: 'Вигаданенко Пільга',
        phones: ['067 555 00 01'],
        privilegedCategory: 'veteran',
      },
    });
    const lowRated = await closedBySql();
    await rate(lowRated, 1);
    const wellRated = await closedBySql();
    await rate(wellRated, 5);
    const refused = await closedBySql({
      applicant: {
        fullName: 'Вигаданенко Відмова',
        phones: ['067 555 00 02'],
        privilegedCategory: 'veteran',
      },
    });
    const refusedApplicant = await server.ctx.deps.db
      .selectFrom('appeals')
      .select('applicant_id')
      .where('id', '=', refused)
      .executeTakeFirstOrThrow();
    await server.ctx.deps.db
      .insertInto('callback_refusals')
      .values({ applicant_id: refusedApplicant.applicant_id!, recorded_at: new Date(clock) })
      .execute();
    const rest: number[] = [];
    for (let i = 0; i < 30; i++) rest.push(await closedBySql());
    const open = (
      await operator.post<{ id: number }>('/api/v1/appeals', appealBody(questionTypeId))
    ).body.id;

    const queuedNow = await enqueueClosedAppeals(server.ctx.deps);
    const queued = await server.ctx.deps.db
      .selectFrom('callback_surveys')
      .select(['appeal_id', 'reason'])
      .where('appeal_id', 'in', [privileged, lowRated, wellRated, refused, open, ...rest])
      .execute();
    const reasons = new Map(queued.map((q) => [q.appeal_id, q.reason]));
    expect(reasons.get(privileged)).toBe('privileged');
    expect(reasons.get(lowRated)).toBe('low_rating');
    expect(reasons.has(refused)).toBe(false);
    expect(reasons.has(open)).toBe(false);
    const appealRows = await server.ctx.deps.db
      .selectFrom('appeals')
      .select(['id', 'privileged'])
      .where('id', 'in', [wellRated, ...rest])
      .execute();
    for (const a of appealRows) {
      const expected = callbackReason(rules, {
        appealId: a.id,
        hasApplicant: true,
        privileged: a.privileged,
        rating: a.id === wellRated ? 5 : null,
        refusedContact: false,
      });
      expect(reasons.get(a.id) ?? null, `appeal ${a.id}`).toBe(expected);
    }
    expect(queuedNow).toBe(queued.length);
    // Idempotent: a second run (another process, the next tick) queues nothing more.
    expect(await enqueueClosedAppeals(server.ctx.deps)).toBe(0);
    expect((await runCallbackJob(server.ctx.deps)).queued).toBe(0);
  });

  it('over 10,000 closures in the database queues exactly the sampled ones, within ±2 pp of the share', async () => {
    const share = { ...rules, samplePercent: 10 };
    await setCallbackRules(server.ctx.deps, share);
    const template = await closedBySql();
    await enqueueClosedAppeals(server.ctx.deps); // the template and whatever earlier tests closed
    const row = await server.ctx.deps.db
      .selectFrom('appeals')
      .selectAll()
      .where('id', '=', template)
      .executeTakeFirstOrThrow();
    const columns = Object.keys(row).filter((c) => !['id', 'number', 'search_vector'].includes(c));
    const list = sql.join(columns.map((c) => sql.ref(c)));
    const copied = sql.join(columns.map((c) => sql.ref(`t.${c}`)));
    const { rows: made } = await sql<{ id: number }>`
      INSERT INTO appeals (number, ${list})
      SELECT 'CB-' || g, ${copied} FROM appeals t, generate_series(1, 10000) g WHERE t.id = ${template}
      RETURNING id`.execute(server.ctx.deps.db);
    expect(made).toHaveLength(10_000);
    const ids = made.map((m) => m.id);

    await enqueueClosedAppeals(server.ctx.deps);
    const queued: { appeal_id: number; reason: string }[] = [];
    for (let i = 0; i < ids.length; i += 2_000)
      queued.push(
        ...(await server.ctx.deps.db
          .selectFrom('callback_surveys')
          .select(['appeal_id', 'reason'])
          .where('appeal_id', 'in', ids.slice(i, i + 2_000))
          .execute()),
      );
    const expected = ids.filter(
      (id) =>
        callbackReason(share, {
          appealId: id,
          hasApplicant: true,
          privileged: false,
          rating: null,
          refusedContact: false,
        }) === 'sampled',
    );
    expect(queued.map((q) => q.appeal_id).sort((a, b) => a - b)).toEqual(expected);
    expect(new Set(queued.map((q) => q.reason))).toEqual(new Set(['sampled']));
    expect(Math.abs((queued.length / ids.length) * 100 - share.samplePercent)).toBeLessThanOrEqual(
      2,
    );

    // Leave the queue as it was for the other tests: these closures are a year old now.
    for (let i = 0; i < ids.length; i += 2_000) {
      const part = ids.slice(i, i + 2_000);
      await server.ctx.deps.db
        .deleteFrom('callback_surveys')
        .where('appeal_id', 'in', part)
        .execute();
      await server.ctx.deps.db
        .updateTable('appeals')
        .set({ closed_at: new Date(clock - 365 * 86_400_000) })
        .where('id', 'in', part)
        .execute();
    }
  });

  it('lists the queue for the operator; a "not solved" answer sends the appeal to check', async () => {
    await setCallbackRules(server.ctx.deps, { ...rules, samplePercent: 100 });
    const appealId = await closedByWork();
    const job = await runCallbackJob(server.ctx.deps);
    expect(job.ran).toBe(true);
    const queue = await operator.get<{ id: number; appealId: number; due: boolean }[]>(
      '/api/v1/callbacks?limit=200',
    );
    expect(queue.status).toBe(200);
    const survey = queue.body.find((s) => s.appealId === appealId);
    expect(survey).toMatchObject({ due: true });

    const answer = await operator.post(`/api/v1/callbacks/${survey!.id}/attempts`, {
      reached: true,
      solved: false,
      satisfaction: 2,
      wouldCallAgain: false,
      comment: 'Вода досі тече зі стелі',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'completed' });
    const appeal = await server.ctx.deps.db
      .selectFrom('appeals')
      .select('status')
      .where('id', '=', appealId)
      .executeTakeFirstOrThrow();
    expect(appeal.status).toBe('on_check');
    const event = await server.ctx.deps.db
      .selectFrom('appeal_events')
      .select(['type', 'comment'])
      .where('appeal_id', '=', appealId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      type: 'not_solved_on_callback',
      comment: 'Вода досі тече зі стелі',
    });
    const again = await operator.post(`/api/v1/callbacks/${survey!.id}/attempts`, {
      reached: false,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'callback_survey_closed' });

    // What the executors' ratings read (ADR 039, "How a rating reads the call-back results").
    const { rows: rating } = await sql<{
      executor_id: number;
      surveys: string | number;
      solved_share: string | number;
      satisfaction: string | number;
      loyalty: string | number;
    }>`SELECT asg.executor_id, count(*) AS surveys, avg(s.solved::int) AS solved_share,
              avg(s.satisfaction) AS satisfaction, avg(s.would_call_again::int) AS loyalty
         FROM callback_surveys s
         JOIN LATERAL (SELECT executor_id FROM assignments a
                        WHERE a.appeal_id = s.appeal_id AND a.role = 'main'
                        ORDER BY a.id DESC LIMIT 1) asg ON true
        WHERE s.state = 'completed' AND s.appeal_id = ${appealId}
        GROUP BY asg.executor_id`.execute(server.ctx.deps.db);
    expect(
      rating.map((r) => ({
        executor: r.executor_id,
        surveys: Number(r.surveys),
        solved: Number(r.solved_share),
        satisfaction: Number(r.satisfaction),
        loyalty: Number(r.loyalty),
      })),
    ).toEqual([{ executor: executorId, surveys: 1, solved: 0, satisfaction: 2, loyalty: 0 }]);
  });

  it('three unanswered tries at different hours drop the survey', async () => {
    await setCallbackRules(server.ctx.deps, { ...rules, samplePercent: 100 });
    const appealId = await closedBySql();
    await enqueueClosedAppeals(server.ctx.deps);
    const survey = await server.ctx.deps.db
      .selectFrom('callback_surveys')
      .select('id')
      .where('appeal_id', '=', appealId)
      .executeTakeFirstOrThrow();
    const url = `/api/v1/callbacks/${survey.id}/attempts`;
    expect((await operator.post(url, { reached: false })).body).toMatchObject({ state: 'queued' });
    const tooSoon = await operator.post(url, { reached: false });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body).toMatchObject({ error: 'callback_too_soon' });
    clock += 4 * 3_600_000;
    expect((await operator.post(url, { reached: false })).body).toMatchObject({ state: 'queued' });
    clock += 4 * 3_600_000;
    expect((await operator.post(url, { reached: false })).body).toMatchObject({
      state: 'dropped',
    });
    const attempts = await server.ctx.deps.db
      .selectFrom('callback_attempts')
      .select('id')
      .where('survey_id', '=', survey.id)
      .execute();
    expect(attempts).toHaveLength(3);
  });

  it('validates the rules and the answer', async () => {
    const supervisor = await server.signIn('supervisor');
    const bad = await supervisor.request('PUT', '/api/v1/callbacks/rules', {
      ...rules,
      samplePercent: 140,
    });
    expect(bad.status).toBe(400);
    const ok = await supervisor.request('PUT', '/api/v1/callbacks/rules', rules);
    expect(ok.status).toBe(200);
    const partial = await operator.post('/api/v1/callbacks/987654321/attempts', {
      reached: true,
    });
    expect(partial.status).toBe(400);
    const missing = await operator.post('/api/v1/callbacks/987654321/attempts', {
      reached: false,
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'callback_survey_not_found' });
  });
});
