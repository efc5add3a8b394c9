/** A step of the appeal's lifecycle (module doc of `appeal-actions.ts`). */
import type { Deps, UserActor } from '../context.js';
import { executorStep, type ActionOutcome } from './appeal-steps.js';

/** The executor accepts the assignment into work. @throws 404, 409 as `executorStep`. */
export function acceptAssignment(
  deps: Deps,
  actor: UserActor,
  appealId: number,
): Promise<ActionOutcome> {
  return executorStep(deps, actor, appealId, 'accept', () => Promise.resolve({}), 'accepted', null);
}
