/**
 * Every scheduled job runs once across a cluster (issue 21, item 2): the scheduler's whole list
 * (`scheduledJobs`) is run by three app nodes at the same moment, three times over, against one
 * database with work for each job — overdue appeals, an overdue emergency work, a weekly saved
 * report and the morning digest due, a model to train, mail to deliver to a real SMTP server. Each
 * job's effect must appear once: one history event per marked appeal, one notification per
 * recipient and cause, one e-mail per notification, one digest, one report run, one model.
 * On the server each node has its own pool (as separate processes would); on the embedded engine
 * the nodes share its one connection, so there the runs interleave rather than race.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/server/context.js';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { JOB_LOCKS } from '../../src/server/db/advisory-locks.js';
import { scheduledJobs } from '../../src/server/jobs/scheduler.js';
import { smtpMailer } from '../../src/server/notifications/delivery.js';
import { createSavedReport } from '../../src/server/reports/saved-reports.service.js';
import type { UserActor } from '../../src/server/context.js';
import { appealBody, makeUser, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { startTestSmtp, type TestSmtp } from '../smtp.js';

// Monday 11 January 2027, 10:00 in Kyiv: past the digest hour, a weekly report's day.
const NOW = new Date('2027-01-11T08:00:00Z');
const NODES = 3;
const HEAD_EMAIL = 'kerivnytstvo@example.org';
const REPORT_EMAIL = 'zvity@example.org';

let server: TestServer;
let smtp: TestSmtp;
let operator: ApiClient;
const databases: Database[] = [];
const nodes: Deps[] = [];
const overdueAppealIds: number[] = [];
let workId = 0;
let savedReportId = 0;
const failures: string[] = [];

const silentLog = {
  info: () => {},
  debug: () => {},
  error: () => {},
  warn: () => {},
} as unknown as Parameters<typeof scheduledJobs>[2];

beforeAll(async () => {
  server = await startTestServer({ digest: { emails: [HEAD_EMAIL], hour: 7 } });
  smtp = await startTestSmtp();
  const deps = server.ctx.deps;
  // The appeals are registered a week before and their control dates moved a day past NOW.
  server.ctx.setNow(new Date(NOW.getTime() - 7 * 86_400_000));
  const { questionTypeId, executorId } = await routedQuestionType(deps);
  const executorUser = await makeUser(deps, 'executor', { organisationId: executorId });
  const supervisor = await makeUser(deps, 'supervisor');
  for (const [id, email] of [
    [executorUser.id, `vykonavets-${randomBytes(2).toString('hex')}@example.org`],
    [supervisor.id, `kontroler-${randomBytes(2).toString('hex')}@example.org`],
  ] as const) {
    await deps.db.updateTable('users').set({ email }).where('id', '=', id).execute();
  }
  operator = await server.signIn('operator');
  for (let i = 0; i < 4; i += 1) {
    const res = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(questionTypeId, { description: `Не працює ліфт, під’їзд ${i + 1}` }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    overdueAppealIds.push(res.body.id);
  }
  await deps.db
    .updateTable('appeals')
    .set({ control_date: new Date(NOW.getTime() - 86_400_000) })
    .where('id', 'in', overdueAppealIds)
    .execute();

  const work = await deps.db
    .insertInto('works')
    .values({
      kind: 'emergency',
      service: 'lift',
      status: 'active',
      area: JSON.stringify({ buildingIds: [] }),
      starts_at: new Date(NOW.getTime() - 2 * 86_400_000),
      expected_end_at: new Date(NOW.getTime() - 3600_000),
      reason: 'Аварія ліфтового обладнання',
      public_text_uk: 'Аварійний ремонт ліфта',
      created_at: new Date(NOW.getTime() - 2 * 86_400_000),
      updated_at: new Date(NOW.getTime() - 2 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  workId = work.id;

  server.ctx.setNow(NOW);
  const owner: UserActor = {
    kind: 'user',
    id: supervisor.id,
    login: supervisor.login,
    fullName: supervisor.fullName,
    role: 'supervisor',
    organisationId: null,
  };
  const saved = await createSavedReport(deps, owner, {
    name: 'Тижневий звіт виконавців',
    definition: {
      type: 'pivot',
      rows: 'executor',
      measures: ['count'],
      period: 'previous_week',
      filters: {},
    },
    sharedWithRoles: [],
    schedule: { every: 'week', format: 'xlsx', lang: 'uk', emails: [REPORT_EMAIL] },
  });
  savedReportId = saved.id;
  // No model yet, or a stale one: the first run of assist-retrain trains.
  await sql`DELETE FROM assist_models`.execute(deps.db);

  const url = server.ctx.databaseUrl;
  for (let i = 0; i < NODES; i += 1) {
    let db = deps.db;
    if (url) {
      const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
      databases.push(database);
      db = database.db;
    }
    nodes.push({ ...deps, db });
  }
  const mailer = smtpMailer(smtp.url, 'kontakt@example.org');
  // Three rounds, as three ticks of every node's timers: the first does the work, the later ones
  // deliver what it queued and must add nothing.
  for (let round = 0; round < 3; round += 1) {
    await Promise.all(
      nodes.flatMap((node, n) =>
        scheduledJobs(node, mailer, silentLog).map((job) =>
          job.run().catch((error: unknown) => {
            failures.push(`node ${n} ${job.name}: ${String(error)}`);
          }),
        ),
      ),
    );
  }
});

afterAll(async () => {
  await Promise.all(databases.map((d) => d.close()));
  await smtp?.close();
  await server?.close();
});

/** Rows of `notifications` by dedupe-key prefix. */
async function notificationsLike(prefix: string) {
  return server.ctx.deps.db
    .selectFrom('notifications')
    .select(['id', 'dedupe_key', 'recipient_email', 'status'])
    .where('dedupe_key', 'like', `${prefix}%`)
    .execute();
}

