import { describe, expect, it } from 'vitest';
import {
  APPEAL_ACTIONS,
  type AppealAction,
  decideTransition,
  isActiveAssignment,
  nextAssignmentState,
  type AssignmentAction,
} from './appeal-lifecycle.js';
import {
  APPEAL_STATUSES,
  ASSIGNMENT_STATES,
  type AppealStatus,
  type AssignmentState,
} from './vocabulary.js';

/** Every allowed transition: [action, from, to]. Everything not listed must be refused. */
const ALLOWED: [AppealAction, AppealStatus, AppealStatus][] = [
  ['assign', 'registered', 'registered'],
  ['accept', 'registered', 'in_work'],
  ['accept', 'rework', 'in_work'],
  ['respond', 'in_work', 'on_check'],
  ['return_not_in_competence', 'registered', 'registered'],
  ['return_not_in_competence', 'in_work', 'registered'],
  ['return_not_in_competence', 'rework', 'registered'],
  ['review_accept', 'on_check', 'closed'],
  ['review_rework', 'on_check', 'rework'],
  ['cancel', 'registered', 'closed'],
  ['cancel', 'in_work', 'closed'],
  ['cancel', 'on_check', 'closed'],
  ['cancel', 'rework', 'closed'],
  ['dispute', 'closed', 'on_check'],
];

/**
 * Whether the action needs an active main assignment to be allowed (assign needs none; a closed
 * appeal that is disputed has none active: its main assignment is done).
 */
const hasMainFor = (action: AppealAction) => action !== 'assign' && action !== 'dispute';

describe('appeal lifecycle: every action from every status', () => {
  const cases = APPEAL_ACTIONS.flatMap((action) =>
    APPEAL_STATUSES.map((from) => {
      const allowed = ALLOWED.find(([a, f]) => a === action && f === from);
      return { action, from, to: allowed?.[2] ?? null };
    }),
  );

  it.each(cases)('$action from $from → $to', ({ action, from, to }) => {
    const decision = decideTransition(
      { status: from, reworkCount: 0, hasMainAssignment: hasMainFor(action) },
      action,
    );
    if (to === null) {
      expect(decision).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    } else {
      expect(decision).toMatchObject({ ok: true, to });
    }
  });

  it('has 40 cases (8 actions × 5 statuses), 14 of them allowed', () => {
    expect(cases).toHaveLength(40);
    expect(cases.filter((c) => c.to !== null)).toHaveLength(14);
  });
});

describe('rework limit (Kyiv 1551 refuses a third rework)', () => {
  it.each([
    { reworkCount: 0, limit: 2, ok: true, next: 1 },
    { reworkCount: 1, limit: 2, ok: true, next: 2 },
    { reworkCount: 2, limit: 2, ok: false, next: null },
    { reworkCount: 5, limit: 2, ok: false, next: null },
    { reworkCount: 0, limit: 0, ok: false, next: null },
    { reworkCount: 2, limit: 3, ok: true, next: 3 },
  ])('count $reworkCount with limit $limit → ok=$ok', ({ reworkCount, limit, ok, next }) => {
    const decision = decideTransition(
      { status: 'on_check', reworkCount, hasMainAssignment: true },
      'review_rework',
      { reworkLimit: limit },
    );
    if (ok) expect(decision).toEqual({ ok: true, to: 'rework', reworkCount: next });
    else expect(decision).toMatchObject({ ok: false, code: 'rework_limit_reached' });
  });

  it('accepting keeps the rework count', () => {
    expect(
      decideTransition(
        { status: 'on_check', reworkCount: 2, hasMainAssignment: true },
        'review_accept',
      ),
    ).toEqual({ ok: true, to: 'closed', reworkCount: 2 });
  });
});

describe('main assignment preconditions', () => {
  it.each([
    { action: 'assign' as const, hasMain: true, code: 'main_assignment_exists' },
    { action: 'accept' as const, hasMain: false, code: 'no_main_assignment' },
    { action: 'return_not_in_competence' as const, hasMain: false, code: 'no_main_assignment' },
  ])('$action with hasMain=$hasMain → $code', ({ action, hasMain, code }) => {
    expect(
      decideTransition(
        { status: 'registered', reworkCount: 0, hasMainAssignment: hasMain },
        action,
      ),
    ).toMatchObject({ ok: false, code });
  });
});

describe('assignment states', () => {
  const ALLOWED_ASSIGNMENT: [AssignmentAction, AssignmentState, AssignmentState][] = [
    ['accept', 'pending', 'in_work'],
    ['accept', 'rework', 'in_work'],
    ['respond', 'in_work', 'responded'],
    ['return_not_in_competence', 'pending', 'returned'],
    ['return_not_in_competence', 'in_work', 'returned'],
    ['return_not_in_competence', 'rework', 'returned'],
    ['review_accept', 'responded', 'done'],
    ['review_rework', 'responded', 'rework'],
    ['withdraw', 'pending', 'withdrawn'],
    ['withdraw', 'in_work', 'withdrawn'],
    ['withdraw', 'responded', 'withdrawn'],
    ['withdraw', 'rework', 'withdrawn'],
    ['reopen', 'done', 'responded'],
  ];
  const actions: AssignmentAction[] = [
    'accept',
    'respond',
    'return_not_in_competence',
    'review_accept',
    'review_rework',
    'withdraw',
    'reopen',
  ];
  const cases = actions.flatMap((action) =>
    ASSIGNMENT_STATES.map((from) => ({
      action,
      from,
      to: ALLOWED_ASSIGNMENT.find(([a, f]) => a === action && f === from)?.[2] ?? null,
    })),
  );
  it.each(cases)('$action from $from → $to', ({ action, from, to }) => {
    expect(nextAssignmentState(from, action)).toBe(to);
  });
});

describe('active assignments (an executor still works on them or answered)', () => {
  // Written by hand: the states an executor is still responsible for (not done, not given back).
  const ACTIVE: Record<AssignmentState, boolean> = {
    pending: true,
    in_work: true,
    responded: true,
    rework: true,
    done: false,
    returned: false,
    withdrawn: false,
  };
  it('covers every assignment state', () => {
    expect(Object.keys(ACTIVE).sort()).toEqual([...ASSIGNMENT_STATES].sort());
  });
  it.each(ASSIGNMENT_STATES.map((state) => ({ state, active: ACTIVE[state] })))(
    '$state is active: $active',
    ({ state, active }) => {
      expect(isActiveAssignment(state)).toBe(active);
    },
  );
});
