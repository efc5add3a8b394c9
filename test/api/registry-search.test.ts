/**
 * The registry finds a caller's appeals by phone (any spelling), surname or address, and shows the
 * applicant only to roles that may see personal data (issue 12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

interface Page {
  items: {
    id: number;
    number: string;
    applicant?: { fullName: string; phones: string[] } | null;
  }[];
  nextCursor: string | null;
}

let server: TestServer;
let operator: ApiClient;
let number = '';

beforeAll(async () => {
  server = await startTestServer();
  const { questionTypeId } = await routedQuestionType(server.ctx.deps);
  operator = await server.signIn('operator');
  const res = await operator.post<{ number: string }>(
    '/api/v1/appeals',
    appealBody(questionTypeId, {
      address: 'вул. Вигадана Пошукова, 77',
      applicant: { fullName: 'Шукайленко Орися Тарасівна', phones: ['+380 67 000 77 01'] },
    }),
  );
  number = res.body.number;
  await operator.post('/api/v1/appeals', appealBody(questionTypeId));
});
afterAll(() => server.close());

const search = (client: ApiClient, q: string) =>
  client.get<Page>(`/api/v1/appeals?q=${encodeURIComponent(q)}`);

describe('registry search', () => {
  it.each([
    ['067 000-77-01'],
    ['0670007701'],
    ['Шукайленко'],
    ['шукайленко орися'],
    ['Пошукова, 77'],
  ])('finds the caller’s appeal by %s', async (q) => {
    const res = await search(operator, q);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.number)).toEqual([number]);
    expect(res.body.items[0]?.applicant).toEqual({
      fullName: 'Шукайленко Орися Тарасівна',
      phones: ['+380 67 000 77 01'],
    });
  });

  it('shows an analyst neither the applicant nor a search by them', async () => {
    const analyst = await server.signIn('analyst');
    expect((await search(analyst, 'Шукайленко')).body.items).toEqual([]);
    const byAddress = await search(analyst, 'Пошукова, 77');
    expect(byAddress.body.items.map((i) => i.number)).toEqual([number]);
    expect(byAddress.body.items[0]).not.toHaveProperty('applicant');
  });
});

describe('a text search, newest first, across the recent window (ADR 060)', () => {
  it('pages every match in order, on both sides of the window and across it', async () => {
    const { questionTypeId } = await routedQuestionType(server.ctx.deps);
    const now = server.ctx.deps.now().getTime();
    // Days before now, not in order; 31 days is the window's edge.
    const ages = [1, 400, 5, 31, 20, 32, 30.99, 60, 200, 0.01, 31.01];
    const byAge = new Map<number, number>();
    for (const days of ages) {
      const res = await operator.post<{ id: number }>(
        '/api/v1/appeals',
        appealBody(questionTypeId, {
          receivedAt: new Date(now - days * 86_400_000).toISOString(),
          description: `Вітрогінний шум від даху, ${days} днів тому`,
        }),
      );
      expect(res.status).toBe(201);
      byAge.set(days, res.body.id);
    }
    const expected = [...ages].sort((x, y) => x - y).map((days) => byAge.get(days));
    for (const limit of [1, 2, 3, 5, 200]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: Page } = await operator.get<Page>(
          `/api/v1/appeals?q=${encodeURIComponent('вітрогінний шум')}&limit=${limit}` +
            (cursor ? `&cursor=${cursor}` : ''),
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((i) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(expected);
    }
  });
});
