/**
 * Ratings and indexes (issue 17, item 4; ADR 047) on a hand-made March 2026: two executors, five
 * appeals, portal ratings and call-backs, whose right figures are written here; per executor,
 * per district and per month, with the city-wide row.
 *
 * Executor 1: A1 closed on time, 1 rework, portal rating 5, call-back solved, satisfaction 4,
 * would call again; A2 closed late, portal rating 2, call-back not solved, satisfaction 1, would
 * not call again; A3 open, 1 rework. Executor 2: A4 closed on time, call-back reached with no
 * answer to "solved", would call again. A consultation (A5) is not counted.
 *
 * Executor 1: on time 1/2 = 0.5; reworks 1 − 2/3 = 0.333…; citizens' mean (5+2+4+1)/4 = 3 → 0.5;
 * call-backs 1/2 = 0.5 → rating 100 × (0.2 + 0.0667 + 0.1 + 0.1) = 46.7; satisfaction 2/4 = 50 %;
 * loyalty (1 − 1)/2 = 0. Executor 2: on time 1, reworks 1, no ratings, no asked call-back →
 * 100; loyalty 100. City: on time 2/3, reworks 1 − 2/4 = 0.5, citizens 0.5, call-backs 0.5 →
 * 100 × (0.2667 + 0.1 + 0.1 + 0.1) = 56.7; satisfaction 50; loyalty (2 − 1)/3 = 33.3.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { addMainAssignment } from '../factories.js';

let server: TestServer;
let supervisor: ApiClient;
const names = { e1: '', e2: '' };

type Row = Record<string, string | number | null>;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.ctx.deps;
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('type', '!=', 'contact_centre')
    .orderBy('id')
    .limit(2)
    .execute();
  names.e1 = orgs[0]!.name;
  names.e2 = orgs[1]!.name;
  const qt = await db
    .selectFrom('question_types')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  let n = 0;
  const add = async (v: {
    executor?: number;
    kind?: 'application' | 'consultation';
    closed?: string;
    reworks?: number;
  }) => {
    const received = `2026-03-0${++n}T10:00:00+02:00`;
    const row = await db
      .insertInto('appeals')
      .values({
        number: `RT-${n}`,
        received_at: received,
        registered_at: received,
        channel: 'phone',
        kind: v.kind ?? 'application',
        subject: 'individual',
        question_type_id: qt.id,
        description: 'Звернення для рейтингу',
        status: v.closed ? 'closed' : 'in_work',
        result: v.closed ? 'done_confirmed' : null,
        closed_at: v.closed ?? null,
        legal_deadline: '2026-03-15T10:00:00+02:00',
        rework_count: v.reworks ?? 0,
        updated_at: received,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v.executor)
      await addMainAssignment(db, {
        id: row.id,
        executorId: v.executor,
        receivedAt: received,
        closed: Boolean(v.closed),
      });
    return row.id;
  };
  const rate = async (appealId: number, rating: number) => {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO submissions (tracking_number, channel, question_type_id, description, applicant_name,
                               applicant_phone, consent_given_at, consent_source, request_hash,
                               attributes, received_at, appeal_id, state)
      VALUES (${`RT-${appealId}`}, 'open311', ${qt.id}, 'Опис', 'Вигадана Особа', '067 555 00 09',
              now(), 'api_client', ${`rt-${appealId}`}, '{}'::jsonb, now(), ${appealId}, 'registered')
      RETURNING id`.execute(db);
    await db
      .insertInto('appeal_feedback')
      .values({
        appeal_id: appealId,
        submission_id: rows[0]!.id,
        verdict: 'confirm',
        rating,
        result: 'done_confirmed',
      })
      .execute();
  };
  const callBack = (
    appealId: number,
    v: { solved: boolean | null; satisfaction: number | null; again: boolean },
  ) =>
    db
      .insertInto('callback_surveys')
      .values({
        appeal_id: appealId,
        reason: 'sampled',
        state: 'completed',
        reached: true,
        solved: v.solved,
        satisfaction: v.satisfaction,
        would_call_again: v.again,
        completed_at: new Date(),
        queued_at: new Date(),
      })
      .execute();
  const a1 = await add({ executor: orgs[0]!.id, closed: '2026-03-10T10:00:00+02:00', reworks: 1 });
  const a2 = await add({ executor: orgs[0]!.id, closed: '2026-03-20T10:00:00+02:00' });
  await add({ executor: orgs[0]!.id, reworks: 1 });
  const a4 = await add({ executor: orgs[1]!.id, closed: '2026-03-12T10:00:00+02:00' });
  await add({ kind: 'consultation', closed: '2026-03-05T10:05:00+02:00' });
  await rate(a1, 5);
  await rate(a2, 2);
  await callBack(a1, { solved: true, satisfaction: 4, again: true });
  await callBack(a2, { solved: false, satisfaction: 1, again: false });
  await callBack(a4, { solved: null, satisfaction: null, again: true });
  supervisor = await server.signIn('supervisor');
});
afterAll(() => server.close());

async function report(key: string, extra = ''): Promise<Row[]> {
  const res = await supervisor.get<{ rows: Row[] }>(
    `/api/v1/reports/${key}?from=2026-03-01&to=2026-03-31${extra}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.rows;
}

const city = {
  group: 'Місто загалом',
  received: 4,
  onTimeShare: 66.7,
  reworks: 2,
  citizensRating: 3,
  callbacksSolved: 50,
  rating: 56.7,
  satisfaction: 50,
  loyalty: 33.3,
};

describe('ratings and indexes on a hand-made month', () => {
  it('per executor, the city-wide row first', async () => {
    const rows = await report('ratings-executors');
    expect(rows[0]).toEqual(city);
    const by = Object.fromEntries(rows.slice(1).map((r) => [String(r.group), r]));
    expect(by[names.e1]).toEqual({
      group: names.e1,
      received: 3,
      onTimeShare: 50,
      reworks: 2,
      citizensRating: 3,
      callbacksSolved: 50,
      rating: 46.7,
      satisfaction: 50,
      loyalty: 0,
    });
    expect(by[names.e2]).toEqual({
      group: names.e2,
      received: 1,
      onTimeShare: 100,
      reworks: 0,
      citizensRating: null,
      callbacksSolved: null,
      rating: 100,
      satisfaction: null,
      loyalty: 100,
    });
  });

  it('per month and per district give the same city-wide figures', async () => {
    const months = await report('ratings-months', '&lang=en');
    expect(months).toEqual([
      { ...city, group: 'City-wide' },
      { ...city, group: '2026-03' },
    ]);
    const districts = await report('ratings-districts');
    expect(districts[0]).toEqual(city);
    expect(districts[1]).toEqual({ ...city, group: '—' });
  });
});
