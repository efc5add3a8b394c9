/** A step of the appeal's lifecycle (module doc of `appeal-actions.ts`). */
import type { Deps, UserActor } from '../context.js';
import { badRequest } from '../errors.js';
import type { RespondInput } from '../../contract/appeals.schemas.js';
import { flagFormalAnswer } from '../assist/formal-answers.service.js';
import { executorStep, type ActionOutcome } from './appeal-steps.js';

/**
 * The executor answers (звіт виконавця), with text and already uploaded attachments.
 * @throws AppError 400 `unknown_attachment` when an attachment is not this appeal's or is taken.
 */
export function respondToAppeal(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  input: RespondInput,
): Promise<ActionOutcome> {
  return executorStep(
    deps,
    actor,
    appealId,
    'respond',
    async (trx, _loaded, assignment, now) => {
      const response = await trx
        .insertInto('responses')
        .values({
          appeal_id: appealId,
          assignment_id: assignment.id,
          author_id: actor.id,
          text: input.text,
          proposed_result: input.proposedResult ?? null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.attachmentIds.length > 0) {
        const updated = await trx
          .updateTable('attachments')
          .set({ response_id: response.id })
          .where('id', 'in', input.attachmentIds)
          .where('appeal_id', '=', appealId)
          .where('response_id', 'is', null)
          .where('uploaded_by', '=', actor.id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== new Set(input.attachmentIds).size) {
          throw badRequest(
            'unknown_attachment',
            'Every attachmentId must be a file you uploaded to this appeal and not yet used in a response.',
          );
        }
      }
      // Regulation 3.1.3: a formal answer is flagged for the controller, in this transaction.
      const flags = await flagFormalAnswer(trx, {
        responseId: response.id,
        appealId,
        executorId: assignment.executor_id,
        text: input.text,
        at: now,
      });
      return {
        responseId: response.id,
        attachmentIds: input.attachmentIds,
        ...(flags.length > 0 ? { formalAnswerFlags: flags.map((f) => f.reason) } : {}),
      };
    },
    'responded',
    null,
  );
}
