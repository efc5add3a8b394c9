/**
 * Registrations that arrive together are written together (ADR 067): one statement and one commit
 * for a group, numbers gapless in the order of arrival, every appeal with its own applicant,
 * assignments, history, hour count, key and tracking row; a group that fails is written again one
 * registration at a time, so only the one at fault gets the error and no number is lost.
 *
 * The groups here are made without timing: registrations asked in the same tick go as one group
 * behind the one already on its way (the first goes alone, at once).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRegistrationNumber } from '../../src/domain/text.js';
import type { NumberedAppealInput } from '../../src/server/appeals/numbered-appeal.queries.js';
import {
  insertNumberedAppeal,
  isOneRegistrationsFault,
} from '../../src/server/appeals/registration-groups.js';
import { verifyHistory } from '../../src/server/audit/audit.service.js';
import { registrationGroupsRetried } from '../../src/server/ops/metrics.js';
import type { UserActor } from '../../src/server/context.js';
import { makeUser, otherOrganisation, routedQuestionType } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
let operator: UserActor;
let questionTypeId: number;
let executorId: number;
let coExecutorId: number;

const NOW = new Date('2034-06-01T09:00:00Z');

/** The write of registration `i` of `year`, with options as the use case would fill them. */
function input(
  i: number,
  options: {
    year?: number;
    key?: string;
    newApplicant?: boolean;
    tracking?: boolean;
    questionTypeId?: number;
  } = {},
): NumberedAppealInput {
  const year = options.year ?? 2034;
  const receivedAt = new Date(`${year}-06-01T08:${String(i % 60).padStart(2, '0')}:00Z`);
  const name = `Груповий Заявник ${i}`;
  return {
    year,
    actor: operator,
    now: NOW,
    appeal: {
      received_at: receivedAt,
      registered_at: NOW,
      channel: 'phone',
      kind: 'application',
      subject: 'individual',
      receipt_sign: 'primary',
      question_type_id: options.questionTypeId ?? questionTypeId,
      address_text: `вул. Групова, ${i}`,
      address_flags: ['unverified'],
      description: `Звернення групи ${i}`,
      status: 'registered',
      control_date: new Date('2034-06-20T21:00:00Z'),
      legal_deadline: new Date('2034-07-01T21:00:00Z'),
    },
    newApplicant:
      options.newApplicant === false
        ? null
        : { fullName: name, phones: [`067 111 ${String(1000 + i).slice(-4)}`] },
    mainAssignment: {
      executorId,
      instruction: `Доручення ${i}`,
      controlDate: new Date('2034-06-20T21:00:00Z'),
    },
    coAssignments: i % 2 === 0 ? [{ executorId: coExecutorId }] : [],
    events: [
      { type: 'registered', from: null, to: 'registered', data: { i } },
      { type: 'assigned', from: 'registered', to: 'registered', data: { executorId } },
    ],
    registrationKey: options.key ? { keyHash: options.key, requestHash: `request ${i}` } : null,
    trackingCode: options.tracking
      ? {
          accessCodeHash: `hash ${i}`,
          trackingYear: year,
          applicant: { name, email: null, phone: '+380671110000', address: null },
        }
      : null,
  };
}

/** Groups written again one registration at a time, so far in this process. */
async function retried(): Promise<number> {
  return (await registrationGroupsRetried.get()).values[0]?.value ?? 0;
}

/** The transactions that wrote these appeals (rows written in one transaction share its xmin). */
async function transactionsOf(ids: readonly number[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(DISTINCT xmin::text)::integer AS n FROM appeals WHERE id = ANY(${ids}::integer[])`.execute(
    ctx.deps.db,
  );
  return rows[0]!.n;
}

/** The live count of the question type's appeals received 08:00–09:00 on 1 June 2034. */
async function countedAt8(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT coalesce(sum(appeals), 0)::integer AS n FROM appeal_hour_counts
     WHERE hour >= '2034-06-01T08:00:00Z' AND hour < '2034-06-01T09:00:00Z'
       AND question_type_id = ${questionTypeId}`.execute(ctx.deps.db);
  return rows[0]!.n;
}

async function lastNumber(year: number): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom('registration_counters')
    .select('last_value')
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.last_value ?? 0;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.setNow(NOW);
  ({ questionTypeId, executorId } = await routedQuestionType(ctx.deps));
  coExecutorId = await otherOrganisation(ctx.deps, executorId);
  const user = await makeUser(ctx.deps, 'operator');
  operator = { kind: 'user', ...user, organisationId: null };
});
afterAll(() => ctx.close());

