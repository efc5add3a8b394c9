/**
 * The classifier from the administrator's screen (issue 14, item 3): kinds and question types with
 * inactive ones and the number of appeals of each; create, rename (uk/en), set the legal term, the
 * review margin, the emergency and public flags, move a question type to another kind, deactivate
 * (hidden from intake, kept on old appeals) and reactivate. Nothing is ever deleted: a question
 * type in use stays on its appeals. Each change writes its audit entry in its transaction (ADR 025).
 */
import type { Kysely } from 'kysely';
import { matchKey } from '../../domain/text.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { writeAudit } from './audit-trail.js';
import type {
  AdminKindView,
  AdminQuestionTypeView,
  NewAdminQuestionType,
  QuestionTypeChange,
} from '../../contract/admin.schemas.js';

function questionTypesQuery(db: Kysely<DB>) {
  return db
    .selectFrom('question_types as qt')
    .leftJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
    .select((eb) => [
      'qt.id',
      'qt.kind_id',
      'qt.name',
      'qt.name_en',
      'qt.term_days',
      'qt.term_hours',
      'qt.review_margin_days',
      'qt.is_public',
      'qt.is_emergency',
      'qt.active',
      'qt.topic_858',
      'r.executor_id',
      eb
        .selectFrom('appeals as a')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('a.question_type_id', '=', 'qt.id')
        .as('appeals'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof questionTypesQuery>['executeTakeFirstOrThrow']>>;

function present(row: Row): AdminQuestionTypeView {
  return {
    id: row.id,
    kindId: row.kind_id,
    name: row.name,
    nameEn: row.name_en,
    termDays: row.term_days,
    termHours: row.term_hours,
    reviewMarginDays: row.review_margin_days,
    isPublic: row.is_public,
    isEmergency: row.is_emergency,
    active: row.active,
    executorId: row.executor_id,
    appeals: Number(row.appeals ?? 0),
    topic858: row.topic_858,
  };
}

function auditable(q: AdminQuestionTypeView): Record<string, unknown> {
  return {
    kindId: q.kindId,
    name: q.name,
    nameEn: q.nameEn,
    termDays: q.termDays,
    termHours: q.termHours,
    reviewMarginDays: q.reviewMarginDays,
    isPublic: q.isPublic,
    isEmergency: q.isEmergency,
    active: q.active,
    executorId: q.executorId,
    topic858: q.topic858,
  };
}

/** Every kind (active or not) with every question type. */
export async function listAdminClassifier(db: Kysely<DB>): Promise<AdminKindView[]> {
  const [kinds, types] = await Promise.all([
    db
      .selectFrom('classifier_kinds')
      .select(['id', 'name', 'name_en', 'active'])
      .orderBy('position')
      .orderBy('name')
      .execute(),
    questionTypesQuery(db).orderBy('qt.name').execute(),
  ]);
  return kinds.map((k) => ({
    id: k.id,
    name: k.name,
    nameEn: k.name_en,
    active: k.active,
    questionTypes: types.filter((t) => t.kind_id === k.id).map(present),
  }));
}

async function loadType(db: Kysely<DB>, id: number): Promise<AdminQuestionTypeView> {
  const row = await questionTypesQuery(db).where('qt.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('question_type', id);
  return present(row);
}

async function loadKind(db: Kysely<DB>, id: number) {
  const kind = await db
    .selectFrom('classifier_kinds')
    .select(['id', 'name', 'name_en', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!kind) throw notFound('kind', id);
  return kind;
}

async function assertKind(db: Kysely<DB>, kindId: number): Promise<void> {
  const kind = await db
    .selectFrom('classifier_kinds')
    .select('id')
    .where('id', '=', kindId)
    .executeTakeFirst();
  if (!kind) throw badRequest('unknown_kind', `No classifier kind with id ${kindId}.`);
}

async function assertExecutor(db: Kysely<DB>, executorId: number): Promise<void> {
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'active'])
    .where('id', '=', executorId)
    .executeTakeFirst();
  if (!org) throw badRequest('unknown_executor', `No organisation with id ${executorId}.`);
  if (!org.active)
    throw badRequest('organisation_inactive', `The organisation ${executorId} is deactivated.`);
}

async function assertTypeNameFree(
  db: Kysely<DB>,
  kindId: number,
  name: string,
  exceptId: number | null,
): Promise<string> {
  const key = matchKey(name);
  let query = db
    .selectFrom('question_types')
    .select('id')
    .where('kind_id', '=', kindId)
    .where('match_key', '=', key);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  const existing = await query.executeTakeFirst();
  if (existing)
    throw conflict(
      'question_type_exists',
      `The question type "${name}" exists in this kind (id ${existing.id}).`,
    );
  return key;
}

/** Create a kind. @throws AppError 409 `kind_exists`. */
export async function createAdminKind(
  deps: Deps,
  actor: UserActor,
  input: { name: string; nameEn?: string | null | undefined },
): Promise<AdminKindView> {
  return deps.db.transaction().execute(async (trx) => {
    const key = matchKey(input.name);
    const existing = await trx
      .selectFrom('classifier_kinds')
      .select('id')
      .where('match_key', '=', key)
      .executeTakeFirst();
    if (existing)
      throw conflict('kind_exists', `The kind "${input.name}" exists (id ${existing.id}).`);
    const row = await trx
      .insertInto('classifier_kinds')
      .values({ name: input.name, name_en: input.nameEn ?? null, match_key: key, position: 1000 })
      .returning(['id', 'name', 'name_en', 'active'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.now(), actor, {
      action: 'createKind',
      target: `/kinds/${row.id}`,
      before: null,
      after: { name: row.name, nameEn: row.name_en },
    });
    return {
      id: row.id,
      name: row.name,
      nameEn: row.name_en,
      active: row.active,
      questionTypes: [],
    };
  });
}

/**
 * Rename a kind (uk/en), or deactivate / reactivate it (`active`).
 * @throws AppError 404 `kind_not_found`; 409 `kind_exists`.
 */
export async function updateAdminKind(
  deps: Deps,
  actor: UserActor,
  id: number,
  change: {
    name?: string | undefined;
    nameEn?: string | null | undefined;
    active?: boolean | undefined;
  },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadKind(trx, id);
    let key: string | undefined;
    if (change.name !== undefined) {
      key = matchKey(change.name);
      const existing = await trx
        .selectFrom('classifier_kinds')
        .select('id')
        .where('match_key', '=', key)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (existing)
        throw conflict('kind_exists', `The kind "${change.name}" exists (id ${existing.id}).`);
    }
    await trx
      .updateTable('classifier_kinds')
      .set({
        ...(change.name !== undefined ? { name: change.name, match_key: key } : {}),
        ...(change.nameEn !== undefined ? { name_en: change.nameEn } : {}),
        ...(change.active !== undefined ? { active: change.active } : {}),
      })
      .where('id', '=', id)
      .execute();
    const after = await loadKind(trx, id);
    await writeAudit(trx, deps.now(), actor, {
      action:
        change.active === undefined
          ? 'updateKind'
          : change.active
            ? 'reactivateKind'
            : 'deactivateKind',
      target: `/kinds/${id}`,
      before: { name: before.name, nameEn: before.name_en, active: before.active },
      after: { name: after.name, nameEn: after.name_en, active: after.active },
    });
  });
}

/**
 * Create a question type, routed to `executorId` when given.
 * @throws AppError 400 `unknown_kind`, `unknown_executor`, `organisation_inactive`;
 *   409 `question_type_exists`.
 */
export async function createAdminQuestionType(
  deps: Deps,
  actor: UserActor,
  input: NewAdminQuestionType,
): Promise<AdminQuestionTypeView> {
  return deps.db.transaction().execute(async (trx) => {
    await assertKind(trx, input.kindId);
    const key = await assertTypeNameFree(trx, input.kindId, input.name, null);
    if (input.executorId) await assertExecutor(trx, input.executorId);
    const row = await trx
      .insertInto('question_types')
      .values({
        kind_id: input.kindId,
        name: input.name,
        name_en: input.nameEn ?? null,
        match_key: key,
        term_days: input.termDays,
        term_hours: input.isEmergency ? (input.termHours ?? 24) : (input.termHours ?? null),
        review_margin_days: input.reviewMarginDays,
        is_public: input.isPublic,
        is_emergency: input.isEmergency,
        topic_858: input.topic858 ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.executorId)
      await trx
        .insertInto('routing_rules')
        .values({ question_type_id: row.id, executor_id: input.executorId })
        .execute();
    const created = await loadType(trx, row.id);
    await writeAudit(trx, deps.now(), actor, {
      action: 'createQuestionType',
      target: `/question-types/${row.id}`,
      before: null,
      after: auditable(created),
    });
    return created;
  });
}

/**
 * Change a question type: names, terms, flags, its kind (a move), or `active`.
 * @throws AppError 404 `question_type_not_found`; 400 `unknown_kind`; 409 `question_type_exists`.
 */
export async function updateAdminQuestionType(
  deps: Deps,
  actor: UserActor,
  id: number,
  change: QuestionTypeChange & { active?: boolean | undefined },
): Promise<AdminQuestionTypeView> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadType(trx, id);
    const kindId = change.kindId ?? before.kindId;
    if (change.kindId !== undefined) await assertKind(trx, change.kindId);
    let key: string | undefined;
    if (change.name !== undefined || change.kindId !== undefined)
      key = await assertTypeNameFree(trx, kindId, change.name ?? before.name, id);
    await trx
      .updateTable('question_types')
      .set({
        kind_id: kindId,
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(key !== undefined ? { match_key: key } : {}),
        ...(change.nameEn !== undefined ? { name_en: change.nameEn } : {}),
        ...(change.termDays !== undefined ? { term_days: change.termDays } : {}),
        ...(change.termHours !== undefined ? { term_hours: change.termHours } : {}),
        ...(change.reviewMarginDays !== undefined
          ? { review_margin_days: change.reviewMarginDays }
          : {}),
        ...(change.isPublic !== undefined ? { is_public: change.isPublic } : {}),
        ...(change.isEmergency !== undefined ? { is_emergency: change.isEmergency } : {}),
        ...(change.isEmergency === true &&
        before.termHours === null &&
        change.termHours === undefined
          ? { term_hours: 24 }
          : {}),
        ...(change.active !== undefined ? { active: change.active } : {}),
        ...(change.topic858 !== undefined ? { topic_858: change.topic858 } : {}),
      })
      .where('id', '=', id)
      .execute();
    const after = await loadType(trx, id);
    const action =
      change.active === undefined
        ? change.kindId !== undefined && change.kindId !== before.kindId
          ? 'moveQuestionType'
          : 'updateQuestionType'
        : change.active
          ? 'reactivateQuestionType'
          : 'deactivateQuestionType';
    await writeAudit(trx, deps.now(), actor, {
      action,
      target: `/question-types/${id}`,
      before: auditable(before),
      after: auditable(after),
    });
    return after;
  });
}
