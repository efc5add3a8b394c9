/**
 * SQL of assistance: the history a model learns from, the stored models, the boilerplate phrases,
 * the executor's earlier answers and the formal-answer flags. No rules here (src/domain/assist).
 */
import { sql, type Kysely } from 'kysely';
import type { FormalAnswerFlag } from '../../domain/assist/formal-answers.js';
import type { SuggestionModel } from '../../domain/assist/model.js';
import { questionTypesQuery } from '../classifier/classifier.service.js';
import type { DB } from '../db/schema.js';
import { assistDb } from './assist.tables.js';

/** One appeal of the history: its description, question type and the executor that answered it. */
export interface HistoryRow {
  description: string;
  questionTypeId: number;
  executorId: number | null;
}

/**
 * The newest `limit` appeals of active question types (newest first), each with the executor of its
 * completed main assignment (the one whose answer was accepted), if any. One hash join, no per-row
 * subquery: on the embedded engine a training's read must not hold the connection for long.
 */
export async function loadHistory(db: Kysely<DB>, limit: number): Promise<HistoryRow[]> {
  const rows = await db
    .selectFrom('appeals as a')
    .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
    .leftJoin('assignments as asg', (join) =>
      join
        .onRef('asg.appeal_id', '=', 'a.id')
        .on('asg.role', '=', 'main')
        .on('asg.state', '=', 'done'),
    )
    .select(['a.description', 'a.question_type_id', 'asg.executor_id'])
    .where('qt.active', '=', true)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    description: r.description,
    questionTypeId: r.question_type_id,
    executorId: r.executor_id ?? null,
  }));
}

/** Active question types with their kind's name (the seed documents). */
export function loadQuestionTypeNames(db: Kysely<DB>) {
  return db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .select(['qt.id', 'qt.name', 'qt.name_en', 'k.name as kind_name'])
    .where('qt.active', '=', true)
    .where('k.active', '=', true)
    .orderBy('qt.id')
    .execute();
}

export interface ModelSummary {
  version: number;
  trainedAt: Date;
  historyAppeals: number;
  seedDocuments: number;
  questionTypes: number;
  features: number;
  tookMs: number;
}

const SUMMARY_COLUMNS = [
  'id',
  'trained_at',
  'history_appeals',
  'seed_documents',
  'question_types',
  'features',
  'took_ms',
] as const;

function summary(row: {
  id: number;
  trained_at: Date;
  history_appeals: number;
  seed_documents: number;
  question_types: number;
  features: number;
  took_ms: number;
}): ModelSummary {
  return {
    version: row.id,
    trainedAt: row.trained_at,
    historyAppeals: row.history_appeals,
    seedDocuments: row.seed_documents,
    questionTypes: row.question_types,
    features: row.features,
    tookMs: row.took_ms,
  };
}

/**
 * Store a trained model as the newest version and keep only the `keep` newest rows, in one
 * transaction (the caller's, when `db` is one: the retraining job's lock).
 */
export async function saveModel(
  db: Kysely<DB>,
  model: SuggestionModel,
  facts: Omit<ModelSummary, 'version'>,
  keep = 3,
): Promise<ModelSummary> {
  const adb = assistDb(db);
  const inTransaction = <T>(fn: (trx: typeof adb) => Promise<T>) =>
    adb.isTransaction ? fn(adb) : adb.transaction().execute(fn);
  return inTransaction(async (trx) => {
    const row = await trx
      .insertInto('assist_models')
      .values({
        trained_at: facts.trainedAt,
        history_appeals: facts.historyAppeals,
        seed_documents: facts.seedDocuments,
        question_types: facts.questionTypes,
        features: facts.features,
        took_ms: facts.tookMs,
        model: JSON.stringify(model),
      })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow();
    await trx
      .deleteFrom('assist_models')
      .where(
        'id',
        'not in',
        trx.selectFrom('assist_models').select('id').orderBy('id', 'desc').limit(keep),
      )
      .execute();
    return summary(row);
  });
}

/** The newest model's summary, or undefined when none was trained yet. */
export async function latestModelSummary(db: Kysely<DB>): Promise<ModelSummary | undefined> {
  const row = await assistDb(db)
    .selectFrom('assist_models')
    .select(SUMMARY_COLUMNS)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? summary(row) : undefined;
}

/** The stored model of `version`, or undefined (pruned meanwhile). */
export async function loadModel(db: Kysely<DB>, version: number): Promise<unknown> {
  const row = await assistDb(db)
    .selectFrom('assist_models')
    .select('model')
    .where('id', '=', version)
    .executeTakeFirst();
  return row?.model;
}

/** Active question types of `ids` with their kind, routing executor and that executor's name. */
export function questionTypesWithRouting(db: Kysely<DB>, ids: readonly number[]) {
  return questionTypesQuery(db)
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .leftJoin('organisations as o', 'o.id', 'r.executor_id')
    .select(['k.name as kind_name', 'k.name_en as kind_name_en', 'o.name as executor_name'])
    .where('qt.id', 'in', ids.length ? [...ids] : [-1])
    .execute();
}

