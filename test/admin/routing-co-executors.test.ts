/**
 * Routing rules with co-executors (issue 14, item 4; ADR 045) on a real database: the
 * administrator names co-executors for a question type's default rule and for a rule «to the
 * building's maintainer»; the preview shows them; registering an appeal the rule routes creates the
 * main assignment and a co-executor assignment made as one added on the card is (pending, the
 * appeal's control date, an `assigned` event with role `co`), which the co-executor's staff see and
 * work; refusals (the main executor as its own co-executor, a deactivated or unknown organisation)
 * are 400 with stable codes and leave no audit entry; the audit keeps before → after.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueWorkNotifications } from '../../src/server/notifications/work-notifications.js';
import { addressRegistry, appealBody, uniqueWord } from '../factories.js';
import { ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let admin: ApiClient & { userId: number };
let operator: ApiClient;
const unique = () => randomBytes(3).toString('hex');

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('administrator');
  operator = await server.signIn('operator');
});
afterAll(() => server.close());

async function newOrganisation(): Promise<{ id: number; name: string }> {
  const name = `КП «Співвиконавець ${unique()}»`;
  const res = await admin.post<{ id: number }>('/api/v1/admin/organisations', {
    name,
    type: 'utility_company',
    parentId: null,
    email: 'co@example.org',
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, name };
}

async function newQuestionType(executorId: number): Promise<number> {
  const kinds = await admin.get<{ id: number }[]>('/api/v1/admin/classifier');
  const qt = await admin.post<{ id: number }>('/api/v1/admin/classifier/question-types', {
    kindId: kinds.body[0]?.id,
    name: `Питання зі співвиконавцями ${unique()}`,
    executorId,
  });
  expect(qt.status).toBe(201);
  return qt.body.id;
}

/** The audit entries of `action` on `target` (only the fields that changed, ADR 025). */
async function auditOf(action: string, target: string) {
  const rows = await server.ctx.deps.db
    .selectFrom('audit_log')
    .select(['data', 'actor_id'])
    .where('action', '=', action)
    .where('target', '=', target)
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as {
      before: unknown;
      after: unknown;
    };
    return { before: data.before, after: data.after, actorId: r.actor_id };
  });
}

