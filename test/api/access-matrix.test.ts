/**
 * The access matrix over HTTP: every operation of the live OpenAPI document (new operations are
 * covered as soon as they exist), called by each of the eight roles and by an anonymous client.
 * What a role may call comes from the operation's declared `x-access` and the hand-written table
 * `test/access-table.ts` — never from `domain/policy.ts` — so a permission flipped in the code, or
 * a gate that stops checking, fails here.
 *
 * The calls use ids that do not exist and empty bodies: an allowed role gets past the gate (and is
 * then refused by validation or as not found), a refused role gets the gate's 403 naming the
 * permission. Operations scoped to the executor's organisation are listed explicitly below and
 * called on a real appeal of another organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/domain/policy.js';
import { ROLES, type Role } from '../../src/domain/vocabulary.js';
import { EXPECTED_PERSONAL_DATA, expectedRolesFor } from '../access-table.js';
import { appealBody, otherOrganisation, routedQuestionType } from '../factories.js';
import { type ApiClient, type ApiResponse, startTestServer, type TestServer } from '../http.js';

interface Operation {
  method: string;
  path: string;
  operationId: string;
  access: string;
}

/** A value for each path parameter that passes the parameter's schema and names nothing. */
const MISSING: Record<string, string> = {
  id: '987654321',
  assignmentId: '987654321',
  questionTypeId: '987654321',
  photoId: '987654321',
  trackingNumber: '2099-987654',
  month: '2020-01',
  format: 'json',
  code: '987654321',
  token: 'no-such-token',
  key: 'no_such_setting',
  // issue 14: notification templates, duties
  kind: 'appeal_overdue',
  locale: 'uk',
  userId: '987654321',
  // issue 18: the morning digest of a day
  day: '2020-01-01',
};

/**
 * Operations on one appeal of another organisation that an executor must not reach: 404, as if
 * the appeal did not exist (ARCHITECTURE.md, "Access"). Placeholders: `{appeal}`.
 */
const SCOPED_TO_ORGANISATION: { operationId: string; body?: unknown }[] = [
  { operationId: 'getAppeal' },
  { operationId: 'acceptAssignment' },
  { operationId: 'respondToAppeal', body: { text: 'Виконано' } },
  { operationId: 'returnNotInCompetence', body: { comment: 'Не наше' } },
  { operationId: 'requestExtension', body: { days: 5, reason: 'Потрібна техніка' } },
  { operationId: 'uploadAttachment', body: 'photo' },
  // issue 16: the works and mass appeal an appeal belongs to (its card)
  { operationId: 'appealWorks' },
];

/** A one-file multipart body, as the web app uploads a photo. */
function photoForm(): FormData {
  const form = new FormData();
  form.append(
    'file',
    new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }),
    'act.pdf',
  );
  return form;
}

let server: TestServer;
let operations: Operation[];

function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = MISSING[name];
    if (!value) throw new Error(`No stand-in value for the path parameter {${name}} of ${path}`);
    return value;
  });
}

/** The gate's refusal: 403 `forbidden` naming the permission the role lacks. */
function gateRefused(res: ApiResponse<unknown>): boolean {
  const body = res.body as { error?: string; details?: { permission?: string } } | null;
  return res.status === 403 && body?.error === 'forbidden' && !!body.details?.permission;
}

async function call(client: ApiClient, op: Operation): Promise<ApiResponse<unknown>> {
  const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
  return client.request(op.method, concretePath(op.path), body);
}

beforeAll(async () => {
  server = await startTestServer();
  const doc = await server.anonymous().get<{
    paths: Record<string, Record<string, { operationId: string; 'x-access': string }>>;
  }>('/api/openapi.json');
  operations = Object.entries(doc.body.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      access: op['x-access'],
    })),
  );
  // Signing out ends the client's session: call it last.
  operations.sort(
    (a, b) => Number(a.operationId === 'logout') - Number(b.operationId === 'logout'),
  );
});
afterAll(() => server.close());