/** Names of organisations by id. */
export async function organisationNames(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ------------------------------------------------------------------------------------------------
// Boilerplate phrases

export function listBoilerplate(db: Kysely<DB>) {
  return assistDb(db)
    .selectFrom('boilerplate_phrases')
    .select(['id', 'phrase', 'created_at'])
    .orderBy('phrase')
    .execute();
}

/**
 * Make the list exactly `phrases` (by match key): others removed, new ones added (by `createdBy`),
 * kept ones untouched. One transaction.
 */
export async function replaceBoilerplate(
  db: Kysely<DB>,
  phrases: readonly { phrase: string; matchKey: string }[],
  createdBy: number | null,
): Promise<void> {
  await assistDb(db)
    .transaction()
    .execute(async (trx) => {
      const keys = phrases.map((p) => p.matchKey);
      await trx
        .deleteFrom('boilerplate_phrases')
        .where('match_key', 'not in', keys.length ? keys : [''])
        .execute();
      if (phrases.length === 0) return;
      await trx
        .insertInto('boilerplate_phrases')
        .values(
          phrases.map((p) => ({ phrase: p.phrase, match_key: p.matchKey, created_by: createdBy })),
        )
        .onConflict((oc) => oc.column('match_key').doNothing())
        .execute();
    });
}

// ------------------------------------------------------------------------------------------------
// Answers and flags

/** The appeal's description and question type name. */
export function appealSubject(db: Kysely<DB>, appealId: number) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
    .select(['a.description', 'qt.name as question_type_name'])
    .where('a.id', '=', appealId)
    .executeTakeFirstOrThrow();
}

/** What was said on the appeal before: the rework comments and the other responses' texts. */
export async function appealConversation(
  db: Kysely<DB>,
  appealId: number,
  exceptResponseId: number,
): Promise<string[]> {
  const [reviews, responses] = await Promise.all([
    db
      .selectFrom('reviews')
      .select('comment')
      .where('appeal_id', '=', appealId)
      .where('comment', 'is not', null)
      .execute(),
    db
      .selectFrom('responses')
      .select('text')
      .where('appeal_id', '=', appealId)
      .where('id', '!=', exceptResponseId)
      .execute(),
  ]);
  return [...reviews.map((r) => r.comment ?? ''), ...responses.map((r) => r.text)];
}

/** The executor's `limit` latest answers to other appeals, with those appeals' descriptions. */
export function earlierAnswersOf(
  db: Kysely<DB>,
  executorId: number,
  exceptAppealId: number,
  limit: number,
) {
  return db
    .selectFrom('responses as r')
    .innerJoin('assignments as asg', 'asg.id', 'r.assignment_id')
    .innerJoin('appeals as a', 'a.id', 'r.appeal_id')
    .select(['r.appeal_id as appealId', 'r.text', 'a.description as appealText'])
    .where('asg.executor_id', '=', executorId)
    .where('r.appeal_id', '!=', exceptAppealId)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertFlags(
  db: Kysely<DB>,
  target: { responseId: number; appealId: number; executorId: number; at: Date },
  flags: readonly FormalAnswerFlag[],
): Promise<void> {
  if (flags.length === 0) return;
  await assistDb(db)
    .insertInto('response_flags')
    .values(
      flags.map((f) => ({
        response_id: target.responseId,
        appeal_id: target.appealId,
        executor_id: target.executorId,
        reason: f.reason,
        details: JSON.stringify(f.details),
        created_at: target.at,
      })),
    )
    .execute();
}

/** Flags of an appeal's responses, oldest first. */
export function flagsOfAppeal(db: Kysely<DB>, appealId: number) {
  return assistDb(db)
    .selectFrom('response_flags')
    .select(['response_id', 'reason', 'details', 'created_at'])
    .where('appeal_id', '=', appealId)
    .orderBy('response_id')
    .orderBy('id')
    .execute();
}

/**
 * Per executor: responses in [from, to) and those flagged (any reason), and the count per reason.
 * `to` exclusive; both instants.
 */
export async function flagCountsByExecutor(db: Kysely<DB>, from: Date, to: Date) {
  const adb = assistDb(db);
  const answered = await adb
    .selectFrom('responses as r')
    .innerJoin('assignments as asg', 'asg.id', 'r.assignment_id')
    .innerJoin('organisations as o', 'o.id', 'asg.executor_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('response_flags')
          .select([
            'response_id',
            sql<number>`count(*) FILTER (WHERE reason = 'near_copy')`.as('near_copy'),
            sql<number>`count(*) FILTER (WHERE reason = 'boilerplate')`.as('boilerplate'),
            sql<number>`count(*) FILTER (WHERE reason = 'off_subject')`.as('off_subject'),
          ])
          .groupBy('response_id')
          .as('f'),
      (join) => join.onRef('f.response_id', '=', 'r.id'),
    )
    .select([
      'asg.executor_id',
      'o.name',
      sql<string>`count(*)`.as('responses'),
      sql<string>`count(f.response_id)`.as('flagged'),
      sql<string>`coalesce(sum(f.near_copy), 0)`.as('near_copy'),
      sql<string>`coalesce(sum(f.boilerplate), 0)`.as('boilerplate'),
      sql<string>`coalesce(sum(f.off_subject), 0)`.as('off_subject'),
    ])
    .where('r.created_at', '>=', from)
    .where('r.created_at', '<', to)
    .groupBy(['asg.executor_id', 'o.name'])
    .orderBy(sql`count(f.response_id)`, 'desc')
    .orderBy('o.name')
    .execute();
  return answered.map((r) => ({
    executorId: r.executor_id,
    executorName: r.name,
    responses: Number(r.responses),
    flagged: Number(r.flagged),
    byReason: {
      near_copy: Number(r.near_copy),
      boilerplate: Number(r.boilerplate),
      off_subject: Number(r.off_subject),
    },
  }));
}
