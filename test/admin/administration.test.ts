/**
 * The administration API (issue 14) on a real database: staff users (NIST password rules, the
 * last administrator, deactivation ending sessions at once, reset with change at next sign-in),
 * the organisations' tree (cycle refused, deactivation refused with open assignments), the
 * classifier, routing with its explanation, settings in range, and the audit log written in the
 * change's own transaction (a refused change leaves no entry).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deactivateStaffUser } from '../../src/server/admin/deactivate-staff-user.js';
import { appealBody, makeUser } from '../factories.js';
import { ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let admin: ApiClient & { userId: number };
const unique = () => randomBytes(3).toString('hex');

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('administrator');
});
afterAll(() => server.close());

async function districtAdministration(): Promise<number> {
  const row = await server.ctx.deps.db
    .selectFrom('organisations')
    .select('id')
    .where('type', '=', 'district_administration')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function auditCount(): Promise<number> {
  const row = await server.ctx.deps.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function newOrganisation(parentId: number | null = null) {
  const res = await admin.post<{ id: number; parentId: number | null }>(
    '/api/v1/admin/organisations',
    { name: `КП «Тест ${unique()}»`, type: 'utility_company', parentId, email: 'kp@example.org' },
  );
  expect(res.status).toBe(201);
  return res.body;
}

describe('staff users', () => {
  it('creates, edits and lists a user; the audit keeps before → after without the password', async () => {
    const org = await newOrganisation(await districtAdministration());
    const login = `exec-${unique()}`;
    const created = await admin.post<{ id: number; organisationName: string }>(
      '/api/v1/admin/users',
      {
        login,
        fullName: 'Тестовий Виконавець',
        role: 'executor',
        organisationId: org.id,
        password: 'зелений чайник на балконі',
      },
    );
    expect(created.status).toBe(201);
    const edited = await admin.request<{ phone: string }>(
      'PATCH',
      `/api/v1/admin/users/${created.body.id}`,
      {
        phone: '+380440000000',
      },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.phone).toBe('+380440000000');
    const list = await admin.get<{ login: string }[]>(
      `/api/v1/admin/users?q=${login}&role=executor&active=true`,
    );
    expect(list.body.map((u) => u.login)).toEqual([login]);
    const audit = await admin.get<{ entries: { action: string; data: Record<string, unknown> }[] }>(
      `/api/v1/admin/audit?target=/users/${created.body.id}`,
    );
    expect(audit.body.entries.map((e) => e.action)).toEqual(['updateUser', 'createUser']);
    expect(audit.body.entries[0]?.data).toMatchObject({
      fields: ['phone'],
      before: { phone: null },
      after: { phone: '+380440000000' },
    });
    expect(JSON.stringify(audit.body)).not.toContain('чайник');
  });

  it.each([
    ['password_too_short', 'short'],
    ['password_breached', 'qwerty123'],
    ['password_breached', 'йцукенгш'],
    ['password_breached', 'aaaaaaaaaa'],
    ['password_like_login', 'same-login-1'],
  ])('refuses a password: %s (%s)', async (code, password) => {
    const before = await auditCount();
    const res = await admin.post('/api/v1/admin/users', {
      login: password === 'same-login-1' ? 'same-login-1' : `u-${unique()}`,
      fullName: 'Тест Паролю',
      role: 'analyst',
      password,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(password === 'short' ? 'validation_failed' : code);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a duplicate login with 409 login_taken', async () => {
    const login = `dup-${unique()}`;
    const body = { login, fullName: 'Дубль', role: 'analyst', password: 'довгий пароль для тесту' };
    expect((await admin.post('/api/v1/admin/users', body)).status).toBe(201);
    const again = await admin.post('/api/v1/admin/users', { ...body, login: login.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('login_taken');
  });

  it('deactivation ends the open session at once (401 on the next request) and reactivation brings none back', async () => {
    const analyst = await server.signIn('analyst');
    expect((await analyst.get('/api/v1/auth/me')).status).toBe(200);
    const res = await admin.post<{ sessionsEnded: number }>(
      `/api/v1/admin/users/${analyst.userId}/deactivate`,
    );
    expect(res.status).toBe(200);
    expect(res.body.sessionsEnded).toBe(1);
    expect((await analyst.get('/api/v1/auth/me')).status).toBe(401);
    expect((await admin.post(`/api/v1/admin/users/${analyst.userId}/reactivate`)).status).toBe(200);
    expect((await analyst.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses to deactivate or demote the last administrator, and one’s own account', async () => {
    const db = server.ctx.deps.db;
    const own = await admin.post(`/api/v1/admin/users/${admin.userId}/deactivate`);
    expect(own.status).toBe(409);
    expect(own.body.error).toBe('cannot_deactivate_self');
    // Make this administrator the only active one, then let another administrator try.
    const other = await server.signIn('administrator');
    await db
      .updateTable('users')
      .set({ active: false })
      .where('role', '=', 'administrator')
      .where('id', 'not in', [admin.userId, other.userId])
      .execute();
    expect((await other.post(`/api/v1/admin/users/${admin.userId}/deactivate`)).status).toBe(200);
    const last = await other.request('PATCH', `/api/v1/admin/users/${other.userId}`, {
      role: 'analyst',
    });
    expect(last.status).toBe(409);
    expect(last.body.error).toBe('last_administrator');
    // Restore the first administrator for the other tests.
    await db.updateTable('users').set({ active: true }).where('id', '=', admin.userId).execute();
    admin = await server.signIn('administrator');
  });

  it('refuses to deactivate the last active administrator (409 last_administrator), whoever asks', async () => {
    const db = server.ctx.deps.db;
    const only = await makeUser(server.ctx.deps, 'administrator');
    const others = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'administrator')
      .where('active', '=', true)
      .where('id', '!=', only.id)
      .execute();
    await db
      .updateTable('users')
      .set({ active: false })
      .where(
        'id',
        'in',
        others.map((o) => o.id),
      )
      .execute();
    try {
      // No actor: the command line, or a request whose administrator was deactivated meanwhile.
      await expect(deactivateStaffUser(server.ctx.deps, null, only.id)).rejects.toMatchObject({
        code: 'last_administrator',
        status: 409,
      });
      const still = await db
        .selectFrom('users')
        .select('active')
        .where('id', '=', only.id)
        .executeTakeFirstOrThrow();
      expect(still.active).toBe(true);
    } finally {
      await db
        .updateTable('users')
        .set({ active: true })
        .where(
          'id',
          'in',
          others.map((o) => o.id),
        )
        .execute();
    }
  });

  it('a reset password works once: only the own-password page until changed', async () => {
    const operator = await server.signIn('operator');
    const reset = await admin.post<{ oneTimePassword: string; user: { login: string } }>(
      `/api/v1/admin/users/${operator.userId}/reset-password`,
    );
    expect(reset.status).toBe(200);
    expect((await operator.get('/api/v1/auth/me')).status).toBe(401); // sessions ended
    const client = new ApiClient(server.baseUrl);
    const signIn = await client.post<{ mustChangePassword: boolean }>('/api/v1/auth/login', {
      login: reset.body.user.login,
      password: reset.body.oneTimePassword,
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.mustChangePassword).toBe(true);
    const blocked = await client.get('/api/v1/appeals');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toBe('password_change_required');
    const wrong = await client.post('/api/v1/account/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'нова фраза для входу',
    });
    expect(wrong.body.error).toBe('wrong_current_password');
    const changed = await client.post('/api/v1/account/password', {
      currentPassword: reset.body.oneTimePassword,
      newPassword: 'нова фраза для входу',
    });
    expect(changed.status).toBe(204);
    expect((await client.get('/api/v1/appeals')).status).toBe(200);
  });
});

describe('organisations', () => {
  it('moves in the tree, refuses a cycle, and the refusal writes no audit entry', async () => {
    const parent = await newOrganisation();
    const child = await newOrganisation(parent.id);
    const grandchild = await newOrganisation(child.id);
    const before = await auditCount();
    const cycle = await admin.post(`/api/v1/admin/organisations/${parent.id}/move`, {
      parentId: grandchild.id,
    });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error).toBe('organisation_cycle');
    const self = await admin.post(`/api/v1/admin/organisations/${parent.id}/move`, {
      parentId: parent.id,
    });
    expect(self.body.error).toBe('organisation_cycle');
    expect(await auditCount()).toBe(before);
    const moved = await admin.post<{ parentId: number | null }>(
      `/api/v1/admin/organisations/${grandchild.id}/move`,
      { parentId: null },
    );
    expect(moved.body.parentId).toBeNull();
    expect(await auditCount()).toBe(before + 1);
  });

  it('refuses to deactivate an organisation holding open assignments, with their count', async () => {
    const org = await newOrganisation();
    const kinds = await admin.get<{ id: number }[]>('/api/v1/admin/classifier');
    const qt = await admin.post<{ id: number }>('/api/v1/admin/classifier/question-types', {
      kindId: kinds.body[0]?.id,
      name: `Тестове питання ${unique()}`,
      executorId: org.id,
    });
    expect(qt.status).toBe(201);
    const operator = await server.signIn('operator');
    const appeal = await operator.post('/api/v1/appeals', appealBody(qt.body.id));
    expect(appeal.status).toBe(201);
    const res = await admin.request('PUT', `/api/v1/admin/organisations/${org.id}/active`, {
      active: false,
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: 'organisation_has_open_assignments',
      details: { openAssignments: 1 },
    });
    const empty = await newOrganisation();
    const ok = await admin.request<{ active: boolean }>(
      'PUT',
      `/api/v1/admin/organisations/${empty.id}/active`,
      { active: false },
    );
    expect(ok.body.active).toBe(false);
  });
});

describe('classifier and routing', () => {
  it('renames, moves and deactivates a question type; the routing screen explains the choice', async () => {
    const kinds = await admin.get<{ id: number }[]>('/api/v1/admin/classifier');
    const [first, second] = kinds.body;
    const org = await newOrganisation(await districtAdministration());
    const qt = await admin.post<{ id: number }>('/api/v1/admin/classifier/question-types', {
      kindId: first?.id,
      name: `Питання ${unique()}`,
      executorId: org.id,
      reviewMarginDays: 3,
    });
    const moved = await admin.request<{
      kindId: number;
      nameEn: string;
      isEmergency: boolean;
      termHours: number;
    }>('PATCH', `/api/v1/admin/classifier/question-types/${qt.body.id}`, {
      kindId: second?.id,
      nameEn: 'Test question',
      isEmergency: true,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      kindId: second?.id,
      nameEn: 'Test question',
      isEmergency: true,
      termHours: 24,
    });
    const routing = await admin.get<{ decisions: { executorId: number; rule: string }[] }>(
      `/api/v1/admin/routing/${qt.body.id}`,
    );
    expect(routing.status).toBe(200);
    expect(routing.body.decisions.at(-1)).toMatchObject({ executorId: org.id, rule: 'default' });
    const off = await admin.request<{ active: boolean }>(
      'PATCH',
      `/api/v1/admin/classifier/question-types/${qt.body.id}`,
      { active: false },
    );
    expect(off.body.active).toBe(false);
    const search = await admin.get<{ id: number }[]>(
      `/api/v1/question-types?q=${encodeURIComponent('Питання')}`,
    );
    expect(search.body.map((q) => q.id)).not.toContain(qt.body.id);
  });
});

describe('settings', () => {
  it('changes a setting in range, refuses one out of range, and lists system rows read-only', async () => {
    const ok = await admin.request<{ value: number }>(
      'PUT',
      '/api/v1/admin/settings/due_soon_hours',
      {
        value: 36,
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.value).toBe(36);
    const row = await server.ctx.deps.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'due_soon_hours')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe(36);
    const out = await admin.request('PUT', '/api/v1/admin/settings/rework_limit', { value: 99 });
    expect(out.status).toBe(400);
    expect(out.body).toMatchObject({ error: 'setting_out_of_range', details: { min: 0, max: 10 } });
    const system = await admin.request('PUT', '/api/v1/admin/settings/address_registry_version', {
      value: 5,
    });
    expect(system.status).toBe(404);
    const list = await admin.get<{ key: string; editable: boolean }[]>('/api/v1/admin/settings');
    expect(list.body.find((s) => s.key === 'address_registry_version')?.editable).toBe(false);
    await admin.request('PUT', '/api/v1/admin/settings/due_soon_hours', { value: 24 });
  });
});

describe('audit log', () => {
  it('filters by action and exports CSV; the supervisor reads it, the operator may not', async () => {
    await newOrganisation();
    await newOrganisation();
    const page = await admin.get<{ entries: { action: string }[] }>(
      '/api/v1/admin/audit?action=createOrganisation&limit=2',
    );
    expect(page.status).toBe(200);
    expect(page.body.entries.map((e) => e.action)).toEqual([
      'createOrganisation',
      'createOrganisation',
    ]);
    const csv = await admin.get<string>('/api/v1/admin/audit.csv?action=createOrganisation');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('createOrganisation');
    const supervisor = await server.signIn('supervisor');
    expect((await supervisor.get('/api/v1/admin/audit')).status).toBe(200);
    const operator = await server.signIn('operator');
    expect((await operator.get('/api/v1/admin/audit')).status).toBe(403);
  });
});
