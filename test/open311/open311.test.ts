/**
 * Open311 GeoReport v2 conformance over real HTTP: every JSON answer validates against the
 * standard's JSON Schemas (`shared/data/open311/schema/`), every XML answer has the element
 * structure of the real servers' responses (`shared/data/open311/fixtures/`), the error cases give
 * the standard's codes (403 bad key, 404 missing, 400 otherwise) in its error form, a duplicate is
 * refused like Boston's `base is a duplicate`, and no answer carries the planted applicant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody } from '../factories.js';
import { startTestServer, type ApiClient, type TestServer } from '../http.js';
import { leaks, PLANTED, portalQuestionType } from '../portal/portal-helpers.js';
import { sharedDataPresent } from '../shared-data.js';

const OPEN311 = fileURLToPath(new URL('../../../shared/data/open311/', import.meta.url));
const haveData = sharedDataPresent(
  [join(OPEN311, 'schema', 'request.json')],
  'The Open311 conformance tests',
);

// ---- the standard's schemas and the real servers' XML structure ----

const W3C_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

function schemas(): Record<'services' | 'definition' | 'requests', ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', W3C_WITH_OFFSET);
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  const read = (name: string) =>
    JSON.parse(readFileSync(join(OPEN311, 'schema', name), 'utf8')) as object;
  ajv.addSchema(read('service.json'), 'service.json');
  ajv.addSchema(read('request.json'), 'request.json');
  return {
    services: ajv.compile(read('services.json')),
    definition: ajv.compile(read('service-definition.json')),
    requests: ajv.compile(read('requests.json')),
  };
}

type XmlNode = Record<string, XmlNode[] | string | number>;
const parser = new XMLParser({ preserveOrder: true, ignoreDeclaration: true });

/** Every element path of a document (`service_requests/request/token`), text ignored. */
function elementPaths(xml: string): Set<string> {
  const paths = new Set<string>();
  const walk = (nodes: XmlNode[], prefix: string) => {
    for (const node of nodes) {
      for (const [name, children] of Object.entries(node)) {
        if (name === '#text' || name === ':@') continue;
        const path = prefix ? `${prefix}/${name}` : name;
        paths.add(path);
        if (Array.isArray(children)) walk(children, path);
      }
    }
  };
  walk(parser.parse(xml) as XmlNode[], '');
  return paths;
}

/** The child element names of the first element at `path`, in order. */
function childOrder(xml: string, path: string[]): string[] {
  let nodes = parser.parse(xml) as XmlNode[];
  for (const name of path) {
    const found = nodes.find((n) => name in n);
    nodes = (found?.[name] as XmlNode[] | undefined) ?? [];
  }
  return nodes.flatMap((n) => Object.keys(n).filter((k) => k !== '#text' && k !== ':@'));
}

const fixture = (name: string) => readFileSync(join(OPEN311, 'fixtures', name), 'utf8');

// ---- the server ----

let server: TestServer;
let client: ApiClient;
let admin: ApiClient;
let moderator: ApiClient;
let operator: ApiClient;
let apiKey: string;
let serviceCode: string;
let validate: ReturnType<typeof schemas>;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function requestFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: apiKey,
    service_code: serviceCode,
    lat: '50.4412345',
    long: '30.5212345',
    address_string: `вул. Велика Васильківська, 7, ${PLANTED.flat}`,
    first_name: 'Планта',
    last_name: 'Шевчук',
    email: PLANTED.email,
    phone: PLANTED.phone,
    description: 'Яма на проїжджій частині біля зупинки',
    'attribute[KIND]': 'complaint',
    ...overrides,
  };
}

async function post(fields: Record<string, string>, format = 'json') {
  return client.request<unknown>('POST', `/open311/v2/requests.${format}`, form(fields), FORM);
}

