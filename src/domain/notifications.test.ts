import { describe, expect, it } from 'vitest';
import { wantsEmail, workNotificationFor } from './notifications.js';

describe('wantsEmail', () => {
  it.each([
    ['all', 'assignment_new', true],
    ['all', 'appeal_overdue', true],
    ['deadlines', 'appeal_overdue', true],
    ['deadlines', 'extension_requested', true],
    ['deadlines', 'late_executors_summary', true],
    ['deadlines', 'assignment_new', false],
    ['deadlines', 'response_submitted', false],
    ['none', 'appeal_overdue', false],
    ['none', 'assignment_rework', false],
  ] as const)('%s × %s → %s', (choice, kind, expected) => {
    expect(wantsEmail(choice, kind)).toBe(expected);
  });
});

describe('workNotificationFor', () => {
  it.each([
    ['assigned', { executorId: 7, role: 'main' }, { kind: 'assignment_new', audience: 'executor' }],
    ['assigned', { executorId: 7, role: 'co' }, { kind: 'assignment_new', audience: 'executor' }],
    ['assigned', {}, null],
    ['returned_for_rework', {}, { kind: 'assignment_rework', audience: 'executor' }],
    ['responded', { role: 'main' }, { kind: 'response_submitted', audience: 'controller' }],
    ['responded', { role: 'co' }, null],
    [
      'returned_not_in_competence',
      { role: 'main' },
      { kind: 'appeal_returned', audience: 'registrar' },
    ],
    ['returned_not_in_competence', { role: 'co' }, null],
    ['registered', { executorId: 7 }, null],
    ['accepted', {}, null],
    ['deadline_overdue', {}, null],
  ] as const)('%s %j → %j', (type, data, expected) => {
    expect(workNotificationFor({ type, data })).toEqual(expected);
  });
});
