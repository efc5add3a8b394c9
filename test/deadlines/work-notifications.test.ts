/**
 * Work notifications (issue 12 item 8, ADR 027) over HTTP on a real database: the executor hears of
 * a new assignment and of a return for rework, a controller of a new answer, the operator who
 * registered an appeal of its return as "not in competence"; the bell's count, marking read, and
 * the user's own choice of e-mail. Each test makes its own executor organisation and users.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/server/executors/executors.service.js';
import { queueWorkNotifications } from '../../src/server/notifications/work-notifications.js';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let questionTypeId: number;

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId } = await routedQuestionType(server.ctx.deps));
});
afterAll(() => server.close());

interface Listed {
  id: number;
  kind: string;
  appealId: number | null;
  subject: string;
  body: string;
  read: boolean;
}

async function newExecutor(): Promise<{ orgId: number; executor: ApiClient & { userId: number } }> {
  const org = await createOrganisation(server.ctx.deps.db, {
    name: `КП "Тестсервіс ${randomBytes(3).toString('hex')}"`,
    type: 'utility_company',
  });
  return { orgId: org.id, executor: await server.signIn('executor', org.id) };
}

async function register(
  operator: ApiClient,
  executorId: number,
): Promise<{ id: number; number: string }> {
  const res = await operator.post<{ id: number; number: string }>(
    '/api/v1/appeals',
    appealBody(questionTypeId, { executorId }),
  );
  expect(res.status).toBe(201);
  return res.body;
}

async function listOf(client: ApiClient, appealId: number): Promise<Listed[]> {
  const res = await client.get<Listed[]>('/api/v1/notifications');
  expect(res.status).toBe(200);
  return res.body.filter((n) => n.appealId === appealId);
}

const work = () => queueWorkNotifications(server.ctx.deps);

describe('work notifications', () => {
  it('tell the executor of a new assignment; the bell counts it until it is read', async () => {
    const { orgId, executor } = await newExecutor();
    const operator = await server.signIn('operator');
    const appeal = await register(operator, orgId);
    expect(
      (await executor.get<{ count: number }>('/api/v1/notifications/unread-count')).body,
    ).toEqual({
      count: 0,
    });
    const report = await work();
    expect(report.ran).toBe(true);
    const [note, ...more] = await listOf(executor, appeal.id);
    expect(more).toEqual([]);
    expect(note!.kind).toBe('assignment_new');
    expect(note!.subject).toBe(`Нове доручення: звернення ${appeal.number}`);
    expect(note!.body).toContain('КП «Тестсервіс');
    expect(note!.body).toContain(`/appeals/${appeal.id}`);
    expect((await executor.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 1 });
    // The operator who registered it hears nothing of their own step.
    expect(await listOf(operator, appeal.id)).toEqual([]);

    // A second run queues nothing new.
    await work();
    expect(await listOf(executor, appeal.id)).toHaveLength(1);

    expect((await executor.post(`/api/v1/notifications/${note!.id}/read`)).status).toBe(204);
    expect((await executor.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
  });

  it('tell a controller of the answer, the executor of the rework and its reason, then only that controller of the next answer', async () => {
    const { orgId, executor } = await newExecutor();
    const operator = await server.signIn('operator');
    const controller = await server.signIn('controller');
    const otherController = await server.signIn('controller');
    const appeal = await register(operator, orgId);
    expect((await executor.post(`/api/v1/appeals/${appeal.id}/accept`)).status).toBe(200);
    const answer = { text: 'Трубу замінено, воду подано.' };
    expect((await executor.post(`/api/v1/appeals/${appeal.id}/responses`, answer)).status).toBe(
      201,
    );
    await work();
    for (const c of [controller, otherController]) {
      expect((await listOf(c, appeal.id)).map((n) => n.kind)).toEqual(['response_submitted']);
    }

    const rework = { decision: 'rework', comment: 'Додайте фото виконаних робіт' };
    expect((await controller.post(`/api/v1/appeals/${appeal.id}/review`, rework)).status).toBe(200);
    await work();
    const executorNotes = await listOf(executor, appeal.id);
    expect(executorNotes.map((n) => n.kind)).toEqual(['assignment_rework', 'assignment_new']);
    expect(executorNotes[0]!.subject).toBe(
      `Повернено на доопрацювання: звернення ${appeal.number}`,
    );
    expect(executorNotes[0]!.body).toContain('Причина: Додайте фото виконаних робіт');

    expect((await executor.post(`/api/v1/appeals/${appeal.id}/accept`)).status).toBe(200);
    expect((await executor.post(`/api/v1/appeals/${appeal.id}/responses`, answer)).status).toBe(
      201,
    );
    await work();
    expect((await listOf(controller, appeal.id)).map((n) => n.kind)).toEqual([
      'response_submitted',
      'response_submitted',
    ]);
    expect(await listOf(otherController, appeal.id)).toHaveLength(1);
  });

  it('tell the operator who registered an appeal that it came back as not in competence', async () => {
    const { orgId, executor } = await newExecutor();
    const operator = await server.signIn('operator');
    const appeal = await register(operator, orgId);
    const back = { comment: 'Це питання обласної служби автодоріг' };
    expect(
      (await executor.post(`/api/v1/appeals/${appeal.id}/not-in-competence`, back)).status,
    ).toBe(200);
    await work();
    const [note, ...more] = await listOf(operator, appeal.id);
    expect(more).toEqual([]);
    expect(note!.kind).toBe('appeal_returned');
    expect(note!.subject).toBe(`Повернено як «не в компетенції»: звернення ${appeal.number}`);
    expect(note!.body).toContain('Пояснення: Це питання обласної служби автодоріг');
  });

  it('marks all read at once', async () => {
    const { orgId, executor } = await newExecutor();
    const operator = await server.signIn('operator');
    await register(operator, orgId);
    await register(operator, orgId);
    await work();
    expect((await executor.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 2 });
    expect((await executor.post('/api/v1/notifications/read-all')).status).toBe(204);
    expect((await executor.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
  });
});

describe('e-mail, as each user chooses', () => {
  it('by default mails deadlines only; "all" mails the work too; "none" mails nothing', async () => {
    const { orgId, executor } = await newExecutor();
    const db = server.ctx.deps.db;
    await db
      .updateTable('users')
      .set({ email: 'vykonavets@example.org' })
      .where('id', '=', executor.userId)
      .execute();
    const settings = await executor.get('/api/v1/notifications/settings');
    expect(settings.body).toEqual({ email: 'vykonavets@example.org', notifyByEmail: 'deadlines' });
    const operator = await server.signIn('operator');
    const emailOf = async (appealId: number) =>
      (
        await db
          .selectFrom('notifications')
          .select('recipient_email')
          .where('appeal_id', '=', appealId)
          .where('recipient_user_id', '=', executor.userId)
          .executeTakeFirstOrThrow()
      ).recipient_email;

    const first = await register(operator, orgId);
    await work();
    expect(await emailOf(first.id)).toBeNull();

    const put = await executor.request('PUT', '/api/v1/notifications/settings', {
      notifyByEmail: 'all',
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ email: 'vykonavets@example.org', notifyByEmail: 'all' });
    const second = await register(operator, orgId);
    await work();
    expect(await emailOf(second.id)).toBe('vykonavets@example.org');

    await executor.request('PUT', '/api/v1/notifications/settings', { notifyByEmail: 'none' });
    const third = await register(operator, orgId);
    await work();
    expect(await emailOf(third.id)).toBeNull();

    const wrong = await executor.request('PUT', '/api/v1/notifications/settings', {
      notifyByEmail: 'sometimes',
    });
    expect(wrong.status).toBe(400);
  });
});
