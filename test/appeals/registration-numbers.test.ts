/**
 * Registration numbers (ADR 008): gapless and unique per year, also when registrations run at once;
 * the number is written by SQL in the format of `formatRegistrationNumber`, past six digits too.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRegistrationNumber } from '../../src/domain/text.js';
import { registerAppeal } from '../../src/server/appeals/register-appeal.js';
import type { UserActor } from '../../src/server/context.js';
import { makeUser, routedQuestionType } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
let operator: UserActor;
let questionTypeId: number;

function register(i: number, receivedAt = '2031-03-02T09:00:00Z') {
  return registerAppeal(ctx.deps, operator, {
    channel: 'phone',
    kind: 'application',
    subject: 'individual',
    receiptSign: 'primary',
    questionTypeId,
    description: `Не працює ліфт, звернення ${i}`,
    confidential: false,
    acknowledgeRepeat: false,
    receivedAt,
    applicant: { fullName: `Заявник ${i}`, phones: ['067 000 00 02'] },
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  // Years ahead of the real clock: a receivedAt in the future is refused (issue 11, item 7).
  ctx.setNow(new Date('2033-01-01T00:00:00Z'));
  ({ questionTypeId } = await routedQuestionType(ctx.deps));
  const user = await makeUser(ctx.deps, 'operator');
  operator = { kind: 'user', ...user, organisationId: null };
});
afterAll(() => ctx.close());

describe('registration numbers', () => {
  it('are consecutive and unique when 24 registrations run at once', async () => {
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => register(i)));
    const numbers = results.map((r) => r.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 24 }, (_, i) => formatRegistrationNumber(2031, i + 1)),
    );
    // Each registration wrote its applicant, assignment and history with the right number.
    const first = results.find((r) => r.number === '2031-000001')!;
    expect(first.applicantId).toEqual(expect.any(Number));
    const events = await ctx.deps.db
      .selectFrom('appeal_events')
      .select(['type', 'data'])
      .where('appeal_id', '=', first.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['registered', 'assigned']);
    expect(events[0]!.data).toMatchObject({ number: '2031-000001', questionTypeId });
    const assignments = await ctx.deps.db
      .selectFrom('assignments')
      .select(['role', 'state'])
      .where('appeal_id', '=', first.id)
      .execute();
    expect(assignments).toEqual([{ role: 'main', state: 'pending' }]);
  });

  it('go past six digits without losing one', async () => {
    await sql`UPDATE registration_counters SET last_value = 999998 WHERE year = 2032`.execute(
      ctx.deps.db,
    );
    await sql`INSERT INTO registration_counters (year, last_value) VALUES (2032, 999998)
              ON CONFLICT (year) DO NOTHING`.execute(ctx.deps.db);
    const a = await register(100, '2032-05-05T09:00:00Z');
    const b = await register(101, '2032-05-05T09:00:00Z');
    expect([a.number, b.number]).toEqual([
      formatRegistrationNumber(2032, 999999),
      formatRegistrationNumber(2032, 1000000),
    ]);
  });
});