async function auditCount(): Promise<number> {
  const row = await server.ctx.deps.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type Routing = {
  defaultExecutorId: number | null;
  defaultCoExecutors: { id: number; name: string }[];
  rules: { id: number; toMaintainer: boolean; coExecutors: { id: number; name: string }[] }[];
  decisions: {
    districtId: number | null;
    executorId: number | null;
    coExecutors: { id: number; name: string }[];
    rule: string;
  }[];
};

type Card = {
  controlDate: string | null;
  assignments: {
    id: number;
    executor: { id: number };
    role: string;
    state: string;
    controlDate: string | null;
    instruction: string | null;
  }[];
};

describe('the default rule with co-executors', () => {
  it('is set on the routing screen, previewed, and registration assigns the co-executors as the card does', async () => {
    const main = await newOrganisation();
    const co1 = await newOrganisation();
    const co2 = await newOrganisation();
    const qt = await newQuestionType(main.id);
    const target = `/question-types/${qt}/routing`;

    const set = await admin.request<Routing>('PUT', `/api/v1/admin/routing/${qt}/default`, {
      executorId: main.id,
      coExecutorIds: [co1.id, co2.id, co1.id],
    });
    expect(set.status).toBe(200);
    expect(set.body.defaultCoExecutors).toEqual([co1, co2]);
    // The preview: an address in no district goes to the main executor, with both co-executors.
    expect(set.body.decisions.at(-1)).toEqual({
      districtId: null,
      districtName: null,
      executorId: main.id,
      executorName: main.name,
      coExecutors: [co1, co2],
      rule: 'default',
    });
    const audit = await auditOf('setDefaultExecutor', target);
    expect(audit.at(-1)).toMatchObject({
      before: { coExecutorIds: [] },
      after: { coExecutorIds: [co1.id, co2.id] },
      actorId: admin.userId,
    });

    const coExecutor = await server.signIn('executor', co1.id);
    const registered = await operator.post<{
      id: number;
      executorId: number;
      coExecutorIds: number[];
    }>('/api/v1/appeals', appealBody(qt, { instruction: 'Перевірити на місці' }));
    expect(registered.status).toBe(201);
    expect(registered.body.executorId).toBe(main.id);
    expect(registered.body.coExecutorIds).toEqual([co1.id, co2.id]);
    const id = registered.body.id;

    const card = (await operator.get<Card>(`/api/v1/appeals/${id}`)).body;
    const byRole = (role: string) =>
      card.assignments.filter((a) => a.role === role).map((a) => a.executor.id);
    expect(byRole('main')).toEqual([main.id]);
    expect(byRole('co').sort((a, b) => a - b)).toEqual([co1.id, co2.id].sort((a, b) => a - b));
    for (const a of card.assignments) {
      expect(a.state).toBe('pending');
      expect(a.controlDate).toBe(card.controlDate);
      expect(a.instruction).toBe('Перевірити на місці');
    }

    // The history: one `assigned` event per executor, as `assignExecutor` writes for a co-executor.
    const events = await server.ctx.deps.db
      .selectFrom('appeal_events')
      .select(['type', 'data'])
      .where('appeal_id', '=', id)
      .where('type', '=', 'assigned')
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.data.executorId, e.data.role])).toEqual([
      [main.id, 'main'],
      [co1.id, 'co'],
      [co2.id, 'co'],
    ]);
    expect(events[1]?.data).toMatchObject({ routed: true, routing: { rule: 'default' } });

    // The co-executor's staff hear of it (the work notifications' job reads the history), see the
    // appeal and work their part.
    await queueWorkNotifications(server.ctx.deps);
    const notified = await server.ctx.deps.db
      .selectFrom('notifications')
      .select(['kind'])
      .where('appeal_id', '=', id)
      .where('recipient_user_id', '=', coExecutor.userId)
      .execute();
    expect(notified.map((n) => n.kind)).toEqual(['assignment_new']);
    const seen = await coExecutor.get<Card>(`/api/v1/appeals/${id}`);
    expect(seen.status).toBe(200);
    const accepted = await coExecutor.post(`/api/v1/appeals/${id}/accept`);
    expect(accepted.status).toBe(200);

    // Without `coExecutorIds` they stay; without an executor they go with it.
    const kept = await admin.request<Routing>('PUT', `/api/v1/admin/routing/${qt}/default`, {
      executorId: main.id,
    });
    expect(kept.body.defaultCoExecutors.map((o) => o.id)).toEqual([co1.id, co2.id]);
    const cleared = await admin.request<Routing>('PUT', `/api/v1/admin/routing/${qt}/default`, {
      executorId: null,
    });
    expect(cleared.body.defaultCoExecutors).toEqual([]);
    expect((await auditOf('setDefaultExecutor', target)).at(-1)).toMatchObject({
      before: { executorId: main.id, coExecutorIds: [co1.id, co2.id] },
      after: { executorId: null, coExecutorIds: [] },
    });
  });

  it('an operator’s own choice of executor, and a consultation, bring no co-executors', async () => {
    const main = await newOrganisation();
    const co = await newOrganisation();
    const other = await newOrganisation();
    const qt = await newQuestionType(main.id);
    await admin.request('PUT', `/api/v1/admin/routing/${qt}/default`, {
      executorId: main.id,
      coExecutorIds: [co.id],
    });
    const chosen = await operator.post<{ id: number; coExecutorIds: number[] }>(
      '/api/v1/appeals',
      appealBody(qt, { executorId: other.id }),
    );
    expect(chosen.status).toBe(201);
    expect(chosen.body.coExecutorIds).toEqual([]);
    const card = (await operator.get<Card>(`/api/v1/appeals/${chosen.body.id}`)).body;
    expect(card.assignments.map((a) => [a.executor.id, a.role])).toEqual([[other.id, 'main']]);
    const consultation = await operator.post<{ coExecutorIds: number[] }>(
      '/api/v1/appeals',
      appealBody(qt, { kind: 'consultation' }),
    );
    expect(consultation.status).toBe(201);
    expect(consultation.body.coExecutorIds).toEqual([]);
  });

  it('a deactivated co-executor is left out of the preview and of new appeals', async () => {
    const main = await newOrganisation();
    const co = await newOrganisation();
    const gone = await newOrganisation();
    const qt = await newQuestionType(main.id);
    await admin.request('PUT', `/api/v1/admin/routing/${qt}/default`, {
      executorId: main.id,
      coExecutorIds: [gone.id, co.id],
    });
    const off = await admin.request('PUT', `/api/v1/admin/organisations/${gone.id}/active`, {
      active: false,
    });
    expect(off.status).toBe(200);
    const preview = (await admin.get<Routing>(`/api/v1/admin/routing/${qt}`)).body;
    expect(preview.defaultCoExecutors.map((o) => o.id)).toEqual([gone.id, co.id]);
    expect(preview.decisions.at(-1)?.coExecutors.map((o) => o.id)).toEqual([co.id]);
    const registered = await operator.post<{ coExecutorIds: number[] }>(
      '/api/v1/appeals',
      appealBody(qt),
    );
    expect(registered.status).toBe(201);
    expect(registered.body.coExecutorIds).toEqual([co.id]);
  });
});

