/**
 * Saved reports (issue 17, item 2) on a real database: saving, sharing with a role, who may see,
 * change and delete, the refusals (a role that does not read reports, a fixed period without its
 * days), the audit entries, running for the saved period against today — and the schedule: sent
 * once from the digest hour on the 1st for the previous month even when two jobs race, e-mailed
 * through a real SMTP server with the XLSX attached, numbers as number cells.
 *
 * Data: two appeals of executor e1 in March 2026 and three in April 2026 (Kyiv).
 */
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SavedReportInput,
  SavedReportView,
} from '../../src/contract/report-constructor.schemas.js';
import { can } from '../../src/domain/policy.js';
import { deliverDueNotifications, smtpMailer } from '../../src/server/notifications/delivery.js';
import {
  createSavedReport,
  getSavedReport,
} from '../../src/server/reports/saved-reports.service.js';
import {
  runScheduledReports,
  type ScheduledReportsRun,
} from '../../src/server/reports/scheduled-reports.js';
import { addMainAssignment, makeUser } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { startTestSmtp, type TestSmtp } from '../smtp.js';

const TODAY = new Date('2026-04-08T09:00:00Z'); // Wednesday 8 April 2026, 12:00 Kyiv
const EXTRA = 'zvit@example.org';
let server: TestServer;
let smtp: TestSmtp;
let owner: ApiClient;
let analyst: ApiClient;
let otherSupervisor: ApiClient;
const e1 = { id: 0, name: '' };

const pivotInput = (over: Partial<SavedReportInput> = {}): SavedReportInput => ({
  name: 'Виконавці помісячно',
  definition: {
    type: 'pivot',
    rows: 'executor',
    measures: ['count', 'on_time_share'],
    period: 'previous_month',
    filters: {},
  },
  sharedWithRoles: [],
  schedule: null,
  ...over,
});