describe('registrations written in groups', () => {
  it('writes those asked together in one statement, numbered in the order asked, each whole', async () => {
    const before = await lastNumber(2034);
    const retriedBefore = await retried();
    const countedBefore = await countedAt8();
    const written = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        insertNumberedAppeal(ctx.deps.db, input(i, { tracking: i % 3 === 0 })),
      ),
    );
    expect(written.map((w) => w.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => formatRegistrationNumber(2034, before + i + 1)),
    );
    // The first went at once, alone; the nine asked while it was written went as one group,
    // whose statement did not fail.
    expect(await retried()).toBe(retriedBefore);
    expect(await transactionsOf(written.slice(0, 1).map((w) => w.id))).toBe(1);
    expect(await transactionsOf(written.slice(1).map((w) => w.id))).toBe(1);
    expect(await transactionsOf(written.map((w) => w.id))).toBe(2);

    const appeals = await ctx.deps.db
      .selectFrom('appeals as a')
      .innerJoin('applicants as p', 'p.id', 'a.applicant_id')
      .select([
        'a.id',
        'a.number',
        'a.description',
        'a.main_executor_id',
        'a.applicant_id',
        'p.full_name',
        'p.phone_keys',
      ])
      .where(
        'a.id',
        'in',
        written.map((w) => w.id),
      )
      .orderBy('a.number')
      .execute();
    expect(appeals.map((a) => [a.description, a.full_name, a.main_executor_id])).toEqual(
      Array.from({ length: 10 }, (_, i) => [
        `Звернення групи ${i}`,
        `Груповий Заявник ${i}`,
        executorId,
      ]),
    );
    expect(appeals[5]!.phone_keys).toEqual(['380671111005']);
    expect(written.map((w) => w.applicantId)).toEqual(appeals.map((a) => a.applicant_id));

    const assignments = await ctx.deps.db
      .selectFrom('assignments')
      .select(['appeal_id', 'executor_id', 'role', 'instruction'])
      .where(
        'appeal_id',
        'in',
        written.map((w) => w.id),
      )
      .orderBy('appeal_id')
      .orderBy('role', 'desc')
      .execute();
    expect(assignments.filter((a) => a.appeal_id === written[4]!.id)).toEqual([
      {
        appeal_id: written[4]!.id,
        executor_id: executorId,
        role: 'main',
        instruction: 'Доручення 4',
      },
      {
        appeal_id: written[4]!.id,
        executor_id: coExecutorId,
        role: 'co',
        instruction: 'Доручення 4',
      },
    ]);
    expect(assignments.filter((a) => a.appeal_id === written[5]!.id)).toHaveLength(1);

    const events = await ctx.deps.db
      .selectFrom('appeal_events')
      .select(['appeal_id', 'type', 'data', 'seq'])
      .where('appeal_id', '=', written[7]!.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.type, e.seq])).toEqual([
      ['registered', 1],
      ['assigned', 2],
    ]);
    expect(events[0]!.data).toEqual({ i: 7, number: written[7]!.number });

    const tracking = await ctx.deps.db
      .selectFrom('submissions')
      .select(['id', 'appeal_id', 'access_code_hash', 'channel', 'tracking_number'])
      .where(
        'appeal_id',
        'in',
        written.map((w) => w.id),
      )
      .orderBy('id')
      .execute();
    const tracked = [0, 3, 6, 9];
    expect(tracking.map(({ tracking_number: _, ...row }) => row)).toEqual(
      tracked.map((i) => ({
        id: written[i]!.trackingSubmissionId,
        appeal_id: written[i]!.id,
        access_code_hash: `hash ${i}`,
        channel: 'staff',
      })),
    );
    expect(new Set(tracking.map((t) => t.tracking_number)).size).toBe(tracked.length);
    expect(written.filter((w) => w.trackingSubmissionId !== null)).toHaveLength(tracked.length);

    // The hour counts: each appeal counted once in its hour (other tests count there too).
    expect((await countedAt8()) - countedBefore).toBe(10);
    expect((await verifyHistory(ctx.deps)).problems).toEqual([]);
  });

  it('numbers each year from its own counter when one group spans the new year', async () => {
    const [a2035, a2036] = [await lastNumber(2035), await lastNumber(2036)];
    const years = [2035, 2036, 2035, 2036, 2036, 2035];
    const written = await Promise.all(
      years.map((year, i) =>
        insertNumberedAppeal(ctx.deps.db, input(100 + i, { year, newApplicant: false })),
      ),
    );
    expect(written.map((w) => w.number)).toEqual([
      formatRegistrationNumber(2035, a2035 + 1),
      formatRegistrationNumber(2036, a2036 + 1),
      formatRegistrationNumber(2035, a2035 + 2),
      formatRegistrationNumber(2036, a2036 + 2),
      formatRegistrationNumber(2036, a2036 + 3),
      formatRegistrationNumber(2035, a2035 + 3),
    ]);
    expect([await lastNumber(2035), await lastNumber(2036)]).toEqual([a2035 + 3, a2036 + 3]);
    expect(written.every((w) => w.applicantId === null)).toBe(true);
  });

  it('gives only the registration at fault its error, and loses no number', async () => {
    const before = await lastNumber(2034);
    const asked = [
      input(200),
      input(201, { key: 'group key A' }),
      // The same key twice in one group: the group fails, then the second one alone.
      input(202, { key: 'group key A' }),
      input(203, { questionTypeId: 2_000_000_000 }),
      input(204),
    ].map((i) => insertNumberedAppeal(ctx.deps.db, i));
    const retriedBefore = await retried();
    const settled = await Promise.allSettled(asked);
    // The first alone; the other four as one group, which failed and was written again.
    expect(await retried()).toBe(retriedBefore + 1);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({ code: '23503' });
    const numbers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.number] : []));
    expect(numbers).toEqual([1, 2, 3].map((n) => formatRegistrationNumber(2034, before + n)));
    expect(await lastNumber(2034)).toBe(before + 3);
    expect((await verifyHistory(ctx.deps)).problems).toEqual([]);
  });

  it("writes at once in the caller's transaction, and takes no number when it rolls back", async () => {
    const before = await lastNumber(2034);
    await expect(
      ctx.deps.db.transaction().execute(async (trx) => {
        const written = await insertNumberedAppeal(trx, input(300));
        expect(written.number).toBe(formatRegistrationNumber(2034, before + 1));
        throw new Error('the caller changes its mind');
      }),
    ).rejects.toThrow('the caller changes its mind');
    expect(await lastNumber(2034)).toBe(before);
    const after = await insertNumberedAppeal(ctx.deps.db, input(301));
    expect(after.number).toBe(formatRegistrationNumber(2034, before + 1));
  });

  it('stores a text cut inside an emoji as the driver stores a text parameter (U+FFFD)', async () => {
    const asked = [input(400), input(401), input(402)];
    asked[2]!.appeal.description = 'Розірваний емодзі \ud83d в описі';
    const written = await Promise.all(asked.map((i) => insertNumberedAppeal(ctx.deps.db, i)));
    const row = await ctx.deps.db
      .selectFrom('appeals')
      .select('description')
      .where('id', '=', written[2]!.id)
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('Розірваний емодзі \ufffd в описі');
  });
});

describe("which refusal of a group is one registration's fault", () => {
  it.each<[string | undefined, boolean, string]>([
    ['23505', true, 'a reused Idempotency-Key'],
    ['23503', true, 'a foreign key'],
    ['23514', true, 'a check'],
    ['22P02', true, 'a value the type refuses'],
    ['P0001', true, "a trigger's own refusal"],
    ['40P01', true, 'a deadlock'],
    ['40001', true, 'a serialisation failure'],
    ['08006', false, 'the connection lost'],
    ['57014', false, 'a statement timeout'],
    ['53300', false, 'too many connections'],
    ['XX000', false, 'an internal error'],
    [undefined, false, 'no SQLSTATE (a socket closed, an error raised after the statement)'],
  ])('%s: %s (%s)', (code, expected) => {
    const error = Object.assign(new Error('refused'), code === undefined ? {} : { code });
    expect(isOneRegistrationsFault(error)).toBe(expected);
  });
  it('is no for what is not an error', () => {
    expect(isOneRegistrationsFault(null)).toBe(false);
    expect(isOneRegistrationsFault('23505')).toBe(false);
  });
});
