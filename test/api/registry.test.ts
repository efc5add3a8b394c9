/**
 * The registry: a total order across pages even on equal timestamps, queues with counts, CSV
 * export with formulas neutralised, and the intake screen's lookups.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, otherOrganisation, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let questionTypeId: number;
let executorId: number;
const SAME_TIME = '2026-03-01T09:00:00+02:00';
/** Exactly the 23 appeals of SAME_TIME, whatever other tests registered. */
const ONLY_SAME_TIME = `receivedFrom=${encodeURIComponent(SAME_TIME)}&receivedTo=${encodeURIComponent('2026-03-01T09:00:01+02:00')}`;

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId, executorId } = await routedQuestionType(server.ctx.deps));
  operator = await server.signIn('operator');
  // 23 appeals received at the very same second: only the id can order them.
  for (let i = 0; i < 23; i++) {
    const res = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, { receivedAt: SAME_TIME, description: `Однакова мить ${i}` }),
    );
    expect(res.status).toBe(201);
  }
});
afterAll(() => server.close());

type Page = {
  items: { id: number; number: string; privileged: boolean }[];
  nextCursor: string | null;
};

async function allPages(client: ApiClient, query: string, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: Page; status: number } = await client.get<Page>(
      `/api/v1/appeals?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((a) => a.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

/** The 23 appeals of SAME_TIME paged by 5 come in the order one page of 200 gives, each once. */
async function expectTotalOrder(client: ApiClient, query: string): Promise<void> {
  const paged = await allPages(client, `${query}&${ONLY_SAME_TIME}`, 5);
  const whole = await allPages(client, `${query}&${ONLY_SAME_TIME}`, 200);
  expect(paged).toHaveLength(23);
  expect(new Set(paged).size).toBe(23);
  expect(paged).toEqual(whole);
}

describe('registry paging', () => {
  it.each(['sort=received_desc', 'sort=received_asc', 'sort=control_date_asc', 'queue=open'])(
    'keeps a total order across pages on equal timestamps (%s)',
    async (query) => {
      await expectTotalOrder(operator, query);
    },
  );

  it('puts privileged applicants first in a queue', async () => {
    const res = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        receivedAt: '2026-02-27T09:00:00+02:00',
        applicant: {
          fullName: 'Ветеран Тест',
          phones: ['050 000 00 99'],
          privilegedCategory: 'Учасник бойових дій',
        },
      }),
    );
    const page = await operator.get<Page>('/api/v1/appeals?queue=open&limit=3');
    expect(page.body.items[0]).toMatchObject({ id: res.body.id, privileged: true });
  });
});

describe('an executor’s queues, read from its own assignments (ADR 059)', () => {
  it.each(['queue=new', 'queue=open'])(
    'keeps a total order across pages on equal timestamps (%s)',
    async (query) => {
      const executor = await server.signIn('executor', executorId);
      await expectTotalOrder(executor, query);
    },
  );

  it('puts privileged applicants first in the executor’s inbox', async () => {
    const res = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        applicant: {
          fullName: 'Ветеранка Тест',
          phones: ['050 000 00 98'],
          privilegedCategory: 'Особа з інвалідністю внаслідок війни',
        },
      }),
    );
    expect(res.status).toBe(201);
    const executor = await server.signIn('executor', executorId);
    const items = await allPages(executor, 'queue=new', 7);
    const inbox = await executor.get<Page>('/api/v1/appeals?queue=new&limit=200');
    const signs = inbox.body.items.map((a) => a.privileged);
    expect(items).toContain(res.body.id);
    expect(inbox.body.items.find((a) => a.id === res.body.id)?.privileged).toBe(true);
    // Every privileged appeal before every other one, on every page alike.
    expect(signs).toEqual([...signs].sort((x, y) => Number(y) - Number(x)));
    expect(items.slice(0, inbox.body.items.length)).toEqual(inbox.body.items.map((a) => a.id));
  });

  it('orders a co-executor’s queue by the control date it was given', async () => {
    const co = await otherOrganisation(server.ctx.deps, executorId);
    const first = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    const second = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId),
    );
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    for (const [id, controlDate] of [
      [first.body.id, undefined],
      [second.body.id, soon],
    ] as const) {
      const added = await operator.post(`/api/v1/appeals/${id}/assignments`, {
        executorId: co,
        role: 'co',
        ...(controlDate ? { controlDate } : {}),
      });
      expect(added.status).toBe(201);
    }
    const coExecutor = await server.signIn('executor', co);
    const ids = await allPages(coExecutor, 'queue=new', 1);
    // The second appeal's own term (a day) comes before the first's (the appeal's, weeks ahead).
    expect(ids.indexOf(second.body.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(second.body.id)).toBeLessThan(ids.indexOf(first.body.id));
  });
});

describe('queues', () => {
  it('counts the operator’s and the executor’s queues', async () => {
    const queues = await operator.get<{ queues: { key: string; count: number }[] }>(
      '/api/v1/queues',
    );
    expect(queues.body.queues.map((q) => q.key)).toEqual([
      'needs_routing',
      'registered_today',
      'open',
    ]);
    expect(queues.body.queues.find((q) => q.key === 'open')?.count).toBeGreaterThanOrEqual(23);

    const executor = await server.signIn('executor', executorId);
    const own = await executor.get<{ queues: { key: string; count: number }[] }>('/api/v1/queues');
    expect(own.body.queues.find((q) => q.key === 'new')?.count).toBeGreaterThanOrEqual(23);
    const inbox = await executor.get<Page>('/api/v1/appeals?queue=new&limit=2');
    expect(inbox.body.items).toHaveLength(2);
    expect(inbox.body.nextCursor).toEqual(expect.any(String));
  });

  it('gives the supervisor the live picture', async () => {
    const supervisor = await server.signIn('supervisor');
    const res = await supervisor.get<{ byStatus: { status: string; count: number }[] }>(
      '/api/v1/dashboard',
    );
    expect(res.status).toBe(200);
    expect(res.body.byStatus.find((s) => s.status === 'registered')?.count).toBeGreaterThanOrEqual(
      23,
    );
    expect((await operator.get('/api/v1/dashboard')).status).toBe(403);
  });
});

describe('CSV export', () => {
  it('opens formulas as text', async () => {
    const dangerous = ['=HYPERLINK("http://x")', '+SUM(A1)', '-2+3', '@SUM(A1)', ';=1+1'];
    // A phone-like text stays as it is (issue 11, item 17).
    const phoneLike = '+380 67 111 22 33';
    for (const description of [...dangerous, phoneLike]) {
      await operator.post(
        '/api/v1/appeals',
        appealBody(questionTypeId, { description, receivedAt: '2026-04-01T10:00:00Z' }),
      );
    }
    const res = await operator.request<string>(
      'GET',
      '/api/v1/appeals/export.csv?receivedFrom=2026-04-01T00:00:00Z&receivedTo=2026-04-02T00:00:00Z',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows: Record<string, string>[] = parse(res.body.replace(/^\uFEFF/, ''), {
      columns: true,
    });
    expect(rows.map((r) => r.description).sort()).toEqual(
      [...dangerous.map((d) => `'${d}`), phoneLike].sort(),
    );
  });
});

