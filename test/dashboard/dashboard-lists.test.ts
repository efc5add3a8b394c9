/**
 * The supervisor's page agrees with itself and with the lists it opens (issue 12): every figure
 * equals the count of `/appeals?queue=<key>`, the overdue rows (appeals without an executor are a
 * row of their own) add up to the overdue figure, and each row's list holds as many appeals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

interface Dashboard {
  figures: { key: string; count: number }[];
  byStatus: { status: string; count: number }[];
  overdueByExecutor: { executorId: number | null; count: number; others?: boolean }[];
}

let server: TestServer;
let supervisor: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  const { questionTypeId } = await routedQuestionType(server.ctx.deps);
  const operator = await server.signIn('operator');
  const past = '2026-01-05T10:00:00+02:00';
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receivedAt: past }),
    );
    ids.push(res.body.id);
  }
  await operator.post('/api/v1/appeals', appealBody(questionTypeId));
  // One overdue appeal its executor returned: it has no executor now.
  await server.ctx.deps.db
    .updateTable('assignments')
    .set({ state: 'returned' })
    .where('appeal_id', '=', ids[0]!)
    .execute();
  supervisor = await server.signIn('supervisor');
});
afterAll(() => server.close());

const count = async (query: string) =>
  (await supervisor.get<{ count: number }>(`/api/v1/appeals/count?${query}`)).body.count;

describe('the supervisor’s page', () => {
  it('shows figures that equal the lists they open, and overdue rows that add up', async () => {
    const res = await supervisor.get<Dashboard>('/api/v1/dashboard');
    expect(res.status).toBe(200);
    const { figures, overdueByExecutor, byStatus } = res.body;
    expect(figures.map((f) => f.key)).toEqual([
      'overdue',
      'due_soon',
      'on_check',
      'needs_routing',
      'open',
    ]);
    for (const figure of figures)
      expect(await count(`queue=${figure.key}`), figure.key).toBe(figure.count);
    const overdue = figures.find((f) => f.key === 'overdue')!.count;
    expect(overdue).toBe(3);
    expect(overdueByExecutor.reduce((n, r) => n + r.count, 0)).toBe(overdue);
    const none = overdueByExecutor.find((r) => r.executorId === null && !r.others);
    expect(none?.count).toBe(1);
    for (const row of overdueByExecutor) {
      if (row.others) continue;
      expect(await count(`queue=overdue&mainExecutorId=${row.executorId ?? 'none'}`)).toBe(
        row.count,
      );
    }
    const open = byStatus.filter((s) => s.status !== 'closed').reduce((n, s) => n + s.count, 0);
    expect(figures.find((f) => f.key === 'open')!.count).toBe(open);
  });
});