beforeAll(async () => {
  server = await startTestServer({ digest: { emails: [], hour: 7 } });
  smtp = await startTestSmtp();
  const { db } = server.ctx.deps;
  server.ctx.setNow(TODAY);
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('type', '!=', 'contact_centre')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  Object.assign(e1, org);
  const qt = await db
    .selectFrom('question_types')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const received = [
    '2026-03-03T10:00:00+02:00',
    '2026-03-20T10:00:00+02:00',
    '2026-04-02T10:00:00+03:00',
    '2026-04-10T10:00:00+03:00',
    '2026-04-30T23:00:00+03:00',
  ];
  for (const [i, at] of received.entries()) {
    const row = await db
      .insertInto('appeals')
      .values({
        number: `S17-${i}`,
        received_at: at,
        registered_at: at,
        channel: 'phone',
        kind: 'application',
        subject: 'individual',
        question_type_id: qt.id,
        description: 'Звернення для збереженого звіту',
        status: 'in_work',
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addMainAssignment(db, { id: row.id, executorId: e1.id, receivedAt: at, closed: false });
  }
  owner = await server.signIn('supervisor');
  analyst = await server.signIn('analyst');
  otherSupervisor = await server.signIn('supervisor');
});
afterAll(async () => {
  await smtp?.close();
  await server?.close();
});

describe('saved reports', () => {
  it('are seen by the owner and the roles shared with; only the owner changes or deletes', async () => {
    server.ctx.setNow(TODAY);
    const created = await owner.post<SavedReportView>(
      '/api/v1/reports/saved',
      pivotInput({ sharedWithRoles: ['analyst'] }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      name: 'Виконавці помісячно',
      sharedWithRoles: ['analyst'],
      mine: true,
      lastSent: null,
      schedule: null,
    });

    const list = await analyst.get<SavedReportView[]>('/api/v1/reports/saved');
    expect(list.body.filter((r) => r.id === id).map((r) => r.mine)).toEqual([false]);
    expect((await analyst.get(`/api/v1/reports/saved/${id}`)).status).toBe(200);
    const put = await analyst.request<{ error: string }>(
      'PUT',
      `/api/v1/reports/saved/${id}`,
      pivotInput({ name: 'Чуже' }),
    );
    expect([put.status, put.body.error]).toEqual([403, 'saved_report_not_owner']);
    const del = await analyst.request<{ error: string }>('DELETE', `/api/v1/reports/saved/${id}`);
    expect([del.status, del.body.error]).toEqual([403, 'saved_report_not_owner']);

    // Another supervisor: not shared with the role, so not there at all.
    const theirs = await otherSupervisor.get<SavedReportView[]>('/api/v1/reports/saved');
    expect(theirs.body.map((r) => r.id)).not.toContain(id);
    const hidden = await otherSupervisor.get<{ error: string }>(`/api/v1/reports/saved/${id}`);
    expect([hidden.status, hidden.body.error]).toEqual([404, 'saved_report_not_found']);
    const hiddenDel = await otherSupervisor.request('DELETE', `/api/v1/reports/saved/${id}`);
    expect(hiddenDel.status).toBe(404);

    const renamed = await owner.request<SavedReportView>(
      'PUT',
      `/api/v1/reports/saved/${id}`,
      pivotInput({ name: 'Виконавці за місяць', sharedWithRoles: ['analyst'] }),
    );
    expect([renamed.status, renamed.body.name]).toEqual([200, 'Виконавці за місяць']);
    expect((await owner.request('DELETE', `/api/v1/reports/saved/${id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/reports/saved/${id}`)).status).toBe(404);

    const audit = await server.ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `/reports/saved/${id}`)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'createSavedReport',
      'updateSavedReport',
      'deleteSavedReport',
    ]);
  });

  it('refuses sharing with a role that does not read reports, and a fixed period without days', async () => {
    server.ctx.setNow(TODAY);
    expect(can('operator', 'monitoring.read')).toBe(false);
    const shared = await owner.post<{ error: string }>(
      '/api/v1/reports/saved',
      pivotInput({ sharedWithRoles: ['analyst', 'operator'] }),
    );
    expect([shared.status, shared.body.error]).toEqual([400, 'report_share_role_invalid']);
    const fixed = await owner.post<{ error: string }>(
      '/api/v1/reports/saved',
      pivotInput({
        definition: {
          type: 'standard',
          key: 'channels',
          period: 'fixed',
          from: '2026-03-01',
          filters: {},
        },
      }),
    );
    expect([fixed.status, fixed.body.error]).toEqual([400, 'report_period_invalid']);
    const same = await owner.post<{ error: string }>(
      '/api/v1/reports/saved',
      pivotInput({
        definition: {
          type: 'pivot',
          rows: 'month',
          columns: 'month',
          measures: ['count'],
          period: 'last_30_days',
          filters: {},
        },
      }),
    );
    expect([same.status, same.body.error]).toEqual([400, 'pivot_same_dimension']);
    // A measure twice, an address twice (it would be mailed twice): refused, not stored.
    const twice = await owner.post<{ error: string }>(
      '/api/v1/reports/saved',
      pivotInput({
        definition: {
          type: 'pivot',
          rows: 'month',
          measures: ['count', 'count'],
          period: 'last_30_days',
          filters: {},
        },
      }),
    );
    expect([twice.status, twice.body.error]).toEqual([400, 'validation_failed']);
    const mailedTwice = await owner.post<{ error: string }>(
      '/api/v1/reports/saved',
      pivotInput({
        schedule: { every: 'week', format: 'pdf', lang: 'uk', emails: [EXTRA, EXTRA] },
      }),
    );
    expect([mailedTwice.status, mailedTwice.body.error]).toEqual([400, 'validation_failed']);
    const mine = await owner.get<SavedReportView[]>('/api/v1/reports/saved');
    expect(mine.body.filter((r) => r.mine)).toEqual([]);
  });

  it('runs for its period resolved against today: the previous month', async () => {
    server.ctx.setNow(TODAY);
    const created = await owner.post<SavedReportView>('/api/v1/reports/saved', pivotInput());
    expect(created.status).toBe(201);
    const run = await owner.get<{ from: string; to: string; rows: Record<string, unknown>[] }>(
      `/api/v1/reports/saved/${created.body.id}/run?lang=en`,
    );
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect([run.body.from, run.body.to]).toEqual(['2026-03-01', '2026-03-31']);
    expect(run.body.rows).toEqual([
      { row: e1.name, count: 2, on_time_share: null },
      { row: 'Total', count: 2, on_time_share: null },
    ]);
    expect((await owner.request('DELETE', `/api/v1/reports/saved/${created.body.id}`)).status).toBe(
      204,
    );
  });
});

