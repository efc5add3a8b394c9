/**
 * The appeal lifecycle as a pure state machine (no I/O).
 *
 * Statuses follow Kyiv Contact Centre 1551: registered → in_work (the executor accepts) → on_check
 * (the executor responded) → closed with a result, or → rework (returned by the controller; the
 * appeal stays open and on control, regulation 4.1.4) → in_work … An executor may say "not in
 * competence" (Law 393/96-ВР Art. 7): the assignment goes back to the contact centre and the appeal
 * waits in `registered` for re-routing. The applicant may cancel an open appeal at any time.
 * Kyiv 1551 refuses a third rework; the limit is configuration (default 2). After closure the
 * applicant may dispute the result on the portal (`dispute`): the appeal goes back to the
 * controller (on_check), whose review decides again (regulation 4.1.4; Art. 15, 19 of the Law).
 */
import type { AppealStatus, AssignmentState } from './vocabulary.js';

export const DEFAULT_REWORK_LIMIT = 2;

/** What a person does to an appeal (the appeal-level view, carried by its main assignment). */
export type AppealAction =
  | 'assign'
  | 'accept'
  | 'respond'
  | 'return_not_in_competence'
  | 'review_accept'
  | 'review_rework'
  | 'cancel'
  | 'dispute';

export const APPEAL_ACTIONS: readonly AppealAction[] = [
  'assign',
  'accept',
  'respond',
  'return_not_in_competence',
  'review_accept',
  'review_rework',
  'cancel',
  'dispute',
];

export interface AppealLifecycleState {
  status: AppealStatus;
  /** How many times the controller has returned the appeal for rework so far. */
  reworkCount: number;
  /** Whether an active main assignment exists (not returned and not withdrawn). */
  hasMainAssignment: boolean;
}

export interface LifecycleRules {
  /** Maximum number of reworks; one more is refused (Kyiv 1551: 2). */
  reworkLimit: number;
}

export type TransitionRefusal =
  | 'transition_not_allowed'
  | 'rework_limit_reached'
  | 'main_assignment_exists'
  | 'no_main_assignment';

export type TransitionDecision =
  | { ok: true; to: AppealStatus; reworkCount: number }
  | { ok: false; code: TransitionRefusal; message: string };

/** Statuses from which each action may start. */
const ALLOWED_FROM: Record<AppealAction, readonly AppealStatus[]> = {
  assign: ['registered'],
  accept: ['registered', 'rework'],
  respond: ['in_work'],
  return_not_in_competence: ['registered', 'in_work', 'rework'],
  review_accept: ['on_check'],
  review_rework: ['on_check'],
  cancel: ['registered', 'in_work', 'on_check', 'rework'],
  dispute: ['closed'],
};

const TARGET: Record<AppealAction, AppealStatus> = {
  assign: 'registered',
  accept: 'in_work',
  respond: 'on_check',
  return_not_in_competence: 'registered',
  review_accept: 'closed',
  review_rework: 'rework',
  cancel: 'closed',
  dispute: 'on_check',
};

/** The statuses from which an action is allowed (for UIs that show only what may be done now). */
export function allowedFrom(action: AppealAction): readonly AppealStatus[] {
  return ALLOWED_FROM[action];
}

/**
 * Decide whether `action` may be applied to an appeal in `state`.
 *
 * @returns the target status and the new rework count, or a refusal with a stable code:
 *   `transition_not_allowed` (the action does not start from this status),
 *   `rework_limit_reached` (one rework more than `rules.reworkLimit`),
 *   `main_assignment_exists` (assigning while a main executor already works on it),
 *   `no_main_assignment` (an executor's step on an appeal nobody was assigned).
 *   Every refusal maps to HTTP 409 Conflict.
 */
export function decideTransition(
  state: AppealLifecycleState,
  action: AppealAction,
  rules: LifecycleRules = { reworkLimit: DEFAULT_REWORK_LIMIT },
): TransitionDecision {
  if (!ALLOWED_FROM[action].includes(state.status)) {
    return {
      ok: false,
      code: 'transition_not_allowed',
      message: `Action "${action}" is not allowed while the appeal is "${state.status}"; allowed from: ${ALLOWED_FROM[action].join(', ')}.`,
    };
  }
  if (action === 'assign' && state.hasMainAssignment) {
    return {
      ok: false,
      code: 'main_assignment_exists',
      message:
        'The appeal already has a main executor; add a co-executor or wait for it to be returned.',
    };
  }
  if ((action === 'accept' || action === 'return_not_in_competence') && !state.hasMainAssignment) {
    return {
      ok: false,
      code: 'no_main_assignment',
      message: 'The appeal has no main executor yet; assign one first.',
    };
  }
  if (action === 'review_rework') {
    if (state.reworkCount >= rules.reworkLimit) {
      return {
        ok: false,
        code: 'rework_limit_reached',
        message: `The appeal has already been returned for rework ${state.reworkCount} time(s); the limit is ${rules.reworkLimit}. Accept the response with a result instead.`,
      };
    }
    return { ok: true, to: TARGET[action], reworkCount: state.reworkCount + 1 };
  }
  return { ok: true, to: TARGET[action], reworkCount: state.reworkCount };
}

/** What happens to one assignment (main or co-executor) on each step. */
export type AssignmentAction =
  | 'accept'
  | 'respond'
  | 'return_not_in_competence'
  | 'review_accept'
  | 'review_rework'
  | 'withdraw'
  | 'reopen';

const ASSIGNMENT_TABLE: Record<
  AssignmentAction,
  { from: readonly AssignmentState[]; to: AssignmentState }
> = {
  accept: { from: ['pending', 'rework'], to: 'in_work' },
  respond: { from: ['in_work'], to: 'responded' },
  return_not_in_competence: { from: ['pending', 'in_work', 'rework'], to: 'returned' },
  review_accept: { from: ['responded'], to: 'done' },
  review_rework: { from: ['responded'], to: 'rework' },
  withdraw: { from: ['pending', 'in_work', 'responded', 'rework'], to: 'withdrawn' },
  // The applicant disputes the result: the main executor's accepted answer is checked again.
  reopen: { from: ['done'], to: 'responded' },
};

/** States of an assignment an executor still works on or answered (also a partial index's list). */
export const ACTIVE_ASSIGNMENT_STATES = ['pending', 'in_work', 'responded', 'rework'] as const;

/** Active assignments are those an executor still works on or answered. */
export function isActiveAssignment(state: AssignmentState): boolean {
  return (ACTIVE_ASSIGNMENT_STATES as readonly string[]).includes(state);
}

/**
 * The next state of one assignment, or `null` when the action does not apply from `state`.
 */
export function nextAssignmentState(
  state: AssignmentState,
  action: AssignmentAction,
): AssignmentState | null {
  const row = ASSIGNMENT_TABLE[action];
  return row.from.includes(state) ? row.to : null;
}
