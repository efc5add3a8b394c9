/**
 * The steps of the lifecycle after registration: assign, accept, respond, return as "not in
 * competence", review (accept with a result or return for rework), cancel. Each runs in one
 * transaction with the appeal row locked, asks the pure lifecycle (`domain/appeal-lifecycle.ts`)
 * whether the step is allowed, and writes the history event with the change.
 * Each step is its own module (`<verb>-<noun>.ts`); the shared parts are in `appeal-steps.ts`.
 */
export type { ActionOutcome } from './appeal-steps.js';
export { acceptAssignment } from './accept-assignment.js';
export { respondToAppeal } from './respond-to-appeal.js';
export { returnNotInCompetence } from './return-not-in-competence.js';
export { assignExecutor } from './assign-executor.js';
export { reviewAppeal } from './review-appeal.js';
export { cancelAppeal } from './cancel-appeal.js';
