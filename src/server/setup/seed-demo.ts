/**
 * Demo data for `npm start`: one user per role (logins printed on start, in demo mode only) and a
 * handful of appeals in every status, with invented applicants. Never used in production.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/vocabulary.js';
import { ROLES } from '../../domain/vocabulary.js';
import { registerAppeal } from '../appeals/register-appeal.js';
import { acceptAssignment, respondToAppeal, reviewAppeal } from '../appeals/appeal-actions.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { createUser } from '../users/users.service.js';
import { matchKey } from '../../domain/text.js';
import { ORGANISATIONS_SEED } from './organisations-seed.js';

export const DEMO_PASSWORD = 'kontakt-demo';

const DEMO_NAMES: Record<Role, string> = {
  operator: 'Оператор Демо',
  moderator: 'Модератор Демо',
  controller: 'Контролер Демо',
  executor: 'Виконавець Демо',
  dispatcher: 'Диспетчер Демо',
  supervisor: 'Керівник Демо',
  analyst: 'Аналітик Демо',
  administrator: 'Адміністратор Демо',
};

export interface DemoLogin {
  login: string;
  role: Role;
  organisation: string | null;
}

async function demoExecutorOrganisation(
  db: Kysely<DB>,
): Promise<{ id: number; name: string; questionTypeId: number }> {
  // The organisation that executes the most question types: the demo executor sees real work.
  const row = await db
    .selectFrom('routing_rules as r')
    .innerJoin('organisations as o', 'o.id', 'r.executor_id')
    .select(['o.id', 'o.name', (eb) => eb.fn.min('r.question_type_id').as('questionTypeId')])
    .where('o.type', '!=', 'contact_centre')
    .groupBy(['o.id', 'o.name'])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('o.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, questionTypeId: Number(row.questionTypeId) };
}

/**
 * Create the demo users and appeals when the database has no users yet.
 * @returns the demo logins (empty when users existed already).
 */
export async function seedDemo(deps: Deps): Promise<DemoLogin[]> {
  const anyUser = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const org = await demoExecutorOrganisation(deps.db);
  const logins: DemoLogin[] = ROLES.map((role) => ({
    login: role === 'administrator' ? 'admin' : role,
    role,
    organisation: role === 'executor' ? org.name : null,
  }));
  // Every utility company has its executor too, so an appeal routed to it can be worked (issue 12).
  const utilities = await utilityExecutors(deps.db, org.id);
  const allLogins: DemoLogin[] = [
    ...logins,
    ...utilities.map((u) => ({ login: u.login, role: 'executor' as const, organisation: u.name })),
  ];
  if (anyUser) return allLogins;

  const users = new Map<Role, UserActor>();
  for (const { login, role } of logins) {
    const user = await createUser(deps, {
      login,
      fullName: DEMO_NAMES[role],
      role,
      organisationId: role === 'executor' ? org.id : null,
      password: DEMO_PASSWORD,
    });
    users.set(role, {
      kind: 'user',
      id: user.id,
      login,
      fullName: user.fullName,
      role,
      organisationId: user.organisationId,
    });
  }
  for (const u of utilities) {
    await createUser(deps, {
      login: u.login,
      fullName: `Виконавець ${u.shortName}`,
      role: 'executor',
      organisationId: u.id,
      password: DEMO_PASSWORD,
    });
  }
  const operator = users.get('operator')!;
  const executor = users.get('executor')!;
  const controller = users.get('controller')!;

  // Invented callers; each sample names a question type the demo executor handles.
  const samples = [
    {
      name: 'Коваль Ірина Петрівна',
      phone: '+380 67 000 11 01',
      type: 'Засмічення каналізаційного стояка',
      text: 'Засмічений каналізаційний стояк, у ванній стоїть вода.',
      address: 'вул. Демонстраційна, 5, кв. 12',
    },
    {
      name: 'Бондар Олег Миколайович',
      phone: '+380 50 000 11 02',
      type: 'Протікання покрівлі',
      text: 'Після дощу протікає дах над останнім поверхом, мокра стеля в під’їзді.',
      address: 'просп. Прикладний, 17',
    },
    {
      name: 'Ткаченко Марія Іванівна',
      phone: '+380 93 000 11 03',
      type: 'Прибирання прибудинкової території',
      text: 'Прошу прибрати сміття та листя біля будинку, не прибирають тиждень.',
      address: 'вул. Тестова, 3',
    },
    {
      name: 'Мельник Андрій Олексійович',
      phone: '+380 66 000 11 04',
      type: 'Несправність вхідних дверей або домофона під’їзду',
      text: 'Не зачиняються вхідні двері під’їзду, зламаний доводжувач.',
      address: 'вул. Зразкова, 40',
    },
    {
      name: 'Шевчук Наталія Василівна',
      phone: '+380 97 000 11 05',
      type: 'Відсутність освітлення в під’їзді та на сходових клітинах',
      text: 'Не горить світло на сходах з третього по п’ятий поверх.',
      address: 'вул. Навчальна, 8',
    },
  ];
  const typeIds = new Map(
    (
      await deps.db
        .selectFrom('question_types as qt')
        .innerJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
        .select(['qt.id', 'qt.name'])
        .where('r.executor_id', '=', org.id)
        .execute()
    ).map((t) => [t.name, t.id]),
  );
  const ids: number[] = [];
  for (const [i, s] of samples.entries()) {
    const registered = await registerAppeal(deps, operator, {
      channel: i % 2 === 0 ? 'phone' : 'portal',
      kind: 'application',
      subject: 'individual',
      receiptSign: 'primary',
      confidential: false,
      acknowledgeRepeat: false,
      questionTypeId: typeIds.get(s.type) ?? org.questionTypeId,
      description: s.text,
      address: s.address,
      applicant: { fullName: s.name, phones: [s.phone] },
    });
    ids.push(registered.id);
  }
  // Move some along the lifecycle so every queue has something: in work, on check, closed.
  const [, inWork, onCheck, closed] = ids;
  for (const id of [inWork, onCheck, closed]) if (id) await acceptAssignment(deps, executor, id);
  for (const id of [onCheck, closed]) {
    if (id)
      await respondToAppeal(deps, executor, id, {
        text: 'Роботи виконано, перевірено на місці.',
        attachmentIds: [],
      });
  }
  if (closed)
    await reviewAppeal(deps, controller, closed, { decision: 'accept', result: 'done_confirmed' });
  return allLogins;
}

/** The utility companies of the seed (other than the main demo executor's) with their demo login. */
async function utilityExecutors(
  db: Kysely<DB>,
  exceptId: number,
): Promise<{ id: number; name: string; shortName: string; login: string }[]> {
  const seeded = ORGANISATIONS_SEED.filter((o) => o.type === 'utility_company');
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'match_key'])
    .where(
      'match_key',
      'in',
      seeded.map((o) => matchKey(o.name)),
    )
    .execute();
  return seeded.flatMap((o) => {
    const row = rows.find((r) => r.match_key === matchKey(o.name));
    return row && row.id !== exceptId
      ? [{ id: row.id, name: row.name, shortName: o.shortName, login: `executor-${o.key}` }]
      : [];
  });
}
