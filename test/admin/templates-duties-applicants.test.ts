/**
 * Issue 14, second part, on a real database: notification templates (checked, stored, used by
 * sending, reset), duties (regulation 5.4.3: controllers to executors, operators to queues, the
 * review queue's "mine"), applicants (search in normal forms, edit with history, duplicates,
 * merge and undo; Art. 8 sees the merged history) and the log of personal-data reads. Each
 * refusal by role is checked here; the access matrix covers every role × operation.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, makeUser, routedQuestionType, uniqueWord } from '../factories.js';
import { ApiClient, startTestServer, type TestServer } from '../http.js';
import { enqueueNotifications } from '../../src/server/notifications/outbox.js';
import { loadCalendar } from '../../src/server/calendar/calendar.repository.js';

let server: TestServer;
let admin: ApiClient & { userId: number };
let supervisor: ApiClient & { userId: number };
const unique = () => randomBytes(3).toString('hex');

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('administrator');
  supervisor = await server.signIn('supervisor');
});
afterAll(() => server.close());

interface Template {
  kind: string;
  locale: string;
  subject: string;
  body: string;
  isDefault: boolean;
  placeholders: string[];
}

async function queueOne(kind: 'appeal_overdue', key: string) {
  const now = server.ctx.deps.now();
  const calendar = await loadCalendar(server.ctx.deps.db, 'Europe/Kyiv', now);
  await enqueueNotifications(
    server.ctx.deps.db,
    [
      {
        dedupeKey: key,
        kind,
        recipientEmail: 'kp@example.org',
        locale: 'uk',
        params: { number: '2026-000777', deadline: '1 груд.', executor: 'КП', link: 'L' },
      },
    ],
    { now, calendar },
  );
  return server.ctx.deps.db
    .selectFrom('notifications')
    .select(['subject', 'body'])
    .where('dedupe_key', '=', key)
    .executeTakeFirstOrThrow();
}

describe('notification templates', () => {
  it('lists every kind in uk and en with its placeholders', async () => {
    const res = await admin.get<Template[]>('/api/v1/admin/notification-templates');
    expect(res.status).toBe(200);
    // 26 kinds (18, issue 16's three works notices, issue 20's letter receipt, issue 18's
    // monitoring alert and morning digest, issue 19's article review, issue 17's scheduled
    // report) × uk, en.
    expect(res.body).toHaveLength(26 * 2);
    const overdue = res.body.find((t) => t.kind === 'appeal_overdue' && t.locale === 'en');
    expect(overdue?.placeholders).toEqual(['deadline', 'executor', 'link', 'number']);
  });

  it('refuses an unknown placeholder and unbalanced braces with stable codes, storing nothing', async () => {
    const unknown = await admin.request(
      'PUT',
      '/api/v1/admin/notification-templates/appeal_overdue/uk',
      { subject: 'Прострочено {{number}}', body: 'Шановний {{applicantName}}' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('template_unknown_placeholder');
    for (const body of ['Звернення {{number}', 'Звернення {number}', '{{#approved}}так']) {
      const broken = await admin.request(
        'PUT',
        '/api/v1/admin/notification-templates/appeal_overdue/uk',
        { subject: 'Прострочено {{number}}', body },
      );
      expect(broken.status).toBe(400);
      expect(broken.body.error).toBe('template_syntax');
    }
    const preview = await admin.post(
      '/api/v1/admin/notification-templates/appeal_overdue/uk/preview',
      {
        subject: 'x',
        body: '{{code}}',
      },
    );
    expect(preview.body.error).toBe('template_unknown_placeholder');
    const stored = await server.ctx.deps.db
      .selectFrom('notification_templates')
      .select('kind')
      .where('kind', '=', 'appeal_overdue')
      .execute();
    expect(stored).toEqual([]);
  });

  it('previews on a sample, stores with an audit entry, is used by sending, and resets', async () => {
    const draft = { subject: 'ТЕРМІНОВО: {{number}}', body: 'Строк {{deadline}} минув. {{link}}' };
    const preview = await admin.post<{ subject: string }>(
      '/api/v1/admin/notification-templates/appeal_overdue/uk/preview',
      draft,
    );
    expect(preview.body.subject).toBe('ТЕРМІНОВО: 2026-000123');
    const saved = await admin.request<Template>(
      'PUT',
      '/api/v1/admin/notification-templates/appeal_overdue/uk',
      draft,
    );
    expect(saved.status).toBe(200);
    expect(saved.body.isDefault).toBe(false);
    const sent = await queueOne('appeal_overdue', `t-${unique()}`);
    expect(sent.subject).toBe('ТЕРМІНОВО: 2026-000777');
    expect(sent.body).toBe('Строк 1 груд. минув. L');
    const audit = await admin.get<{ entries: { action: string }[] }>(
      '/api/v1/admin/audit?target=/notification-templates/appeal_overdue/uk',
    );
    expect(audit.body.entries.map((e) => e.action)).toContain('saveNotificationTemplate');
    const reset = await admin.request<Template>(
      'DELETE',
      '/api/v1/admin/notification-templates/appeal_overdue/uk',
    );
    expect(reset.body.isDefault).toBe(true);
    const again = await queueOne('appeal_overdue', `t-${unique()}`);
    expect(again.subject).toBe('Прострочено звернення 2026-000777');
  });

  it('is refused to every role but the administrator', async () => {
    for (const role of ['operator', 'supervisor', 'controller', 'analyst'] as const) {
      const client = await server.signIn(role);
      const res = await client.request(
        'PUT',
        '/api/v1/admin/notification-templates/appeal_overdue/en',
        { subject: 'x {{number}}', body: 'y' },
      );
      expect(res.status).toBe(403);
    }
  });
});

describe('duties (regulation 5.4.3)', () => {
  interface Duties {
    controllers: { id: number; executorIds: number[] }[];
    operators: { id: number; queues: string[] }[];
    uncovered: { executorIds: number[]; queues: string[] };
  }

  it('the head assigns a controller to an executor; the review queue shows "mine" apart', async () => {
    const deps = server.ctx.deps;
    const { questionTypeId, executorId } = await routedQuestionType(deps);
    const controller = await server.signIn('controller');
    const res = await supervisor.request<Duties>(
      'PUT',
      `/api/v1/duties/controllers/${controller.userId}`,
      { executorIds: [executorId] },
    );
    expect(res.status).toBe(200);
    expect(res.body.controllers.find((c) => c.id === controller.userId)?.executorIds).toEqual([
      executorId,
    ]);
    expect(res.body.uncovered.executorIds).not.toContain(executorId);
    const operator = await server.signIn('operator');
    const appeal = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    expect(appeal.status).toBe(201);
    const mine = await controller.get<{ items: { id: number }[] }>(
      '/api/v1/appeals?queue=open&mine=true&limit=100',
    );
    expect(mine.body.items.map((a) => a.id)).toContain(appeal.body.id);
    const others = await controller.get<{ items: { id: number }[] }>(
      '/api/v1/appeals?queue=open&mine=false&limit=100',
    );
    expect(others.body.items.map((a) => a.id)).not.toContain(appeal.body.id);
    const audit = await supervisor.get<{ entries: { action: string }[] }>(
      `/api/v1/admin/audit?target=/duties/controllers/${controller.userId}`,
    );
    expect(audit.body.entries.map((e) => e.action)).toEqual(['setControllerDuties']);
  });

  it('assigns queues by role: moderation needs a moderator; gaps are listed', async () => {
    const operator = await makeUser(server.ctx.deps, 'operator');
    const moderator = await makeUser(server.ctx.deps, 'moderator');
    const refused = await supervisor.request('PUT', `/api/v1/duties/operators/${operator.id}`, {
      queues: ['moderation'],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('duty_role_mismatch');
    const ok = await supervisor.request<Duties>('PUT', `/api/v1/duties/operators/${moderator.id}`, {
      queues: ['moderation', 'email'],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.operators.find((o) => o.id === moderator.id)?.queues).toEqual([
      'moderation',
      'email',
    ]);
    expect(ok.body.uncovered.queues).not.toContain('moderation');
    const notController = await supervisor.request(
      'PUT',
      `/api/v1/duties/controllers/${operator.id}`,
      { executorIds: [] },
    );
    expect(notController.body.error).toBe('duty_role_mismatch');
  });

  it('is refused to every role but the head of the centre', async () => {
    for (const role of ['operator', 'controller', 'administrator', 'moderator'] as const) {
      const client = await server.signIn(role);
      expect((await client.get('/api/v1/duties')).status).toBe(403);
    }
  });
});

describe('applicants', () => {
  async function register(client: ApiClient, questionTypeId: number, applicant: object) {
    const res = await client.post<{ id: number; applicantId: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { applicant }),
    );
    expect(res.status).toBe(201);
    return res.body;
  }

  it('searches by phone in any spelling and by name with apostrophe and Latin look-alikes; reads are logged', async () => {
    const { questionTypeId } = await routedQuestionType(server.ctx.deps);
    const operator = await server.signIn('operator');
    const tag = unique();
    const digits = String(Date.now()).slice(-7);
    const phone = `067${digits}`;
    const made = await register(operator, questionTypeId, {
      fullName: `Солом’янська Ірина ${tag}`,
      phones: [phone],
    });
    const byPhone = await operator.get<{ id: number }[]>(
      `/api/v1/applicant-records?q=${encodeURIComponent(`+38 (067) ${digits}`)}`,
    );
    expect(byPhone.body.map((a) => a.id)).toContain(made.applicantId);
    // Latin "o" and "i", a backtick for the apostrophe.
    const byName = await operator.get<{ id: number }[]>(
      `/api/v1/applicant-records?q=${encodeURIComponent(`Coлом\`янська Iрина ${tag}`)}`,
    );
    expect(byName.body.map((a) => a.id)).toEqual([made.applicantId]);
    const reads = await supervisor.get<{ entries: { actorId: number; data: { via: string } }[] }>(
      `/api/v1/admin/audit?action=readApplicant&target=/applicants/${made.applicantId}`,
    );
    expect(reads.body.entries.some((e) => e.actorId === operator.userId)).toBe(true);
    expect(reads.body.entries.map((e) => e.data.via)).toContain('applicant_search');
  });

  it('opening the card logs the read of the applicant’s personal data (who, which applicant)', async () => {
    const { questionTypeId } = await routedQuestionType(server.ctx.deps);
    const operator = await server.signIn('operator');
    const made = await register(operator, questionTypeId, {
      fullName: `Card Reader ${unique()}`,
      phones: [`050${String(Date.now()).slice(-7)}`],
    });
    const controller = await server.signIn('controller');
    expect((await controller.get(`/api/v1/appeals/${made.id}`)).status).toBe(200);
    const reads = await admin.get<{ entries: { actorId: number; data: { appealId: number } }[] }>(
      `/api/v1/admin/audit?action=readApplicant&target=/applicants/${made.applicantId}`,
    );
    const mine = reads.body.entries.filter((e) => e.actorId === controller.userId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.data.appealId).toBe(made.id);
  });

  it('edits with history; the operator may edit but not merge', async () => {
    const { questionTypeId } = await routedQuestionType(server.ctx.deps);
    const operator = await server.signIn('operator');
    const made = await register(operator, questionTypeId, {
      fullName: `Edit Me ${unique()}`,
      phones: [`063${String(Date.now()).slice(-7)}`],
    });
    const edited = await operator.request<{ email: string }>(
      'PATCH',
      `/api/v1/applicant-records/${made.applicantId}`,
      { email: 'person@example.org', address: 'вул. Нова, 5' },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.email).toBe('person@example.org');
    const history = await operator.get<{
      entries: { action: string; data: { before: { email: null }; after: { email: string } } }[];
    }>(`/api/v1/applicant-records/${made.applicantId}/history`);
    expect(history.body.entries[0]!.action).toBe('updateApplicant');
    expect(history.body.entries[0]!.data.after.email).toBe('person@example.org');
    expect(history.body.entries[0]!.data.before.email).toBeNull();
    const merge = await operator.post('/api/v1/applicant-records/merges', {
      survivorId: made.applicantId,
      mergedId: made.applicantId,
    });
    expect(merge.status).toBe(403);
    for (const role of ['analyst', 'administrator', 'executor'] as const) {
      const client =
        role === 'executor'
          ? await server.signIn(role, (await routedQuestionType(server.ctx.deps)).executorId)
          : await server.signIn(role);
      expect((await client.get('/api/v1/applicant-records?q=Edit')).status).toBe(403);
    }
  });

  it('proposes duplicates, merges them (Art. 8 then sees the merged history) and undoes the merge', async () => {
    const deps = server.ctx.deps;
    const { questionTypeId } = await routedQuestionType(deps);
    const operator = await server.signIn('operator');
    const tag = unique();
    const street = uniqueWord();
    const address = `вул. Під’їзна ${street}, 12а`;
    // The same person twice: apostrophe and a Latin "i" differ; different phones.
    const first = await register(operator, questionTypeId, {
      fullName: `Гаврилюк Марія ${tag}`,
      phones: [`066${String(Date.now()).slice(-7)}`],
      address,
    });
    const second = await register(operator, questionTypeId, {
      fullName: `Гаврилюк Марiя ${tag}`,
      phones: [`068${String(Date.now()).slice(-7)}`],
      address: `вул. Під'їзна ${street}, 12-А`,
    });
    expect(second.applicantId).not.toBe(first.applicantId);
    // The first appeal was decided on the merits.
    await deps.db
      .updateTable('appeals')
      .set({ status: 'closed', result: 'explained', closed_at: deps.now() })
      .where('id', '=', first.id)
      .execute();
    const check = (applicantId: number) =>
      operator.get<{ repeatOf: { id: number } | null }>(
        `/api/v1/appeals/repeat-check?applicantId=${applicantId}&questionTypeId=${questionTypeId}`,
      );
    expect((await check(second.applicantId)).body.repeatOf?.id).not.toBe(first.id);
    const proposals = await supervisor.get<{ reason: string; applicants: { id: number }[] }[]>(
      `/api/v1/applicant-records/duplicates?applicantId=${second.applicantId}`,
    );
    expect(proposals.status).toBe(200);
    const proposal = proposals.body.find((p) => p.reason === 'name_address');
    expect(proposal?.applicants.map((a) => a.id)).toEqual(
      [first.applicantId, second.applicantId].sort((a, b) => a - b),
    );
    const merged = await supervisor.post<{ id: number; appealIds: number[] }>(
      '/api/v1/applicant-records/merges',
      { survivorId: second.applicantId, mergedId: first.applicantId },
    );
    expect(merged.status).toBe(201);
    expect(merged.body.appealIds).toEqual([first.id]);
    // Art. 8: the survivor's repeat check now finds the decided appeal of the merged record.
    expect((await check(second.applicantId)).body.repeatOf?.id).toBe(first.id);
    const survivor = await operator.get<{ phones: string[]; appealCount: number }>(
      `/api/v1/applicant-records/${second.applicantId}`,
    );
    expect(survivor.body.phones).toHaveLength(2);
    expect(survivor.body.appealCount).toBe(2);
    const twice = await supervisor.post('/api/v1/applicant-records/merges', {
      survivorId: second.applicantId,
      mergedId: first.applicantId,
    });
    expect(twice.body.error).toBe('applicant_merged');
    const undone = await supervisor.post<{ undoneAt: string }>(
      `/api/v1/applicant-records/merges/${merged.body.id}/undo`,
    );
    expect(undone.status).toBe(200);
    expect((await check(first.applicantId)).body.repeatOf?.id).toBe(first.id);
    const back = await operator.get<{ phones: string[]; appealCount: number }>(
      `/api/v1/applicant-records/${second.applicantId}`,
    );
    expect(back.body.phones).toHaveLength(1);
    expect(back.body.appealCount).toBe(1);
    const again = await supervisor.post(`/api/v1/applicant-records/merges/${merged.body.id}/undo`);
    expect(again.body.error).toBe('merge_undone');
    const audit = await admin.get<{ entries: { action: string }[] }>(
      `/api/v1/admin/audit?target=/applicants/${second.applicantId}&action=Merge`,
    );
    expect(audit.body.entries.map((e) => e.action).sort()).toEqual([
      'mergeApplicants',
      'undoApplicantMerge',
    ]);
  });
});