describe('intake lookups', () => {
  it('finds «Гаряче водопостачання» by "вода гаряча"', async () => {
    const res = await operator.get<{ name: string }[]>(
      `/api/v1/question-types?q=${encodeURIComponent('вода гаряча')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    const kinds = await server.ctx.deps.db
      .selectFrom('question_types as qt')
      .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
      .select(['qt.name', 'k.name as kind'])
      .where(
        'qt.name',
        'in',
        res.body.map((r) => r.name),
      )
      .execute();
    expect(kinds.some((k) => k.kind === 'Гаряче водопостачання')).toBe(true);
  });

  it('suggests known addresses and finds the applicant by phone in another spelling', async () => {
    const res = await operator.get<{ address: string; count: number }[]>(
      '/api/v1/addresses?q=Тестова',
    );
    expect(res.body[0]).toMatchObject({ address: 'вул. Тестова, 1' });
    // Its own applicant (not whichever phone the factories gave an earlier registration).
    const registered = await operator.post(
      '/api/v1/appeals',
      appealBody(questionTypeId, {
        applicant: { fullName: 'Шевчук Тест Олегович', phones: ['067 123 45 98'] },
      }),
    );
    expect(registered.status).toBe(201);
    const people = await operator.get<{ fullName: string }[]>(
      `/api/v1/applicants?phone=${encodeURIComponent('+38 (067) 123-45-98')}`,
    );
    expect(people.status, JSON.stringify(people.body)).toBe(200);
    expect(people.body.map((p) => p.fullName)).toContain('Шевчук Тест Олегович');
  });
});