describe('the OpenAPI document', () => {
  it('lists the staff, portal and Open311 operations, each with its access', () => {
    expect(operations.length).toBeGreaterThanOrEqual(60);
    const known = new Set<string>(['public', 'user', ...PERMISSIONS]);
    expect(operations.filter((op) => !known.has(op.access))).toEqual([]);
    expect(operations.filter((op) => !op.operationId)).toEqual([]);
  });

  it('declares a permission, not just a session, on the staff API’s mutations', () => {
    // Signing in and out, one's own API tokens, notifications and password are every user's own business.
    const ownBusiness = [
      'logout',
      'createApiToken',
      'revokeApiToken',
      'markNotificationRead',
      'changeOwnPassword',
      'markAllNotificationsRead',
      'updateNotificationSettings',
    ];
    const open = operations.filter(
      (op) =>
        op.path.startsWith('/api/v1/') &&
        op.method !== 'GET' &&
        op.access === 'user' &&
        !ownBusiness.includes(op.operationId),
    );
    expect(open).toEqual([]);
  });

  it('lists every appeal operation an executor may call among the organisation-scoped ones', () => {
    const scoped = new Set(SCOPED_TO_ORGANISATION.map((s) => s.operationId));
    const executorsAppealOps = operations.filter(
      (op) =>
        op.path.startsWith('/api/v1/appeals/{id}') &&
        expectedRolesFor(op.access as 'user').includes('executor'),
    );
    expect(executorsAppealOps.length).toBeGreaterThan(0);
    expect(executorsAppealOps.filter((op) => !scoped.has(op.operationId))).toEqual([]);
  });
});

