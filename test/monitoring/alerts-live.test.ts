/**
 * Live monitoring across two app processes on one database (issue 18; ADR 038, 048): appeals
 * registered at once through both keep the live counts equal to a full recount; an alert raised
 * through one process reaches a supervisor's stream served by the other (the time is printed,
 * never asserted); dispatchers list, open and acknowledge it over the API, once; the supervisors
 * and the configured addresses get its e-mail.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Deps } from '../../src/server/context.js';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { createLiveBus } from '../../src/server/live/live-bus.js';
import { recountAppeals, storedCounts } from '../../src/server/monitoring/appeal-counts.js';
import { runSpikeDetection } from '../../src/server/monitoring/alerts.service.js';
import {
  addressRegistry,
  appealBody,
  makeUser,
  routedQuestionType,
  TEST_PASSWORD,
} from '../factories.js';
import { ApiClient, startTestServer, type TestServer } from '../http.js';
import { openStream } from '../live-stream.js';

let first: TestServer;
let second: { app: FastifyInstance; baseUrl: string; deps: Deps; database: Database | null };
let questionTypeId: number;
let place: Awaited<ReturnType<typeof addressRegistry>>;

beforeAll(async () => {
  first = await startTestServer({ alertEmails: ['head-of-centre@example.org'] });
  let database: Database | null = null;
  let deps: Deps = first.ctx.deps;
  if (first.ctx.databaseUrl) {
    database = await openDatabase({ databaseUrl: first.ctx.databaseUrl, poolSize: 3 });
    deps = { ...first.ctx.deps, db: database.db, live: await createLiveBus(database) };
  }
  const app = await buildApp(deps, { engine: first.ctx.database.engine, logger: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  second = { app, baseUrl, deps, database };
  ({ questionTypeId } = await routedQuestionType(first.ctx.deps));
  place = await addressRegistry(first.ctx.deps, questionTypeId, {
    current: 'Моніторингова',
    former: 'Стара Моніторингова',
  });
});
afterAll(async () => {
  await second.app.close();
  if (second.database) {
    await second.deps.live?.close();
    await second.database.close();
  }
  await first.close();
});

async function signInAt(
  baseUrl: string,
  role: 'supervisor' | 'operator' | 'dispatcher',
): Promise<ApiClient & { userId: number }> {
  const user = await makeUser(first.ctx.deps, role);
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/v1/auth/login', {
    login: user.login,
    password: TEST_PASSWORD,
  });
  expect(res.status).toBe(200);
  return Object.assign(client, { userId: user.id });
}

type CountRows = Awaited<ReturnType<typeof storedCounts>>;

/** The rows of `after` with what `before` held taken away (rows that did not change left out). */
function added(after: CountRows, before: CountRows): CountRows {
  const key = (r: CountRows[number]) =>
    `${r.hour.getTime()}|${r.questionTypeId}|${r.kind}|${r.districtId}`;
  const had = new Map(before.map((r) => [key(r), r.appeals]));
  return after
    .map((r) => ({ ...r, appeals: r.appeals - (had.get(key(r)) ?? 0) }))
    .filter((r) => r.appeals !== 0);
}

describe('live counts', () => {
  it('stay equal to a full recount under concurrent registration through two processes', async () => {
    const operators = [
      await signInAt(first.baseUrl, 'operator'),
      await signInAt(second.baseUrl, 'operator'),
    ];
    const bodies = Array.from({ length: 24 }, (_, i) =>
      appealBody(questionTypeId, {
        ...(i % 2 === 0 ? { buildingId: place.buildingId, address: undefined } : {}),
        ...(i % 3 === 0 ? { kind: 'consultation' } : {}),
      }),
    );
    // What other tests of this file wrote (in a shuffled order the alerts' test comes first, with
    // a count row of its own making) is taken away: this test compares what its registrations add.
    const db = first.ctx.deps.db;
    const [storedBefore, recountBefore] = [await storedCounts(db), await recountAppeals(db)];
    const results = await Promise.all(
      bodies.map((body, i) => operators[i % 2]!.post('/api/v1/appeals', body)),
    );
    expect(results.map((r) => r.status)).toEqual(bodies.map(() => 201));
    const stored = added(await storedCounts(db), storedBefore);
    expect(stored).toEqual(added(await recountAppeals(db), recountBefore));
    expect(stored.reduce((s, r) => s + r.appeals, 0)).toBe(24);
    expect(
      stored.find((r) => r.districtId === place.districtId && r.kind === 'consultation'),
    ).toMatchObject({
      appeals: 4,
    });
    // The live picture's counts read the same figures.
    const supervisor = await signInAt(second.baseUrl, 'supervisor');
    const counts = await supervisor.get<{ rows: { districtId: number | null; appeals: number }[] }>(
      '/api/v1/monitoring/counts?hours=2',
    );
    expect(counts.status).toBe(200);
    expect(
      counts.body.rows
        .filter((r) => r.districtId === place.districtId)
        .reduce((s, r) => s + r.appeals, 0),
    ).toBe(12);
  });
});

