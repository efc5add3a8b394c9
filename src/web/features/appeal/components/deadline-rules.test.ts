import { describe, expect, it } from 'vitest';
import type { AppealCard, Assignment, Me } from '../../../shared/api/types.js';
import { isOverdue, mayAskForExtension, ownsActiveMainAssignment } from './DeadlineActions.js';

const assignment = (over: Partial<Assignment>): Assignment => ({
  id: 1,
  executor: { id: 3, name: 'Водоканал' },
  role: 'main',
  state: 'in_work',
  instruction: null,
  controlDate: null,
  assignedAt: '2026-01-01T08:00:00Z',
  acceptedAt: null,
  ...over,
});
const appeal = (over: Partial<AppealCard>) =>
  ({ status: 'in_work', controlDate: null, assignments: [], ...over }) as unknown as AppealCard;
const executor: Me = {
  id: 4,
  login: 'executor',
  fullName: 'Виконавець',
  role: 'executor',
  organisationId: 3,
  permissions: ['appeal.read', 'assignment.work'],
};

describe('who may ask for more time', () => {
  it('the executor of an active main assignment of its own organisation', () => {
    expect(ownsActiveMainAssignment(appeal({ assignments: [assignment({})] }), executor)).toBe(
      true,
    );
  });
  it.each([
    ['a co-executor', assignment({ role: 'co' })],
    ['another organisation', assignment({ executor: { id: 9, name: 'Інша' } })],
    ['a finished assignment', assignment({ state: 'done' })],
  ])('not %s', (_name, a) => {
    expect(ownsActiveMainAssignment(appeal({ assignments: [a] }), executor)).toBe(false);
  });
});

describe('the extension form is there only until the executor answers', () => {
  it.each([
    ['registered, not yet accepted', 'registered', 'pending', true],
    ['in work', 'in_work', 'in_work', true],
    ['back for rework', 'rework', 'rework', true],
    ['answered: on check', 'on_check', 'responded', false],
    ['answered, before the status moved', 'in_work', 'responded', false],
    ['closed', 'closed', 'done', false],
  ] as const)('%s', (_name, status, state, expected) => {
    expect(
      mayAskForExtension(appeal({ status, assignments: [assignment({ state })] }), executor),
    ).toBe(expected);
  });
  it('never for a co-executor', () => {
    expect(
      mayAskForExtension(appeal({ assignments: [assignment({ role: 'co' })] }), executor),
    ).toBe(false);
  });
});

describe('overdue on the card', () => {
  const now = new Date('2026-03-10T10:00:00Z');
  it('past the control date and open', () => {
    expect(isOverdue(appeal({ controlDate: '2026-03-09T21:59:59Z' }), now)).toBe(true);
  });
  it('not when closed, without a date, or still in time', () => {
    expect(isOverdue(appeal({ controlDate: '2026-03-09T00:00:00Z', status: 'closed' }), now)).toBe(
      false,
    );
    expect(isOverdue(appeal({}), now)).toBe(false);
    expect(isOverdue(appeal({ controlDate: '2026-03-11T00:00:00Z' }), now)).toBe(false);
  });
});
