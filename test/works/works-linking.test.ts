/**
 * Linking and informing (issue 16, items 3 and 5): an appeal of a hot-water question at a building
 * an active hot-water outage covers is linked to it and not routed; the operator can unlink it;
 * when the expected end moves and when the entry closes, each linked applicant with an e-mail gets
 * a message in the outbox (once per change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRegistry, appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let dispatcher: ApiClient;
let operator: ApiClient;
let questionTypeId: number;
let registry: Awaited<ReturnType<typeof addressRegistry>>;

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId } = await routedQuestionType(server.ctx.deps));
  await server.ctx.deps.db
    .updateTable('question_types')
    .set({ works_service: 'hot_water' })
    .where('id', '=', questionTypeId)
    .execute();
  registry = await addressRegistry(server.ctx.deps, questionTypeId, {
    current: 'Лінкова',
    former: 'Стара Лінкова',
  });
  dispatcher = await server.signIn('dispatcher');
  operator = await server.signIn('operator');
});
afterAll(() => server.close());

describe('appeals linked to works', () => {
  it('links, skips routing, unlinks, and tells linked applicants by e-mail', async () => {
    const start = new Date(server.ctx.deps.now().getTime() - 3600_000);
    const work = await dispatcher.post<{ id: number }>('/api/v1/works', {
      kind: 'emergency',
      service: 'hot_water',
      area: { streetIds: [registry.streetId] },
      startsAt: start.toISOString(),
      expectedEndAt: new Date(start.getTime() + 5 * 3600_000).toISOString(),
      reason: 'Пошкодження трубопроводу',
      publicTextUk: 'Аварія на тепломережі, гарячої води немає.',
    });
    expect(work.status).toBe(201);
    await dispatcher.post(`/api/v1/works/${work.body.id}/status`, { status: 'active' });

    const ids: number[] = [];
    for (const email of ['linked.one@example.test', 'linked.two@example.test', null]) {
      const res = await operator.post<{ id: number; executorId: number | null }>(
        '/api/v1/appeals',
        appealBody(questionTypeId, {
          address: 'вул. Лінкова, 12а',
          applicant: {
            fullName: `Заявник ${ids.length} Тестовий`,
            phones: [`067 111 22 ${30 + ids.length}`],
            ...(email ? { email } : {}),
          },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.executorId).toBeNull();
      ids.push(res.body.id);
    }
    const db = server.ctx.deps.db;
    const linked = await db
      .selectFrom('appeals')
      .select(['id', 'work_id'])
      .where('id', 'in', ids)
      .execute();
    expect(linked.every((a) => a.work_id === work.body.id)).toBe(true);
    const events = await db
      .selectFrom('appeal_events')
      .select('type')
      .where('appeal_id', '=', ids[0]!)
      .execute();
    expect(events.map((e) => e.type)).toContain('works_linked');

    const unlink = await operator.post(`/api/v1/appeals/${ids[2]}/works-unlink`);
    expect(unlink.status).toBe(200);
    const again = await operator.post(`/api/v1/appeals/${ids[2]}/works-unlink`);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('works_not_linked');

    await dispatcher.request('PATCH', `/api/v1/works/${work.body.id}`, {
      expectedEndAt: new Date(start.getTime() + 8 * 3600_000).toISOString(),
    });
    await dispatcher.post(`/api/v1/works/${work.body.id}/status`, { status: 'closed' });
    await dispatcher.post(`/api/v1/works/${work.body.id}/status`, { status: 'closed' });
    const mail = await db
      .selectFrom('notifications')
      .select(['kind', 'recipient_email'])
      .where('appeal_id', 'in', ids)
      .where('kind', 'in', ['work_changed', 'work_closed'])
      .orderBy('id')
      .execute();
    expect(mail).toEqual([
      { kind: 'work_changed', recipient_email: 'linked.one@example.test' },
      { kind: 'work_changed', recipient_email: 'linked.two@example.test' },
      { kind: 'work_closed', recipient_email: 'linked.one@example.test' },
      { kind: 'work_closed', recipient_email: 'linked.two@example.test' },
    ]);
    const view = await dispatcher.get<{ linkedAppeals: number }>(`/api/v1/works/${work.body.id}`);
    expect(view.body.linkedAppeals).toBe(2);
    const supervisor = await server.signIn('supervisor');
    const report = await supervisor.get<
      { service: string; entries: number; linkedAppeals: number }[]
    >(
      `/api/v1/works/report?from=${encodeURIComponent(new Date(start.getTime() - 60_000).toISOString())}&to=${encodeURIComponent(new Date(start.getTime() + 60_000).toISOString())}`,
    );
    expect(report.status).toBe(200);
    expect(report.body).toContainEqual(
      expect.objectContaining({ service: 'hot_water', entries: 1, linkedAppeals: 2 }),
    );
  });
});
