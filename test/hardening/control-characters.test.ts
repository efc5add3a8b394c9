/**
 * The text boundary (issue 11, item 1): NUL and the other control characters sent to every operation
 * of the OpenAPI document — in the path, the query string, the body, a multipart file name — and to
 * every Open311 and public route never give a 5xx; where the route is open to the sender, the answer
 * is 400 `control_characters` before any database call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../http.js';
import { startTestServer, type TestServer } from '../http.js';
import { portalQuestionType, submissionBody, submit } from '../portal/portal-helpers.js';

let server: TestServer;
let clients: ApiClient[];

interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: {
    content?: Record<string, { schema?: { properties?: Record<string, unknown> } }>;
  };
}

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u000b'];

beforeAll(async () => {
  // The telephone system's door (/api/telephony) is configured as where telephony is used: an
  // unconfigured door answers every caller 503 `pbx_not_configured` (ADR 040) whatever is sent,
  // so without a proof configured this test would only ever see that, never the boundary's answer.
  server = await startTestServer({
    pbx: { token: 'control-characters-pbx-token', secret: 'control-characters-pbx-secret' },
  });
  clients = [
    server.anonymous(),
    await server.signIn('operator'),
    await server.signIn('moderator'),
    await server.signIn('administrator'),
    await server.signIn('supervisor'),
  ];
});
afterAll(() => server.close());

async function operations(): Promise<{ method: string; path: string; op: Operation }[]> {
  const doc = await server
    .anonymous()
    .get<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
  return Object.entries(doc.body.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

function fill(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
}

describe('control characters at the boundary', () => {
  it('give no 5xx on any operation of the OpenAPI document, whoever sends them', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let refused = 0;
    let i = 0;
    for (const { method, path, op } of ops) {
      const control = CONTROLS[i++ % CONTROLS.length]!;
      const bad = `a${control}b`;
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(bad)}`)
        .join('&');
      const content = op.requestBody?.content ?? {};
      const multipart = 'multipart/form-data' in content;
      const properties = Object.keys(
        content['application/json']?.schema?.properties ?? { text: true },
      );
      const jsonBody = Object.fromEntries(properties.map((name) => [name, bad]));
      for (const client of clients) {
        const attempts: [string, string, unknown][] = [
          ['path', fill(path, bad), method === 'GET' ? undefined : {}],
          ['query', `${fill(path, '1')}?${query || `q=${encodeURIComponent(bad)}`}`, undefined],
        ];
        if (method !== 'GET') {
          if (multipart) {
            const form = new FormData();
            form.append('note', bad);
            form.append(
              'file',
              new Blob(['plain text'], { type: 'text/plain' }),
              `x${control}.txt`,
            );
            attempts.push(['multipart', fill(path, '1'), form]);
          } else {
            attempts.push(['body', fill(path, '1'), jsonBody]);
            attempts.push(['key', fill(path, '1'), { [`k${control}`]: 'v' }]);
          }
        }
        for (const [where, url, body] of attempts) {
          const res = await client.request(method, url, body);
          if (res.status >= 500) failures.push(`${method} ${url} (${where}) → ${res.status}`);
          const error = (res.body as { error?: string } | null)?.error;
          if (error === 'control_characters') refused += 1;
        }
      }
    }
    expect(failures).toEqual([]);
    // The boundary itself answered for most of them (the rest were refused earlier: 401, 403, 404).
    expect(refused).toBeGreaterThan(ops.length);
  }, 600_000);

  it('refuses a NUL in a login with 400, not 500', async () => {
    const res = await server
      .anonymous()
      .post('/api/v1/auth/login', { login: 'ad\u0000min', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'control_characters',
      details: { path: 'body.login' },
    });
  });

  const open311: [string, string, string | undefined][] = [
    ['GET', '/open311/v2/discovery.json?x=%00', undefined],
    ['GET', '/open311/v2/services.json?jurisdiction_id=%00', undefined],
    ['GET', '/open311/v2/services.xml?locale=%01', undefined],
    ['GET', '/open311/v2/services/%00.json', undefined],
    ['GET', '/open311/v2/requests.json?service_code=%00', undefined],
    ['GET', '/open311/v2/requests.xml?status=open%00', undefined],
    ['GET', '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z%00', undefined],
    ['GET', '/open311/v2/requests/%00.json', undefined],
    ['GET', '/open311/v2/requests/1%07.xml', undefined],
    ['GET', '/open311/v2/tokens/%00.json', undefined],
    ['POST', '/open311/v2/requests.json', 'api_key=%00&service_code=1&description=x'],
    ['POST', '/open311/v2/requests.json', 'api_key=k&service_code=1&description=a%00b'],
    ['POST', '/open311/v2/requests.xml', 'api_key=k&service_code=1&attribute%5B%00%5D=1'],
    ['POST', '/open311/v2/requests.json', 'api_key=k&service_code=1&first_name=%1B&lat=1'],
  ];
  it.each(open311)('Open311 %s %s gives 400 in its own error format', async (method, url, form) => {
    const res = await fetch(`${server.baseUrl}${url}`, {
      method,
      ...(form
        ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }
        : {}),
    });
    expect(res.status).toBe(400);
    const body = (await res.text()).replace(/\s+/g, ' ');
    expect(body).toMatch(/control character/);
  });

  const publicRoutes: [string, string, unknown][] = [
    ['GET', '/api/public/question-types?q=%00', undefined],
    ['GET', '/api/public/appeals?district=%00', undefined],
    ['GET', '/api/public/appeals/map?status=%00', undefined],
    ['GET', '/api/public/statistics?from=%00', undefined],
    ['GET', '/api/public/open-data/kyiv1551/2026-01%00.json', undefined],
    ['POST', '/api/public/tracking', { number: '2026-000001\u0000', accessCode: 'x' }],
    ['POST', '/api/public/tracking/feedback', { number: '1', accessCode: '\u0000', rating: 5 }],
    [
      'POST',
      '/api/public/submissions',
      { questionTypeId: 1, description: 'текст\u0000', applicant: { name: 'Ім\u0007я' } },
    ],
  ];
  it.each(publicRoutes)('public %s %s gives 400 control_characters', async (method, url, body) => {
    const res = await server.anonymous().request(method, url, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'control_characters' });
  });

  it('keeps tab and line breaks in long text', async () => {
    const { questionTypeId } = await portalQuestionType(server.ctx.deps);
    const text = 'рядок\nрядок\tз табуляцією\r\nі ще рядок';
    const res = await submit(
      server.anonymous(),
      submissionBody(questionTypeId, { description: text }),
    );
    expect(res.status).toBe(201);
    const stored = await server.ctx.deps.db
      .selectFrom('submissions')
      .select('description')
      .where('tracking_number', '=', res.body.trackingNumber)
      .executeTakeFirstOrThrow();
    expect(stored.description).toMatch(/^рядок\nрядок\tз табуляцією\r?\nі ще рядок$/);
  });
});