describe('a rule «to the building’s maintainer» with co-executors', () => {
  it('assigns the maintainer and the rule’s co-executors; the preview and the audit show them', async () => {
    const main = await newOrganisation();
    const co = await newOrganisation();
    const qt = await newQuestionType(main.id);
    const names = { current: `Співвиконавців ${uniqueWord()}`, former: `Старих ${uniqueWord()}` };
    const registry = await addressRegistry(server.ctx.deps, qt, names);
    const put = await admin.request<Routing>('PUT', `/api/v1/admin/routing/${qt}/rules`, {
      districtId: null,
      toMaintainer: true,
      coExecutorIds: [co.id, registry.maintainerId],
    });
    expect(put.status).toBe(200);
    const rule = put.body.rules.find((r) => r.toMaintainer);
    expect(rule?.coExecutors.map((o) => o.id)).toEqual([co.id, registry.maintainerId]);
    const audit = await auditOf('putRoutingRule', `/question-types/${qt}/routing`);
    expect(audit.at(-1)).toMatchObject({
      before: { coExecutorIds: [] },
      after: { coExecutorIds: [co.id, registry.maintainerId] },
    });

    const registered = await operator.post<{
      id: number;
      executorId: number;
      coExecutorIds: number[];
    }>('/api/v1/appeals', appealBody(qt, { address: `вул. ${names.current}, 12-А` }));
    expect(registered.status).toBe(201);
    expect(registered.body.executorId).toBe(registry.maintainerId);
    // The maintainer is the main executor here, so it is not its own co-executor.
    expect(registered.body.coExecutorIds).toEqual([co.id]);
    const card = (await operator.get<Card>(`/api/v1/appeals/${registered.body.id}`)).body;
    expect(
      card.assignments.map((a) => [a.executor.id, a.role]).sort((x, y) => (x[1]! < y[1]! ? 1 : -1)),
    ).toEqual([
      [registry.maintainerId, 'main'],
      [co.id, 'co'],
    ]);

    const removed = await admin.request<Routing>(
      'DELETE',
      `/api/v1/admin/routing/${qt}/rules/${rule?.id}`,
    );
    expect(removed.status).toBe(200);
    expect(
      (await auditOf('deleteRoutingRule', `/question-types/${qt}/routing`)).at(-1),
    ).toMatchObject({
      before: { toMaintainer: true, coExecutorIds: [co.id, registry.maintainerId] },
      after: null,
    });
  });

  it('a district rule’s co-executors show in that district’s preview row', async () => {
    const main = await newOrganisation();
    const districtExecutor = await newOrganisation();
    const co = await newOrganisation();
    const qt = await newQuestionType(main.id);
    const names = { current: `Районна ${uniqueWord()}`, former: `Колишня ${uniqueWord()}` };
    const registry = await addressRegistry(server.ctx.deps, qt, names);
    const put = await admin.request<Routing>('PUT', `/api/v1/admin/routing/${qt}/rules`, {
      districtId: registry.districtId,
      executorId: districtExecutor.id,
      coExecutorIds: [co.id],
    });
    expect(put.status).toBe(200);
    expect(put.body.decisions.find((d) => d.districtId === registry.districtId)).toMatchObject({
      executorId: districtExecutor.id,
      coExecutors: [co],
      rule: 'district',
    });
    expect(put.body.decisions.at(-1)).toMatchObject({ executorId: main.id, coExecutors: [] });
  });
});

describe('bad co-executors are refused with a stable code and no audit entry', () => {
  it('the main executor, a deactivated or unknown organisation, too many', async () => {
    const main = await newOrganisation();
    const off = await newOrganisation();
    await admin.request('PUT', `/api/v1/admin/organisations/${off.id}/active`, { active: false });
    const qt = await newQuestionType(main.id);
    const before = await auditCount();
    const cases: [unknown, number, string][] = [
      [{ executorId: main.id, coExecutorIds: [main.id] }, 400, 'co_executor_is_main'],
      [{ executorId: main.id, coExecutorIds: [off.id] }, 400, 'organisation_inactive'],
      [{ executorId: main.id, coExecutorIds: [2_000_000_000] }, 400, 'unknown_executor'],
      [
        { executorId: main.id, coExecutorIds: Array.from({ length: 21 }, (_, i) => i + 1) },
        400,
        'validation_failed',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin.request('PUT', `/api/v1/admin/routing/${qt}/default`, body);
      expect([res.status, res.body.error], JSON.stringify(body)).toEqual([status, code]);
    }
    const district = await admin.request('PUT', `/api/v1/admin/routing/${qt}/rules`, {
      districtId: null,
      toMaintainer: true,
      coExecutorIds: [off.id],
    });
    expect([district.status, district.body.error]).toEqual([400, 'organisation_inactive']);
    expect(await auditCount()).toBe(before);
  });

  it('only the administrator edits routing: each other role is refused with 403', async () => {
    const main = await newOrganisation();
    const co = await newOrganisation();
    const qt = await newQuestionType(main.id);
    for (const role of [
      'operator',
      'moderator',
      'controller',
      'executor',
      'dispatcher',
      'supervisor',
      'analyst',
    ] as const) {
      const client = await server.signIn(role, role === 'executor' ? main.id : undefined);
      const res = await client.request('PUT', `/api/v1/admin/routing/${qt}/default`, {
        executorId: main.id,
        coExecutorIds: [co.id],
      });
      expect([role, res.status]).toEqual([role, 403]);
    }
    const preview = (await admin.get<Routing>(`/api/v1/admin/routing/${qt}`)).body;
    expect(preview.defaultCoExecutors).toEqual([]);
  });
});
