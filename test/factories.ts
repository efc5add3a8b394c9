/**
 * Factories: the minimal valid graph for a test, with overrides.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../src/domain/vocabulary.js';
import type { Deps } from '../src/server/context.js';
import { createUser, type UserView } from '../src/server/users/users.service.js';

export const TEST_PASSWORD = 'correct-horse-battery';

/** A staff user of `role` (an executor needs `organisationId`). */
export async function makeUser(
  deps: Deps,
  role: Role,
  overrides: { organisationId?: number; login?: string } = {},
): Promise<UserView> {
  return createUser(deps, {
    login: overrides.login ?? `${role}-${randomBytes(3).toString('hex')}`,
    fullName: `Тестовий ${role}`,
    role,
    organisationId: overrides.organisationId ?? null,
    password: TEST_PASSWORD,
  });
}

/** A question type with a routing rule, and its default executor. */
export async function routedQuestionType(
  deps: Deps,
  offset = 0,
): Promise<{ questionTypeId: number; executorId: number }> {
  const row = await deps.db
    .selectFrom('routing_rules as r')
    .innerJoin('question_types as qt', 'qt.id', 'r.question_type_id')
    .innerJoin('organisations as o', 'o.id', 'r.executor_id')
    .select(['qt.id as questionTypeId', 'r.executor_id as executorId'])
    .where('o.type', '!=', 'contact_centre')
    .orderBy('qt.id')
    .offset(offset)
    .limit(1)
    .executeTakeFirstOrThrow();
  return row;
}

/** A second organisation, different from `notId`. */
export async function otherOrganisation(deps: Deps, notId: number): Promise<number> {
  const row = await deps.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '!=', notId)
    .where('type', '=', 'utility_company')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A valid registration body for the API (named applicant, phone channel). */
let applicantSerial = 0;

/**
 * A valid registration body; each call has its own applicant (a different invented phone), so
 * registrations do not repeat each other (Art. 8) unless a test gives the same applicant.
 */
export function appealBody(questionTypeId: number, overrides: Record<string, unknown> = {}) {
  applicantSerial += 1;
  const serial = String(applicantSerial % 10_000).padStart(4, '0');
  return {
    channel: 'phone',
    kind: 'application',
    subject: 'individual',
    questionTypeId,
    description: 'Немає гарячої води в під’їзді з ранку',
    address: 'вул. Тестова, 1',
    applicant: {
      fullName: 'Петренко Тест Іванович',
      phones: [`067 000 ${serial.slice(0, 2)} ${serial.slice(2)}`],
    },
    ...overrides,
  };
}
