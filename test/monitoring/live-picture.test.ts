/**
 * The head's live picture (issue 18 item 4): `GET /api/v1/monitoring/picture` on hand-made figures
 * — a question type's live counts of 8 previous weeks and a burst now, appeals registered by two
 * operators today, a call-back waiting — with the clock fixed (no winter/summer change in the
 * baseline weeks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LivePictureView } from '../../src/contract/monitoring.schemas.js';
import { registerAppeal } from '../../src/server/appeals/register-appeal.js';
import { DEFAULT_SPIKE_PARAMETERS, baselineWindow } from '../../src/domain/spikes.js';
import { appealBody, makeUser, routedQuestionType } from '../factories.js';
import { startTestServer, type TestServer } from '../http.js';

const H = 3_600_000;
// 10:30 in Kyiv on a Wednesday in January: 8 weeks back stay in winter time.
const T0 = new Date('2027-01-20T08:30:00Z');
const CURRENT = Date.parse('2027-01-20T08:00:00Z');

let server: TestServer;
let typeQ: number;
let typeR: number;

async function register(
  userId: number,
  at: Date,
  kind: 'application' | 'consultation' = 'application',
  intakeSeconds?: number,
) {
  server.ctx.setNow(at);
  const user = await server.ctx.deps.db
    .selectFrom('users')
    .select(['id', 'login', 'full_name as fullName', 'role'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return registerAppeal(
    server.ctx.deps,
    { kind: 'user', ...user, organisationId: null },
    {
      channel: 'phone',
      kind,
      subject: 'individual',
      receiptSign: 'primary',
      questionTypeId: typeQ,
      description: 'Немає світла у під’їзді',
      confidential: false,
      acknowledgeRepeat: false,
      receivedAt: at.toISOString(),
      ...(intakeSeconds !== undefined ? { intakeSeconds } : {}),
    },
  );
}

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId: typeQ } = await routedQuestionType(server.ctx.deps, 0));
  ({ questionTypeId: typeR } = await routedQuestionType(server.ctx.deps, 1));
  expect(typeR).not.toBe(typeQ);
  // Type R: 2 an hour in the same 4 hours (05:00–09:00 UTC) of each of the previous 8 weeks.
  const rows: { hour: Date; question_type_id: number; kind: 'application'; district_id: number; appeals: number }[] = [];
  for (let k = 1; k <= DEFAULT_SPIKE_PARAMETERS.baselineWeeks; k++) {
    for (const b of baselineWindow(T0.getTime(), 3, k, 'Europe/Kyiv')) {
      rows.push({ hour: new Date(b.hour), question_type_id: typeR, kind: 'application', district_id: 0, appeals: 2 });
    }
  }
  // … and now 2, 2, 6 and 9 so far.
  [2, 2, 6, 9].forEach((appeals, i) =>
    rows.push({ hour: new Date(CURRENT - (3 - i) * H), question_type_id: typeR, kind: 'application', district_id: 0, appeals }),
  );
  await server.ctx.deps.db.insertInto('appeal_hour_counts').values(rows).execute();
}); // prettier-ignore
afterAll(async () => {
  await server?.close();
});

describe('GET /api/v1/monitoring/picture', () => {
  it('shows rising types, the queues and the operators from one call', async () => {
    const deps = server.ctx.deps;
    const early = await makeUser(deps, 'operator');
    // The early operator worked at 07:20 Kyiv (not signed in now); another is signed in.
    await register(early.id, new Date('2027-01-20T05:20:00Z'));
    await register(early.id, new Date('2027-01-20T05:25:00Z'));
    await register(early.id, new Date('2027-01-20T05:30:00Z'), 'consultation');
    // Yesterday's registration counts for neither day figure, nor for the time per registration.
    await register(early.id, new Date('2027-01-19T20:00:00Z'), 'application', 900);
    server.ctx.setNow(new Date(T0.getTime() - 20 * 60_000));
    const operator = await server.signIn('operator');
    const idle = await server.signIn('operator');
    const head = await server.signIn('supervisor');
    // Times per registration as the new-call screen sent them: 150, 60 and 95 s, and one without.
    await register(operator.userId, new Date(T0.getTime() - 70 * 60_000), 'application', 150);
    await register(operator.userId, new Date(T0.getTime() - 10 * 60_000), 'application', 60);
    await register(operator.userId, new Date(T0.getTime() - 5 * 60_000));
    await register(operator.userId, new Date(T0.getTime() - 2 * 60_000), 'consultation', 95);
    const [appeal] = await deps.db.selectFrom('appeals').select('id').limit(1).execute();
    await deps.db
      .insertInto('callback_surveys')
      .values({ appeal_id: appeal!.id, reason: 'sampled', queued_at: T0 })
      .execute();
    server.ctx.setNow(T0);

    const res = await head.get('/api/v1/monitoring/picture');
    expect(res.status).toBe(200);
    const picture = res.body as LivePictureView;

    // R: last hour 6 + 9 against 2 + ½·2; last 3 hours 2 + 2 + 6 + 9 against 3·2 + ½·2.
    // Q (no history before this morning: the floor, 0.2 an hour): 07:00 + 08:00 UTC hours hold 4;
    // 05:00–08:00 hold 7 (yesterday's one is outside).
    const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);
    expect(
      picture.rising.map((r) => [
        r.questionTypeId,
        r.windows.map((w) => [w.hours, w.observed, round(w.expected)]),
      ]),
    ).toEqual([
      [
        typeR,
        [
          [1, 15, 3],
          [3, 19, 7],
        ],
      ],
      [
        typeQ,
        [
          [1, 4, 0.3],
          [3, 7, 0.7],
        ],
      ],
    ]);
    expect(picture.rising[0]!.questionType).toEqual(expect.any(String));

    expect(picture.queues.map((q) => q.key)).toEqual([
      'needs_routing',
      'new',
      'due_soon',
      'overdue',
      'on_check',
      'moderation',
      'callback',
    ]);
    const queue = Object.fromEntries(picture.queues.map((q) => [q.key, q.count]));
    expect(queue.callback).toBe(1);
    expect(queue.moderation).toBe(0);
    expect(queue.overdue).toBe(0);
    // The same counts as the supervisor's figures (the registry's queue filters).
    const dashboard = (await head.get('/api/v1/dashboard')).body as {
      figures: { key: string; count: number }[];
    };
    for (const f of dashboard.figures) {
      if (f.key in queue) expect([f.key, queue[f.key]]).toEqual([f.key, f.count]);
    }

    const byId = new Map(picture.operators.map((o) => [o.userId, o]));
    expect(byId.get(operator.userId)).toMatchObject({
      signedIn: true,
      appealsToday: 3,
      consultationsToday: 1,
      appealsLastHour: 2,
      consultationsLastHour: 1,
      medianIntakeSeconds: 95,
      timedToday: 3,
    });
    expect(byId.get(early.id)).toMatchObject({
      signedIn: false,
      appealsToday: 2,
      consultationsToday: 1,
      appealsLastHour: 0,
      consultationsLastHour: 0,
      medianIntakeSeconds: null,
      timedToday: 0,
    });
    expect(byId.get(idle.userId)).toMatchObject({ signedIn: true, appealsToday: 0 });
    // The head is signed in but is no operator and registered nothing.
    expect(byId.has(head.userId)).toBe(false);
  });

  it('takes a time per registration of 0–86,400 whole seconds only (400 otherwise)', async () => {
    // A year later: these appeals stay out of the windows and the day the other test reads.
    server.ctx.setNow(new Date('2028-06-01T09:00:00Z'));
    const operator = await server.signIn('operator');
    for (const intakeSeconds of [-1, 86_401, 12.5, '60']) {
      const res = await operator.post('/api/v1/appeals', appealBody(typeQ, { intakeSeconds }));
      expect([intakeSeconds, res.status, res.body.error]).toEqual([
        intakeSeconds,
        400,
        'validation_failed',
      ]);
    }
    const ok = await operator.post('/api/v1/appeals', appealBody(typeQ, { intakeSeconds: 0 }));
    expect(ok.status).toBe(201);
    const row = await server.ctx.deps.db
      .selectFrom('appeals')
      .select('intake_seconds')
      .where('id', '=', (ok.body as { id: number }).id)
      .executeTakeFirstOrThrow();
    expect(row.intake_seconds).toBe(0);
  });

  it('is for monitoring.read only', async () => {
    const dispatcher = await server.signIn('dispatcher');
    expect((await dispatcher.get('/api/v1/monitoring/picture')).status).toBe(403);
    expect((await server.anonymous().get('/api/v1/monitoring/picture')).status).toBe(401);
  });
});
