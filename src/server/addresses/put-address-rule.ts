import { sql } from 'kysely';
import type { Deps } from '../context.js';
import { AppError, badRequest } from '../errors.js';
import { assertMaintainer } from './registry-keeper-steps.js';

/**
 * Add or replace an address routing rule: question type × district → executor, or question type
 * (× district) → the building's maintainer.
 *
 * @throws AppError 400 `bad_rule`, `unknown_executor`.
 */
export async function putAddressRule(
  deps: Deps,
  input: {
    questionTypeId: number;
    districtId: number | null;
    executorId: number | null;
    toMaintainer: boolean;
  },
): Promise<void> {
  if (input.toMaintainer === (input.executorId !== null))
    throw badRequest('bad_rule', 'Give an executorId or toMaintainer: true, not both.');
  if (!input.toMaintainer && input.districtId === null)
    throw badRequest(
      'bad_rule',
      'A rule naming an executor needs a district (the default is the question type’s).',
    );
  await assertMaintainer(deps, input.executorId);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await sql`DELETE FROM address_routing_rules
                 WHERE question_type_id = ${input.questionTypeId}
                   AND coalesce(district_id, 0) = ${input.districtId ?? 0}
                   AND to_maintainer = ${input.toMaintainer}`.execute(trx);
      await trx
        .insertInto('address_routing_rules')
        .values({
          question_type_id: input.questionTypeId,
          district_id: input.districtId,
          executor_id: input.executorId,
          to_maintainer: input.toMaintainer,
        })
        .execute();
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A foreign key: the question type or the district does not exist.
    throw badRequest('bad_rule', 'No such question type or district.');
  }
}
