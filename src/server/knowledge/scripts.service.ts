/**
 * Intake scripts (issue 19, item 3; ADR 039): per question type, what the operator says and asks
 * the caller (e.g. "ask for the entrance and floor; ask whether water reaches the flat below"),
 * shown on the new-call screen when that type is chosen. Plain text in Ukrainian and optionally
 * English — shown as text, never as HTML, so nothing in it can run. Written by the knowledge
 * base's editors (an administrator or an assigned staff member, `assertEditor`).
 */
import type {
  QuestionTypeScriptInput,
  QuestionTypeScriptView,
} from '../../contract/knowledge.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { notFound } from '../errors.js';
import { assertEditor } from './articles.service.js';

/** The scripts, all or the one of `questionTypeId` (an empty list when it has none), by type name. */
export async function listScripts(
  deps: Deps,
  opts: { questionTypeId?: number },
): Promise<QuestionTypeScriptView[]> {
  let q = deps.db
    .selectFrom('question_type_scripts as s')
    .innerJoin('question_types as t', 't.id', 's.question_type_id')
    .select([
      's.question_type_id',
      't.name',
      't.name_en',
      's.script_uk',
      's.script_en',
      's.updated_by',
      's.updated_at',
    ]);
  if (opts.questionTypeId !== undefined)
    q = q.where('s.question_type_id', '=', opts.questionTypeId);
  const rows = await q.orderBy('t.name').execute();
  return rows.map((r) => ({
    questionTypeId: r.question_type_id,
    questionType: r.name,
    questionTypeEn: r.name_en,
    scriptUk: r.script_uk,
    scriptEn: r.script_en,
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/**
 * Write (create or replace) the script of question type `questionTypeId`.
 * @throws 403 `not_a_knowledge_editor`; 404 `question_type_not_found`.
 */
export async function setScript(
  deps: Deps,
  user: UserActor,
  questionTypeId: number,
  input: QuestionTypeScriptInput,
): Promise<QuestionTypeScriptView> {
  await assertEditor(deps.db, user);
  const type = await deps.db
    .selectFrom('question_types')
    .select('id')
    .where('id', '=', questionTypeId)
    .executeTakeFirst();
  if (!type) throw notFound('question_type', questionTypeId);
  const values = {
    script_uk: input.scriptUk,
    script_en: input.scriptEn ?? null,
    updated_by: user.id,
    updated_at: deps.now(),
  };
  await deps.db
    .insertInto('question_type_scripts')
    .values({ question_type_id: questionTypeId, ...values })
    .onConflict((oc) => oc.column('question_type_id').doUpdateSet(values))
    .execute();
  const [view] = await listScripts(deps, { questionTypeId });
  return view!;
}

/** Remove the script of a question type (nothing to remove is not an error). @throws 403. */
export async function deleteScript(
  deps: Deps,
  user: UserActor,
  questionTypeId: number,
): Promise<void> {
  await assertEditor(deps.db, user);
  await deps.db
    .deleteFrom('question_type_scripts')
    .where('question_type_id', '=', questionTypeId)
    .execute();
}
