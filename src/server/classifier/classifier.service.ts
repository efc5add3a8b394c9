/**
 * The classifier of questions (класифікатор питань): two levels, kind → question type, each
 * question type with its legal term and its default executor (routing rule).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { matchKey, searchStems } from '../../domain/text.js';
import { ukrainianTypography } from '../../domain/typography.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, conflict } from '../errors.js';
import {
  newKindSchema,
  type ClassifierKindView,
  type NewQuestionType,
  type QuestionTypeView,
} from '../../contract/classifier.schemas.js';

/** Active question types with their routing executor (`qt`, `r`): the base of every listing. */
export function questionTypesQuery(db: Kysely<DB>) {
  return db
    .selectFrom('question_types as qt')
    .leftJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
    .select([
      'qt.id',
      'qt.kind_id',
      'qt.name',
      'qt.name_en',
      'qt.term_days',
      'qt.is_public',
      'qt.is_emergency',
      'r.executor_id',
    ])
    .where('qt.active', '=', true);
}

/** A question type row of {@link questionTypesQuery} as the API shows it. */
export function presentQuestionType(row: {
  id: number;
  kind_id: number;
  name: string;
  name_en: string | null;
  term_days: number;
  is_public: boolean;
  is_emergency: boolean;
  executor_id: number | null;
}): QuestionTypeView {
  return {
    id: row.id,
    kindId: row.kind_id,
    name: row.name,
    nameEn: row.name_en,
    termDays: row.term_days,
    isPublic: row.is_public,
    isEmergency: row.is_emergency,
    executorId: row.executor_id,
  };
}

/** The whole classifier: active kinds in their order, each with its active question types. */
export async function listClassifier(deps: Deps): Promise<ClassifierKindView[]> {
  const [kinds, types] = await Promise.all([
    deps.db
      .selectFrom('classifier_kinds')
      .select(['id', 'name', 'name_en'])
      .where('active', '=', true)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    questionTypesQuery(deps.db).orderBy('qt.name').execute(),
  ]);
  return kinds.map((k) => ({
    id: k.id,
    name: k.name,
    nameEn: k.name_en,
    questionTypes: types.filter((t) => t.kind_id === k.id).map(presentQuestionType),
  }));
}

/**
 * Question types whose name or kind contains the stem of every word of `q` (case-insensitive,
 * apostrophe-tolerant): "вода гаряча" finds «Гаряче водопостачання».
 */
export async function searchQuestionTypes(
  deps: Deps,
  q: string,
  limit = 20,
): Promise<QuestionTypeView[]> {
  const words = searchStems(q);
  let query = questionTypesQuery(deps.db).innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id');
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) =>
      eb.or([eb('qt.match_key', 'ilike', pattern), eb('k.match_key', 'ilike', pattern)]),
    );
  }
  const rows = await query.orderBy('qt.name').limit(limit).execute();
  return rows.map(presentQuestionType);
}

/** Create a kind. @throws AppError 409 `kind_exists`. */
export async function createKind(
  db: Kysely<DB>,
  input: z.infer<typeof newKindSchema>,
): Promise<{ id: number; name: string }> {
  const key = matchKey(input.name);
  const existing = await db
    .selectFrom('classifier_kinds')
    .select('id')
    .where('match_key', '=', key)
    .executeTakeFirst();
  if (existing)
    throw conflict('kind_exists', `The kind "${input.name}" exists (id ${existing.id}).`);
  return db
    .insertInto('classifier_kinds')
    .values({
      name: ukrainianTypography(input.name),
      name_en: input.nameEn ?? null,
      match_key: key,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

/**
 * Create a question type, with its routing rule when `executorId` is given.
 * @throws AppError 400 `unknown_kind`, `unknown_executor`; 409 `question_type_exists`.
 */
export async function createQuestionType(
  db: Kysely<DB>,
  input: NewQuestionType,
): Promise<QuestionTypeView> {
  return db.transaction().execute(async (trx) => {
    const kind = await trx
      .selectFrom('classifier_kinds')
      .select('id')
      .where('id', '=', input.kindId)
      .executeTakeFirst();
    if (!kind) throw badRequest('unknown_kind', `No classifier kind with id ${input.kindId}.`);
    const key = matchKey(input.name);
    const existing = await trx
      .selectFrom('question_types')
      .select('id')
      .where('kind_id', '=', input.kindId)
      .where('match_key', '=', key)
      .executeTakeFirst();
    if (existing) {
      throw conflict(
        'question_type_exists',
        `The question type "${input.name}" exists in this kind (id ${existing.id}).`,
      );
    }
    if (input.executorId) {
      const org = await trx
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', input.executorId)
        .executeTakeFirst();
      if (!org)
        throw badRequest('unknown_executor', `No organisation with id ${input.executorId}.`);
    }
    const row = await trx
      .insertInto('question_types')
      .values({
        kind_id: input.kindId,
        name: ukrainianTypography(input.name),
        name_en: input.nameEn ?? null,
        match_key: key,
        term_days: input.termDays,
        is_public: input.isPublic,
        is_emergency: input.isEmergency,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.executorId) {
      await trx
        .insertInto('routing_rules')
        .values({ question_type_id: row.id, executor_id: input.executorId })
        .execute();
    }
    const created = await questionTypesQuery(trx)
      .where('qt.id', '=', row.id)
      .executeTakeFirstOrThrow();
    return presentQuestionType(created);
  });
}

/** Find a kind by name or create it (imports). */
export async function findOrCreateKind(
  db: Kysely<DB>,
  name: string,
): Promise<{ id: number; created: boolean }> {
  const key = matchKey(name);
  const existing = await db
    .selectFrom('classifier_kinds')
    .select('id')
    .where('match_key', '=', key)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const row = await db
    .insertInto('classifier_kinds')
    .values({ name: ukrainianTypography(name), match_key: key, position: 1000 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

/**
 * Find a question type of a kind by name or create it (imports).
 *
 * @param options.isPublic whether a created one is offered to citizens on the portal and its
 *   appeals published (default true).
 */
export async function findOrCreateQuestionType(
  db: Kysely<DB>,
  kindId: number,
  name: string,
  options: { isPublic?: boolean } = {},
): Promise<{ id: number; created: boolean }> {
  const key = matchKey(name);
  const existing = await db
    .selectFrom('question_types')
    .select('id')
    .where('kind_id', '=', kindId)
    .where('match_key', '=', key)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const row = await db
    .insertInto('question_types')
    .values({
      kind_id: kindId,
      name: ukrainianTypography(name),
      match_key: key,
      is_public: options.isPublic ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}