describe('each role calls every operation', () => {
  it.each(ROLES)('%s is let through exactly the operations the table grants', async (role) => {
    const organisationId =
      role === 'executor' ? (await routedQuestionType(server.ctx.deps)).executorId : undefined;
    const client = await server.signIn(role, organisationId);
    const wrong: string[] = [];
    for (const op of operations) {
      const allowed = expectedRolesFor(op.access as 'user').includes(role);
      const res = await call(client, op);
      if (res.status === 401) wrong.push(`${op.operationId}: 401 (session lost?)`);
      else if (allowed && gateRefused(res)) wrong.push(`${op.operationId}: refused, table allows`);
      else if (!allowed && !gateRefused(res)) {
        wrong.push(`${op.operationId}: ${res.status}, table refuses ${op.access}`);
      } else if (!allowed) {
        const details = (res.body as { details: { permission: string } }).details;
        if (details.permission !== op.access)
          wrong.push(`${op.operationId}: names ${details.permission}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an anonymous client gets 401 on everything but the public operations', async () => {
    const anonymous = server.anonymous();
    const wrong: string[] = [];
    for (const op of operations) {
      const res = await call(anonymous, op);
      const isPublic = op.access === 'public';
      if (isPublic && (res.status === 401 || gateRefused(res))) wrong.push(`${op.operationId}`);
      if (
        !isPublic &&
        (res.status !== 401 || (res.body as { error: string }).error !== 'unauthenticated')
      ) {
        wrong.push(`${op.operationId}: ${res.status}`);
      }
    }
    expect(operations.some((op) => op.access === 'public')).toBe(true);
    expect(wrong).toEqual([]);
  });
});

describe('an executor’s organisation', () => {
  let executorOfA: ApiClient;
  let executorOfB: ApiClient;
  let appealOfA: { id: number; number: string };
  let appealOfB: { id: number; number: string };

  beforeAll(async () => {
    const routedA = await routedQuestionType(server.ctx.deps);
    const orgB = await otherOrganisation(server.ctx.deps, routedA.executorId);
    const operator = await server.signIn('operator');
    const a = await operator.post<{ id: number; number: string }>(
      '/api/v1/appeals',
      appealBody(routedA.questionTypeId, { description: 'Звернення організації А' }),
    );
    const b = await operator.post<{ id: number; number: string }>(
      '/api/v1/appeals',
      appealBody(routedA.questionTypeId, { executorId: orgB, description: 'Звернення Б' }),
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    appealOfA = a.body;
    appealOfB = b.body;
    executorOfA = await server.signIn('executor', routedA.executorId);
    executorOfB = await server.signIn('executor', orgB);
  });

  it.each(SCOPED_TO_ORGANISATION)(
    '$operationId on another organisation’s appeal is 404',
    async ({ operationId, body }) => {
      const op = operations.find((o) => o.operationId === operationId);
      if (!op) throw new Error(`${operationId} is not in the OpenAPI document`);
      const path = op.path.replace('{id}', String(appealOfA.id));
      const res = await executorOfB.request(
        op.method,
        path,
        op.method === 'GET' ? undefined : body === 'photo' ? photoForm() : (body ?? {}),
      );
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: 'appeal_not_found' });
    },
  );

  it('the registry and the CSV export hold only its organisation’s appeals', async () => {
    const list = await executorOfA.get<{ items: { id: number; mainExecutor: { id: number } }[] }>(
      '/api/v1/appeals?pageSize=100',
    );
    expect(list.status).toBe(200);
    const ids = list.body.items.map((a) => a.id);
    expect(ids).toContain(appealOfA.id);
    expect(ids).not.toContain(appealOfB.id);

    const csv = await executorOfA.request<string>('GET', '/api/v1/appeals/export.csv');
    expect(csv.status).toBe(200);
    const numbers = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(numbers).toContain(appealOfA.number);
    expect(numbers).not.toContain(appealOfB.number);
    expect(numbers).toHaveLength(ids.length);
  });
});

describe('the applicant’s personal data by role', () => {
  const applicant = {
    fullName: 'Вигаданенко Олеся Тарасівна',
    phones: ['067 123 45 67'],
    email: 'olesia@example.org',
    address: 'вул. Вигадана, 5, кв. 7',
    privilegedCategory: 'veteran',
  };
  const KEYS = {
    full: ['address', 'email', 'fullName', 'id', 'phones', 'privilegedCategory', 'socialStatus'],
    contact: ['address', 'fullName', 'id', 'phones'],
  };
  let appeal: { id: number; number: string };
  let executorId: number;

  beforeAll(async () => {
    const routed = await routedQuestionType(server.ctx.deps);
    executorId = routed.executorId;
    const operator = await server.signIn('operator');
    const res = await operator.post<{ id: number; number: string }>(
      '/api/v1/appeals',
      appealBody(routed.questionTypeId, { applicant }),
    );
    expect(res.status).toBe(201);
    appeal = res.body;
  });

  it.each(ROLES)('%s: the card, the registry and the export', async (role: Role) => {
    const client = await server.signIn(role, role === 'executor' ? executorId : undefined);
    const level = EXPECTED_PERSONAL_DATA[role];

    const card = await client.get<{ applicant: Record<string, unknown> | null }>(
      `/api/v1/appeals/${appeal.id}`,
    );
    expect(card.status).toBe(200);
    if (level === 'none') {
      expect(card.body.applicant).toBeNull();
    } else {
      expect(Object.keys(card.body.applicant ?? {}).sort()).toEqual(KEYS[level]);
      expect(card.body.applicant).toMatchObject({
        fullName: applicant.fullName,
        phones: [expect.stringContaining('123')],
      });
    }

    // The registry shows the applicant's name and phones only to a role with personal-data access
    // (the operator finds a caller's appeals, issue 12); the exports carry no applicant for any role.
    const list = await client.get<{ items: Record<string, unknown>[] }>(
      `/api/v1/appeals?q=${encodeURIComponent(appeal.number)}`,
    );
    const item = list.body.items.find((i) => i.id === appeal.id);
    expect(item).toBeDefined();
    if (level === 'none') {
      expect(Object.keys(item ?? {})).not.toContain('applicant');
      expect(JSON.stringify(item)).not.toContain('Вигаданенко');
    } else {
      expect(item?.applicant).toEqual({
        fullName: applicant.fullName,
        phones: [expect.stringContaining('123')],
      });
    }
    const csv = await client.request<string>('GET', '/api/v1/appeals/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain(appeal.number);
    expect(csv.body).not.toContain('Вигаданенко');
    expect(csv.body).not.toContain('olesia@example.org');
  });
});