describe('scheduled jobs run by three nodes at once', () => {
  it('every job of the scheduler is checked below, and no run failed', () => {
    const names = scheduledJobs(nodes[0]!, null, silentLog).map((j) => j.name);
    expect(names.sort()).toEqual(Object.keys(CHECKED).sort());
    expect(failures).toEqual([]);
  });

  it('no two jobs share an advisory lock key', () => {
    const keys = Object.values(JOB_LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('each overdue appeal is marked once, with one history event and one notice per recipient', async () => {
    const db = server.ctx.deps.db;
    const events = await db
      .selectFrom('appeal_events')
      .select(['appeal_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('type', '=', 'deadline_overdue')
      .where('appeal_id', 'in', overdueAppealIds)
      .groupBy('appeal_id')
      .execute();
    expect(events.map((e) => Number(e.n))).toEqual(overdueAppealIds.map(() => 1));
    const marks = await db
      .selectFrom('appeal_deadline_marks')
      .select('state')
      .where('appeal_id', 'in', overdueAppealIds)
      .execute();
    expect(marks.map((m) => m.state)).toEqual(overdueAppealIds.map(() => 'overdue'));
    for (const id of overdueAppealIds) {
      const notices = await notificationsLike(`appeal_overdue:${id}:`);
      // The executor's user and the supervisors (at least the one made above): one each.
      expect(notices.length).toBeGreaterThanOrEqual(2);
      expect(new Set(notices.map((n) => n.recipient_email)).size).toBe(notices.length);
    }
  });

  it('the overdue work is reported once to each supervisor', async () => {
    const notices = await notificationsLike(`work_overdue:${workId}:`);
    const supervisors = await server.ctx.deps.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'supervisor')
      .where('active', '=', true)
      .execute();
    expect(notices).toHaveLength(supervisors.length);
    const events = await server.ctx.deps.db
      .selectFrom('work_events')
      .select('id')
      .where('work_id', '=', workId)
      .execute();
    expect(events).toHaveLength(1);
  });

  it('the morning digest is made once and the weekly report run once', async () => {
    const db = server.ctx.deps.db;
    const digests = await db.selectFrom('morning_digests').select('day').execute();
    expect(digests).toHaveLength(1);
    const runs = await db
      .selectFrom('scheduled_report_runs')
      .select('id')
      .where('saved_report_id', '=', savedReportId)
      .execute();
    expect(runs).toHaveLength(1);
    // The digest to the configured address and the supervisors; the report to its address and
    // its owner: each once.
    const digestMail = await notificationsLike('morning_digest:');
    const digestTo = digestMail.map((n) => n.recipient_email);
    expect(digestTo).toContain(HEAD_EMAIL);
    expect(new Set(digestTo).size).toBe(digestTo.length);
    const reportMail = await notificationsLike('scheduled_report:');
    const reportTo = reportMail.map((n) => n.recipient_email);
    expect(reportTo).toContain(REPORT_EMAIL);
    expect(new Set(reportTo).size).toBe(reportTo.length);
  });

  it('one model is trained', async () => {
    const { rows } = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM assist_models`.execute(server.ctx.deps.db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('every notification with an address was e-mailed once, none twice', async () => {
    const mailed = await server.ctx.deps.db
      .selectFrom('notifications')
      .select(['id', 'recipient_email', 'status'])
      .where('recipient_email', 'is not', null)
      .execute();
    expect(mailed.length).toBeGreaterThanOrEqual(4);
    expect(mailed.filter((n) => n.status !== 'sent')).toEqual([]);
    // One message per row: each carries its notification's id in its Message-ID.
    const ids = smtp.messages.map((m) => /^Message-ID:\s*<([^>]+)>/im.exec(m.raw)?.[1]);
    expect(ids.sort()).toEqual(
      mailed.map((n) => `kontakt.notification-${n.id}@example.org`).sort(),
    );
  });
});

/**
 * What shows each job ran once, by job name: the tests above. A job added to the scheduler fails
 * the first test until it is named here with its check.
 */
const CHECKED: Record<string, string> = {
  'deadline-sweep': 'one history event and one notice per recipient for each overdue appeal',
  'dashboard-snapshot': 'under its lock (its own key now); no run failed',
  'work-notifications': 'dedupe keys; run under its own lock, no longer the snapshot key',
  'mail-delivery': 'one e-mail per notification (leased rows)',
  'outbox-retention': 'blanks codes of delivered receipts: idempotent, no run failed',
  'rate-limit-purge': 'deletes expired counters: idempotent, no run failed',
  'assist-retrain': 'one model',
  'works-overdue': 'one notice per supervisor, one work event',
  'mass-appeals': 'under its lock; no run failed',
  'monitoring-spikes': 'under its lock; no run failed',
  'morning-digest': 'one digest row',
  'scheduled-reports': 'one run of the weekly report',
  'callback-queue': 'under its lock, unique per appeal; no run failed',
};