describe('a monthly schedule', () => {
  it('sends the previous month once from the hour on the 1st, even when two jobs race', async () => {
    const deps = server.ctx.deps;
    const head = await makeUser(deps, 'supervisor');
    let before: ScheduledReportsRun;
    let racing: ScheduledReportsRun[];
    let again: ScheduledReportsRun;
    let id: number;
    const actor = {
      kind: 'user' as const,
      id: head.id,
      login: head.login,
      fullName: head.fullName,
      role: 'supervisor' as const,
      organisationId: null,
    };
    try {
      server.ctx.setNow(new Date('2026-04-20T09:00:00Z'));
      ({ id } = await createSavedReport(
        deps,
        actor,
        pivotInput({
          name: 'Місячний звіт',
          definition: {
            type: 'pivot',
            rows: 'executor',
            measures: ['count'],
            period: 'previous_month',
            filters: {},
          },
          schedule: { every: 'month', format: 'xlsx', lang: 'uk', emails: [EXTRA] },
        }),
      ));
      // 1 May 2026 06:59 Kyiv (UTC+3): not yet; 07:00:30: two jobs at once; then once more.
      server.ctx.setNow(new Date('2026-05-01T03:59:00Z'));
      before = await runScheduledReports(deps);
      server.ctx.setNow(new Date('2026-05-01T04:00:30Z'));
      racing = await Promise.all([runScheduledReports(deps), runScheduledReports(deps)]);
      again = await runScheduledReports(deps);
    } finally {
      server.ctx.setNow(TODAY);
    }
    expect(before.made).toBe(0);
    expect(racing.reduce((n, r) => n + r.made, 0)).toBe(1);
    expect(again.made).toBe(0);
    const runs = await deps.db
      .selectFrom('scheduled_report_runs')
      .select(['id', 'format'])
      .where('saved_report_id', '=', id)
      .execute();
    expect(runs).toHaveLength(1);
    const saved = await getSavedReport(deps.db, actor, id);
    expect(saved.lastSent).toEqual({
      at: '2026-05-01T04:00:30.000Z',
      from: '2026-04-01',
      to: '2026-04-30',
    });
    const queued = await deps.db
      .selectFrom('notifications')
      .select(['recipient_email', 'recipient_user_id', 'kind'])
      .where('report_run_id', '=', runs[0]!.id)
      .orderBy('id')
      .execute();
    expect(queued).toEqual([
      { recipient_email: null, recipient_user_id: head.id, kind: 'scheduled_report' },
      { recipient_email: EXTRA, recipient_user_id: null, kind: 'scheduled_report' },
    ]);

    const mailer = smtpMailer(smtp.url, 'Kontakt <kontakt@example.org>');
    try {
      await deliverDueNotifications(deps.db, mailer, new Date('2026-05-04T06:00:00Z'));
    } finally {
      mailer.close();
    }
    const message = smtp.messages.find((m) => m.to === EXTRA);
    expect(message, 'the schedule’s address gets the report').toBeDefined();
    const mail = await simpleParser(message!.raw);
    expect(mail.subject).toBe('Звіт за розкладом: Місячний звіт');
    expect(mail.text).toContain('Період: 01.04.2026 – 30.04.2026');
    const file = mail.attachments.find((a) => a.filename?.endsWith('.xlsx'));
    expect(file?.filename).toBe('pivot-executor-2026-04-01-2026-04-30.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(file!.content).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Зведена таблиця: Виконавець (Кількість)');
    expect(sheet.getCell('A2').value).toBe('Період: 01.04.2026 – 30.04.2026');
    expect(sheet.getRow(7).getCell(1).value).toBe(e1.name);
    expect(sheet.getRow(7).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(7).getCell(2).value).toBe(3);
    expect(sheet.getRow(8).values).toEqual([undefined, 'Усього', 3]);
  });
});
