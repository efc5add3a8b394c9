/**
 * Access that outlives its reason (issue 11, item 13): an executor whose assignment ended keeps
 * the history, not the contacts nor later files, and cannot upload; a deactivated user's sessions
 * and tokens are revoked; explanation requests are seen only by the roles that handle them;
 * analyst and administrator see the address without flat or entrance and a cleaned description.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, otherOrganisation, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let formerExecutor: ApiClient;
let newExecutor: ApiClient;
let appealId: number;
let earlyFile: string;
let lateFile: string;

interface Card {
  applicant: unknown;
  address: string | null;
  description: string;
  attachments: { url: string }[];
  history: { type: string }[];
  allowedActions: string[];
}

function file(name: string): FormData {
  const data = new FormData();
  data.append('file', new Blob(['текст'], { type: 'text/plain' }), name);
  return data;
}

beforeAll(async () => {
  server = await startTestServer();
  const routed = await routedQuestionType(server.ctx.deps);
  const otherOrg = await otherOrganisation(server.ctx.deps, routed.executorId);
  operator = await server.signIn('operator');
  formerExecutor = await server.signIn('executor', routed.executorId);
  newExecutor = await server.signIn('executor', otherOrg);
  const created = await operator.post<{ id: number }>(
    '/api/v1/appeals',
    appealBody(routed.questionTypeId, {
      address: "вул. Тестова, 1, кв. 5, під'їзд 2",
      description: 'Тече кран. Телефонуйте Петренко О.І. 067 123 45 67 або ivan@example.com',
    }),
  );
  appealId = created.body.id;
  const early = await formerExecutor.request<{ url: string }>(
    'POST',
    `/api/v1/appeals/${appealId}/attachments`,
    file('до.txt'),
  );
  earlyFile = early.body.url;
  const back = await formerExecutor.post(`/api/v1/appeals/${appealId}/not-in-competence`, {
    comment: 'Не наша компетенція',
  });
  expect(back.status).toBe(200);
  server.ctx.setNow(new Date(Date.now() + 5_000));
  const assigned = await operator.post(`/api/v1/appeals/${appealId}/assignments`, {
    executorId: otherOrg,
  });
  expect(assigned.status).toBeLessThan(300);
  const late = await newExecutor.request<{ url: string }>(
    'POST',
    `/api/v1/appeals/${appealId}/attachments`,
    file('після.txt'),
  );
  expect(late.status).toBe(201);
  lateFile = late.body.url;
  server.ctx.setNow(null);
});
afterAll(() => server.close());

describe('an executor whose assignment ended', () => {
  it('keeps the history it took part in, not the contacts nor later files', async () => {
    const card = await formerExecutor.get<Card>(`/api/v1/appeals/${appealId}`);
    expect(card.status).toBe(200);
    expect(card.body.history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['registered', 'attachment_added', 'returned_not_in_competence']),
    );
    expect(card.body.applicant).toBeNull();
    expect(card.body.attachments.map((a) => a.url)).toEqual([earlyFile]);
    expect(card.body.allowedActions).toEqual([]);
    expect((await formerExecutor.get(lateFile)).status).toBe(404);
    expect((await formerExecutor.get(earlyFile)).status).toBe(200);
  });

  it('cannot upload', async () => {
    const res = await formerExecutor.request(
      'POST',
      `/api/v1/appeals/${appealId}/attachments`,
      file('ще.txt'),
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'assignment_ended' });
  });

  it('the new executor sees the contacts and every file', async () => {
    const card = await newExecutor.get<Card>(`/api/v1/appeals/${appealId}`);
    expect(typeof (card.body.applicant as { fullName?: unknown } | null)?.fullName).toBe('string');
    expect(card.body.attachments).toHaveLength(2);
  });
});

describe('a deactivated user', () => {
  it('loses its sessions and API tokens for good', async () => {
    const user = await server.signIn('operator');
    const token = await user.post<{ token: string }>('/api/v1/api-tokens', { name: 'script' });
    expect(token.status).toBe(201);
    const admin = await server.signIn('administrator');
    const off = await admin.post(`/api/v1/users/${user.userId}/deactivate`);
    expect(off.status).toBe(200);
    expect((await user.get('/api/v1/auth/me')).status).toBe(401);
    const bearer = await fetch(`${server.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${token.body.token}` },
    });
    expect(bearer.status).toBe(401);
    const db = server.ctx.deps.db;
    expect(
      await db
        .selectFrom('sessions')
        .select('user_id')
        .where('user_id', '=', user.userId)
        .execute(),
    ).toEqual([]);
    const tokens = await db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('user_id', '=', user.userId)
      .execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.revoked_at).toBeInstanceOf(Date);
    // Turned back on (in the database), nothing of the old access returns.
    await db.updateTable('users').set({ active: true }).where('id', '=', user.userId).execute();
    expect((await user.get('/api/v1/auth/me')).status).toBe(401);
    const again = await fetch(`${server.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${token.body.token}` },
    });
    expect(again.status).toBe(401);
  });
});

describe('explanation requests', () => {
  it.each(['operator', 'analyst', 'administrator', 'dispatcher', 'moderator'] as const)(
    'are not shown to the %s',
    async (role) => {
      const client = await server.signIn(role);
      expect((await client.get('/api/v1/explanation-requests')).status).toBe(403);
    },
  );
  it.each(['controller', 'supervisor'] as const)('are shown to the %s', async (role) => {
    const client = await server.signIn(role);
    expect((await client.get('/api/v1/explanation-requests')).status).toBe(200);
  });
  it('are shown to an executor (its own)', async () => {
    expect((await newExecutor.get('/api/v1/explanation-requests')).status).toBe(200);
  });
});

describe('roles without personal-data access', () => {
  it.each(['analyst', 'administrator'] as const)(
    'the %s sees street and house only and a cleaned description',
    async (role) => {
      const client = await server.signIn(role);
      const card = await client.get<Card>(`/api/v1/appeals/${appealId}`);
      expect(card.body.address).toBe('вул. Тестова, 1');
      expect(card.body.applicant).toBeNull();
      expect(card.body.description).toContain('Тече кран');
      expect(card.body.description).not.toMatch(/067|ivan@|Петренко/);
      const list = await client.get<{ items: Card[] }>('/api/v1/appeals');
      const item = list.body.items.find((i) => i.description.startsWith('Тече кран'))!;
      expect(item.address).toBe('вул. Тестова, 1');
      expect(item.description).not.toMatch(/067|ivan@|Петренко/);
    },
  );
  it('the operator sees the address and text as given', async () => {
    const card = await operator.get<Card>(`/api/v1/appeals/${appealId}`);
    expect(card.body.address).toBe("вул. Тестова, 1, кв. 5, під'їзд 2");
    expect(card.body.description).toContain('067 123 45 67');
  });
});