async function pendingId(token: string): Promise<number> {
  const row = await server.ctx.deps.db
    .selectFrom('submissions')
    .select('id')
    .where('open311_token', '=', token)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  server = await startTestServer();
  client = server.anonymous();
  admin = await server.signIn('administrator');
  moderator = await server.signIn('moderator');
  operator = await server.signIn('operator');
  serviceCode = String((await portalQuestionType(server.ctx.deps)).questionTypeId);
  const issued = await admin.post<{ id: number; apiKey: string }>('/api/v1/open311/api-keys', {
    name: 'Міський застосунок',
  });
  apiKey = issued.body.apiKey;
  if (haveData) validate = schemas();
});
afterAll(() => server.close());

describe('API keys (administrator)', () => {
  it('issues a key once, lists it without the key, refuses other roles', async () => {
    const issued = await admin.post<{ id: number; apiKey: string }>('/api/v1/open311/api-keys', {
      name: 'Мобільний застосунок',
    });
    expect(issued.status).toBe(201);
    const key = issued.body.apiKey;
    expect(key).toMatch(/^o311_/);
    const list = await admin.get<{ id: number; prefix: string }[]>('/api/v1/open311/api-keys');
    expect(list.body).toContainEqual(
      expect.objectContaining({ id: issued.body.id, prefix: key.slice(0, 9) }),
    );
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect((await operator.get('/api/v1/open311/api-keys')).status).toBe(403);
    expect((await moderator.post('/api/v1/open311/api-keys', { name: 'x' })).status).toBe(403);
    const row = await server.ctx.deps.db
      .selectFrom('open311_api_keys')
      .select('key_hash')
      .where('id', '=', issued.body.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toMatch(/\S{16,}/);
    expect(row.key_hash).not.toContain(key);
  });
});

describe.skipIf(!haveData)('discovery, services and definitions', () => {
  it('discovery in both formats, shaped like the real servers', async () => {
    const json = await client.get<{ endpoints: { url: string; formats: string[] }[] }>(
      '/open311/v2/discovery.json',
    );
    expect(json.status).toBe(200);
    expect(json.body.endpoints[0]!.url).toMatch(/\/open311\/v2$/);
    expect(json.body.endpoints[0]!.formats).toEqual(['text/xml', 'application/json']);
    const xml = await client.get<string>('/open311/v2/discovery.xml');
    expect(xml.headers.get('content-type')).toContain('text/xml');
    expect(elementPaths(xml.body)).toEqual(elementPaths(fixture('discovery-dc.xml')));
  });

  it('services validate against services.json and have the XML structure of DC’s', async () => {
    const json = await client.get<{ service_code: string }[]>('/open311/v2/services.json');
    expect(validate.services(json.body), JSON.stringify(validate.services.errors)).toBe(true);
    expect(json.body.map((s) => s.service_code)).toContain(serviceCode);
    const xml = await client.get<string>('/open311/v2/services.xml');
    expect(elementPaths(xml.body)).toEqual(elementPaths(fixture('dc-services.xml')));
    expect(childOrder(xml.body, ['services', 'service'])).toEqual(
      childOrder(fixture('dc-services.xml'), ['services', 'service']),
    );
    const en = await client.get<{ service_name: string }[]>('/open311/v2/services.json?locale=en');
    expect(en.status).toBe(200);
  });

  it('a service definition validates, with attributes shaped like DC’s', async () => {
    const json = await client.get<{ attributes: { code: string }[] }>(
      `/open311/v2/services/${serviceCode}.json`,
    );
    expect(validate.definition(json.body), JSON.stringify(validate.definition.errors)).toBe(true);
    expect(json.body.attributes.map((a) => a.code)).toEqual(['TERM', 'KIND', 'CONFIDENTIAL']);
    const xml = await client.get<string>(`/open311/v2/services/${serviceCode}.xml`);
    expect(elementPaths(xml.body)).toEqual(elementPaths(fixture('dc-services-S0301.xml')));
    expect(childOrder(xml.body, ['service_definition', 'attributes', 'attribute'])).toEqual(
      childOrder(fixture('dc-services-S0301.xml'), [
        'service_definition',
        'attributes',
        'attribute',
      ]),
    );
  });

  it('an unknown service is 404 in the standard’s error form, in each format', async () => {
    const json = await client.get<{ code: number; description: string }[]>(
      '/open311/v2/services/999999.json',
    );
    expect(json.status).toBe(404);
    expect(json.body).toHaveLength(1);
    expect(json.body[0]!.code).toBe(404);
    expect(json.body[0]!.description).toMatch(/999999/);
    const xml = await client.get<string>('/open311/v2/services/nope.xml');
    expect(xml.status).toBe(404);
    expect(elementPaths(xml.body)).toEqual(
      elementPaths(fixture('boston-err-submitrequest-base_is_duplicate.xml')),
    );
    const route = await client.get<{ code: number }[]>('/open311/v2/nothing-here.json');
    expect(route.status).toBe(404);
    expect(route.body[0]!.code).toBe(404);
  });
});

// A client's exchange told in steps (request → token → id): kept in order under shuffle (ADR 020).
const exchange = { shuffle: false };
describe.skipIf(!haveData)('POST requests, tokens and the moderation queue', exchange, () => {
  let token: string;

  it('refuses a missing or wrong api_key with 403', async () => {
    const noKey = requestFields();
    delete noKey.api_key;
    const missing = await post(noKey);
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual([{ code: 403, description: 'Invalid api_key.' }]);
    const wrong = await post(requestFields({ api_key: 'o311_wrong' }), 'xml');
    expect(wrong.status).toBe(403);
    expect(String(wrong.body)).toContain('<code>403</code>');
  });

  it.each([
    ['no service_code', { service_code: '' }],
    ['an unknown service', { service_code: '999999' }],
    ['no location', { lat: '', long: '', address_string: '' }],
    ['half a point', { long: '' }],
    ['no name (Art. 5)', { first_name: '', last_name: '' }],
    ['no contact (Art. 5)', { email: '', phone: '' }],
    ['a bad e-mail', { email: 'nope' }],
    ['a bad attribute', { 'attribute[KIND]': 'praise' }],
    ['a latitude out of range', { lat: '123' }],
  ])('refuses %s with 400', async (_what, change) => {
    const res = await client.request<{ code: number; description: string }[]>(
      'POST',
      '/open311/v2/requests.json',
      form(requestFields(change)),
      FORM,
    );
    expect(res.status).toBe(400);
    expect(res.body.map((e) => e.code)).toEqual([400]);
    expect(res.body[0]!.description.length).toBeGreaterThan(5);
  });

  it('takes a request into the moderation queue and answers with a token (XML like Boston’s)', async () => {
    const res = await post(requestFields(), 'xml');
    expect(res.status).toBe(201);
    expect(elementPaths(String(res.body))).toEqual(
      elementPaths(fixture('boston-submitrequest-token.xml')),
    );
    token = /<token>([^<]+)<\/token>/.exec(String(res.body))![1]!;
    const queue = await moderator.get<{
      items: { trackingNumber: string; apiClient: string | null; channel: string; kind: string }[];
    }>('/api/v1/submissions?channel=open311');
    expect(queue.body.items[0]).toMatchObject({
      channel: 'open311',
      apiClient: 'Міський застосунок',
      kind: 'complaint',
    });
  });

  it('refuses the same request again as a duplicate, in the form of Boston’s error', async () => {
    const res = await post(requestFields(), 'xml');
    expect(res.status).toBe(400);
    const body = String(res.body);
    expect(elementPaths(body)).toEqual(
      elementPaths(fixture('boston-err-submitrequest-base_is_duplicate.xml')),
    );
    expect(body).toContain('<code>400</code>');
    expect(body).toContain(
      '<description>Invalid service request: base is a duplicate.</description>',
    );
  });

  it('returns the first token for a retry with the same Idempotency-Key', async () => {
    const fields = requestFields({ description: 'Не працює світлофор на перехресті' });
    const key = 'retry-key-0123456789';
    const first = await client.request<{ token: string }[]>(
      'POST',
      '/open311/v2/requests.json',
      form(fields),
      { ...FORM, 'idempotency-key': key },
    );
    const again = await client.request<{ token: string }[]>(
      'POST',
      '/open311/v2/requests.json',
      form(fields),
      { ...FORM, 'idempotency-key': key },
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body[0]!.token).toBe(first.body[0]!.token);
  });

  it('accepts JSON bodies too', async () => {
    const res = await client.request<{ token: string }[]>('POST', '/open311/v2/requests.json', {
      ...requestFields({ description: 'Сміття біля контейнерного майданчика' }),
      lat: 50.44,
      long: 30.52,
    });
    expect(res.status).toBe(201);
    expect(res.body[0]!.token).toMatch(/^[0-9a-f]{24}$/);
  });

  it('a token gives no id before moderation, and the service_request_id after', async () => {
    const before = await client.get<{ token: string; service_request_id?: string }[]>(
      `/open311/v2/tokens/${token}.json`,
    );
    expect(before.status).toBe(200);
    expect(before.body).toEqual([{ token }]);
    const registered = await moderator.post<{ appeal: { number: string } }>(
      `/api/v1/submissions/${await pendingId(token)}/register`,
      {},
    );
    expect(registered.status).toBe(201);
    const after = await client.get<{ service_request_id: string }[]>(
      `/open311/v2/tokens/${token}.json`,
    );
    expect(after.body).toEqual([{ token, service_request_id: registered.body.appeal.number }]);
    const xml = await client.get<string>(`/open311/v2/tokens/${token}.xml`);
    expect(elementPaths(xml.body)).toEqual(elementPaths(fixture('token.xml')));
    expect((await client.get('/open311/v2/tokens/0000.json')).status).toBe(404);
    const card = await moderator.get<{ channel: string }>(
      `/api/v1/appeals/${
        (
          await server.ctx.deps.db
            .selectFrom('appeals')
            .select('id')
            .where('number', '=', registered.body.appeal.number)
            .executeTakeFirstOrThrow()
        ).id
      }`,
    );
    expect(card.body.channel).toBe('open311');
  });

  it('a revoked key is refused', async () => {
    const other = await admin.post<{ id: number; apiKey: string }>('/api/v1/open311/api-keys', {
      name: 'Тимчасовий',
    });
    expect((await admin.post(`/api/v1/open311/api-keys/${other.body.id}/revoke`)).status).toBe(200);
    const res = await post(
      requestFields({ api_key: other.body.apiKey, description: 'Інший опис проблеми' }),
    );
    expect(res.status).toBe(403);
    expect((await admin.post(`/api/v1/open311/api-keys/${other.body.id}/revoke`)).status).toBe(404);
  });
});

describe.skipIf(!haveData)('GET requests', () => {
  let recent: string;
  let old: string;
  let closedOne: string;

  beforeAll(async () => {
    const make = async (overrides: Record<string, unknown>) =>
      (
        await operator.post<{ id: number; number: string }>(
          '/api/v1/appeals',
          appealBody(Number(serviceCode), {
            applicant: { fullName: PLANTED.name, phones: [PLANTED.phone], email: PLANTED.email },
            ...overrides,
          }),
        )
      ).body;
    recent = (
      await make({ address: 'вул. Антоновича, 3, кв. 48', latitude: 50.43, longitude: 30.51 })
    ).number;
    old = (await make({ receivedAt: new Date(Date.now() - 100 * 86_400_000).toISOString() }))
      .number;
    const toClose = await make({});
    await operator.post(`/api/v1/appeals/${toClose.id}/cancel`, { comment: 'Заявник відмовився' });
    closedOne = toClose.number;
  });

  it('validates against requests.json, depersonalised, with W3C times and offsets', async () => {
    const res = await client.get<Record<string, unknown>[]>('/open311/v2/requests.json');
    expect(res.status).toBe(200);
    expect(validate.requests(res.body), JSON.stringify(validate.requests.errors)).toBe(true);
    expect(leaks(JSON.stringify(res.body))).toEqual([]);
    const mine = res.body.find((r) => r.service_request_id === recent)!;
    expect(mine).toMatchObject({
      status: 'open',
      service_code: serviceCode,
      address: 'вул. Антоновича, 3',
      lat: 50.43,
      long: 30.51,
      description: null,
    });
    expect(mine.requested_datetime).toMatch(/[+-]\d{2}:\d{2}$/);
    expect(mine.expected_datetime).toMatch(/[+-]\d{2}:\d{2}$/);
    expect(res.body.map((r) => r.service_request_id)).not.toContain(old); // 90-day window
    const closed = res.body.find((r) => r.service_request_id === closedOne)!;
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: 'Відмінено / Відмінено заявником',
    });
  });

  it('has the XML structure of the real servers’ service requests', async () => {
    const xml = await client.get<string>('/open311/v2/requests.xml');
    expect(elementPaths(xml.body)).toEqual(elementPaths(fixture('service-requests.xml')));
    expect(childOrder(xml.body, ['service_requests', 'request'])).toEqual(
      childOrder(fixture('service-requests.xml'), ['service_requests', 'request']),
    );
    expect(leaks(xml.body)).toEqual([]);
  });

  it('a service_request_id list overrides every other filter (and the window)', async () => {
    const res = await client.get<{ service_request_id: string }[]>(
      `/open311/v2/requests.json?service_request_id=${old},${recent}&status=closed&start_date=2001-01-01T00:00:00Z&end_date=2001-02-01T00:00:00Z`,
    );
    expect(res.body.map((r) => r.service_request_id).sort()).toEqual([old, recent].sort());
  });

  it('filters by status, service code and dates; an empty parameter is a missing one', async () => {
    const open = await client.get<{ status: string }[]>('/open311/v2/requests.json?status=open');
    expect(open.body.length).toBeGreaterThan(0);
    expect(open.body.every((r) => r.status === 'open')).toBe(true);
    const both = await client.get<unknown[]>('/open311/v2/requests.json?status=open,closed');
    const empty = await client.get<unknown[]>(
      '/open311/v2/requests.json?status=&service_code=&start_date=&page=',
    );
    const plain = await client.get<unknown[]>('/open311/v2/requests.json');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual(plain.body);
    expect(both.body).toEqual(plain.body);
    const none = await client.get<unknown[]>('/open311/v2/requests.json?service_code=999999');
    expect(none.body).toEqual([]);
    const window = await client.get<{ service_request_id: string }[]>(
      `/open311/v2/requests.json?start_date=${encodeURIComponent(new Date(Date.now() - 200 * 86_400_000).toISOString())}`,
    );
    expect(window.body.map((r) => r.service_request_id)).toContain(old);
  });

  it('pages with page and page_size', async () => {
    const all = await client.get<{ service_request_id: string }[]>('/open311/v2/requests.json');
    const second = await client.get<{ service_request_id: string }[]>(
      '/open311/v2/requests.json?page=2&page_size=1',
    );
    expect(second.body.map((r) => r.service_request_id)).toEqual([all.body[1]!.service_request_id]);
  });

  it.each([
    'status=lost',
    'start_date=yesterday',
    'start_date=2025-02-01T00:00:00Z&end_date=2025-01-01T00:00:00Z',
    'page_size=5000',
    'page=0',
  ])('answers 400 in the error form for %s', async (query) => {
    const res = await client.get<{ code: number }[]>(`/open311/v2/requests.json?${query}`);
    expect(res.status).toBe(400);
    expect(res.body[0]!.code).toBe(400);
  });

  it('one request by id in both formats; unknown is 404', async () => {
    const json = await client.get<unknown[]>(`/open311/v2/requests/${recent}.json`);
    expect(validate.requests(json.body)).toBe(true);
    expect(json.body).toHaveLength(1);
    const xml = await client.get<string>(`/open311/v2/requests/${recent}.xml`);
    expect(elementPaths(xml.body)).toEqual(elementPaths(fixture('service-request.xml')));
    const missing = await client.get<string>('/open311/v2/requests/1900-000001.xml');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<code>404</code>');
  });
});
