/**
 * The policy as a table: every role × every permission against the table written out by hand in
 * `test/access-table.ts`, the personal-data view of each role, and the executor's scope.
 */
import { describe, expect, it } from 'vitest';
import { EXPECTED_PERSONAL_DATA, expectedGrants } from '../../test/access-table.js';
import {
  appealScope,
  can,
  type Permission,
  PERMISSIONS,
  permissionsOf,
  personalDataAccess,
} from './policy.js';
import { ROLES } from './vocabulary.js';

const cells = expectedGrants();

describe('role × permission', () => {
  it('the table has one row per permission and a cell for each of the 8 roles', () => {
    expect([...new Set(cells.map((c) => c.permission))]).toEqual([...PERMISSIONS]);
    expect(cells).toHaveLength(PERMISSIONS.length * ROLES.length);
    expect(cells).toHaveLength(30 * 8);
  });

  it.each(cells)('$role $permission → $granted', ({ role, permission, granted }) => {
    expect(can(role, permission as Permission)).toBe(granted);
  });

  it.each(ROLES)('permissionsOf(%s) lists exactly the granted cells', (role) => {
    const granted = cells.filter((c) => c.role === role && c.granted).map((c) => c.permission);
    expect([...permissionsOf(role)].sort()).toEqual(granted.sort());
  });
});

describe('personal data', () => {
  it.each(ROLES)('%s sees the applicant at its level', (role) => {
    expect(personalDataAccess(role)).toBe(EXPECTED_PERSONAL_DATA[role]);
  });
});

describe('appeal scope', () => {
  it('an executor sees only its organisation', () => {
    expect(appealScope({ role: 'executor', organisationId: 7 })).toEqual({
      kind: 'organisation',
      organisationId: 7,
    });
  });

  it('an executor without an organisation is a programming error', () => {
    expect(() => appealScope({ role: 'executor', organisationId: null })).toThrow(
      /must belong to an organisation/,
    );
  });

  it.each(ROLES.filter((r) => r !== 'executor'))('%s sees every appeal', (role) => {
    expect(appealScope({ role, organisationId: 3 })).toEqual({ kind: 'all' });
  });
});
