/**
 * Factories: the minimal valid graph for a test, with overrides.
 */
import { streetKey } from '../src/domain/addresses/address-normal-form.js';
import { randomBytes } from 'node:crypto';
import type { Role } from '../src/domain/vocabulary.js';
import type { Deps } from '../src/server/context.js';
import { createUser, type UserView } from '../src/server/users/users.service.js';
import { bumpRegistryVersion } from '../src/server/addresses/registry-version.js';

export const TEST_PASSWORD = 'correct-horse-battery';

/**
 * A random word of six Cyrillic consonants, for names a test makes its own (a street, an
 * organisation). Never digits: a street named «Липова 4e1f» reads as street «Липова», house «4-Е»
 * to the address parser, and a hex suffix starts with a digit in about one test run of twenty.
 */
export function uniqueWord(): string {
  const letters = 'бвгджзклмнпрстфхцчшщ';
  return [...randomBytes(6)].map((b) => letters[b % letters.length]).join('');
}

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

/**
 * A small address registry: one square district (around 50.00 N, 36.20 E), the street
 * «вулиця Алчевських», formerly «вулиця Артема» (until 2016), with the building 12-А maintained by
 * a new organisation; and the rule «this question type → the building's maintainer».
 */
export async function addressRegistry(
  deps: Deps,
  questionTypeId: number,
  /** The street's current and former name (one registry per test: give names of its own). */
  names: { current: string; former: string } = { current: 'Алчевських', former: 'Артема' },
): Promise<{ districtId: number; streetId: number; buildingId: number; maintainerId: number }> {
  const db = deps.db;
  const suffix = randomBytes(3).toString('hex');
  const square = [
    [
      [
        [36.1, 49.9],
        [36.3, 49.9],
        [36.3, 50.1],
        [36.1, 50.1],
        [36.1, 49.9],
      ],
    ],
  ];
  const district = await db
    .insertInto('districts')
    .values({
      city: 'Тестове місто',
      name: 'Шевченківський',
      former_names: ['Дзержинський'],
      boundary: JSON.stringify({ type: 'MultiPolygon', coordinates: square }),
      bbox: [36.1, 49.9, 36.3, 50.1],
      source_key: `test-district:${suffix}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const street = await db
    .insertInto('streets')
    .values({
      city: 'Тестове місто',
      type: 'вулиця',
      name: names.current,
      source_key: `test-street:${suffix}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('street_names')
    .values([
      {
        street_id: street.id,
        type: 'вулиця',
        name: names.current,
        name_key: streetKey(names.current).key,
        is_current: true,
      },
      {
        street_id: street.id,
        type: 'вулиця',
        name: names.former,
        name_key: streetKey(names.former).key,
        is_current: false,
        valid_to: '2016-02-03',
      },
    ])
    .execute();
  const maintainer = await db
    .insertInto('organisations')
    .values({ name: `Тестовий управитель ${suffix}`, type: 'utility_company' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const building = await db
    .insertInto('buildings')
    .values({
      street_id: street.id,
      house_number: '12-А',
      house_key: '12а',
      latitude: 50.0,
      longitude: 36.2,
      district_id: district.id,
      maintainer_id: maintainer.id,
      source_key: `test-building:${suffix}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('address_routing_rules')
    .values({ question_type_id: questionTypeId, to_maintainer: true })
    // Called again for the same question type (each test its own registry): one rule is enough.
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('settings')
    .values({ key: 'address_city', value: JSON.stringify('Тестове місто') })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify('Тестове місто') }))
    .execute();
  await bumpRegistryVersion(db);
  return {
    districtId: district.id,
    streetId: street.id,
    buildingId: building.id,
    maintainerId: maintainer.id,
  };
}

/**
 * The main assignment of a hand-made appeal (the reports' tests write appeals straight into the
 * table): `done` when the appeal is closed, else `in_work`, assigned when it was received.
 */
export async function addMainAssignment(
  db: Deps['db'],
  appeal: { id: number; executorId: number; receivedAt: string; closed: boolean },
): Promise<void> {
  await db
    .insertInto('assignments')
    .values({
      appeal_id: appeal.id,
      executor_id: appeal.executorId,
      role: 'main',
      state: appeal.closed ? 'done' : 'in_work',
      assigned_at: appeal.receivedAt,
    })
    .execute();
}