describe('alerts', () => {
  it('raised through one process reach the other’s supervisor stream, and are acknowledged once', async () => {
    const db = first.ctx.deps.db;
    // A history that starts three weeks ago (another type's appeal), so the baseline is usable.
    await db
      .insertInto('appeal_hour_counts')
      .values({
        hour: new Date(
          Math.floor(Date.now() / 3_600_000) * 3_600_000 - 21 * 24 * 3_600_000 - 4 * 3_600_000,
        ),
        question_type_id: questionTypeId,
        kind: 'application',
        district_id: 0,
        appeals: 1,
      })
      .execute();
    // Its own district: 12 appeals at its building within the hour (registered through the first process).
    const own = await addressRegistry(first.ctx.deps, questionTypeId, {
      current: 'Сплескова',
      former: 'Стара Сплескова',
    });
    const operator = await signInAt(first.baseUrl, 'operator');
    for (let i = 0; i < 12; i++) {
      const res = await operator.post(
        '/api/v1/appeals',
        appealBody(questionTypeId, { buildingId: own.buildingId, address: undefined }),
      );
      expect(res.status).toBe(201);
    }
    const supervisor = await signInAt(second.baseUrl, 'supervisor');
    const dispatcher = await signInAt(second.baseUrl, 'dispatcher');
    const stream = await openStream(supervisor, 'alerts');
    try {
      await stream.until(() => stream.events.some((e) => e.topic === 'live.hello'));
      const report = await runSpikeDetection(first.ctx.deps);
      const committed = performance.now();
      const alertId = (
        await db
          .selectFrom('monitoring_alerts')
          .select('id')
          .where('district_id', '=', own.districtId)
          .executeTakeFirstOrThrow()
      ).id;
      expect(report.raised).toContain(alertId);
      await stream.until(() => stream.events.some((e) => e.topic === 'alerts.raised'));
      console.log(
        `alert raised through one process → the other's SSE stream: ${(performance.now() - committed).toFixed(0)} ms`,
      );
      expect(stream.events.find((e) => e.topic === 'alerts.raised')?.data).toEqual({
        alertIds: report.raised,
      });

      // A second run in the same minute: the same spike, not a second alert.
      expect((await runSpikeDetection(first.ctx.deps)).raised).toEqual([]);

      const list = await dispatcher.get<{ id: number; districtId: number; observed: number }[]>(
        '/api/v1/monitoring/alerts',
      );
      expect(list.status).toBe(200);
      expect(list.body.find((a) => a.id === alertId)).toMatchObject({
        id: alertId,
        districtId: own.districtId,
        observed: 12,
      });
      const detail = await dispatcher.get<{ appeals: unknown[] }>(
        `/api/v1/monitoring/alerts/${alertId}`,
      );
      expect(detail.body.appeals).toHaveLength(12);

      const ack = await dispatcher.post<{ acknowledgedAt: string; acknowledgedBy: string }>(
        `/api/v1/monitoring/alerts/${alertId}/acknowledge`,
      );
      expect(ack.status).toBe(200);
      expect(ack.body.acknowledgedBy).toBeTruthy();
      await stream.until(() => stream.events.some((e) => e.topic === 'alerts.acknowledged'));
      const again = await supervisor.post<{ acknowledgedAt: string; acknowledgedBy: string }>(
        `/api/v1/monitoring/alerts/${alertId}/acknowledge`,
      );
      expect(again.body).toMatchObject({
        acknowledgedAt: ack.body.acknowledgedAt,
        acknowledgedBy: ack.body.acknowledgedBy,
      });
      const open = await dispatcher.get<{ id: number }[]>('/api/v1/monitoring/alerts');
      expect(open.body.map((a) => a.id)).not.toContain(alertId);
      const all = await dispatcher.get<{ id: number }[]>('/api/v1/monitoring/alerts?state=all');
      expect(all.body.map((a) => a.id)).toContain(alertId);
      expect((await dispatcher.get('/api/v1/monitoring/alerts/987654')).body).toMatchObject({
        error: 'alert_not_found',
      });

      // E-mail: each active supervisor (as they chose) and the configured address, once.
      const mails = await db
        .selectFrom('notifications')
        .select(['recipient_user_id', 'recipient_email'])
        .where('kind', '=', 'monitoring_alert')
        .execute();
      const raised = report.raised.length;
      expect(mails.filter((m) => m.recipient_email === 'head-of-centre@example.org')).toHaveLength(
        raised,
      );
      expect(mails.filter((m) => m.recipient_user_id === supervisor.userId)).toHaveLength(raised);
    } finally {
      await stream.close();
    }
  });

  it('are not for operators', async () => {
    const operator = await signInAt(first.baseUrl, 'operator');
    expect((await operator.get('/api/v1/monitoring/alerts')).status).toBe(403);
  });
});
