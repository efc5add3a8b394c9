/** A step of the appeal's lifecycle (module doc of `appeal-actions.ts`). */
import type { Deps, UserActor } from '../context.js';
import { executorStep, type ActionOutcome } from './appeal-steps.js';

/**
 * The executor says the question is not in its competence (Law 393/96-ВР Art. 7): the
 * assignment goes back to the contact centre, which re-routes the appeal.
 */
export function returnNotInCompetence(
  deps: Deps,
  actor: UserActor,
  appealId: number,
  comment: string,
): Promise<ActionOutcome> {
  return executorStep(
    deps,
    actor,
    appealId,
    'return_not_in_competence',
    () => Promise.resolve({}),
    'returned_not_in_competence',
    comment,
  );
}
