/**
 * The expected access, written out by hand cell by cell: the single place a reviewer reads who may
 * do what. The pure policy test (`src/domain/policy.test.ts`) compares `domain/policy.ts` with it,
 * and the HTTP access matrix (`test/api/access-matrix.test.ts`) compares every live operation with
 * it, so a permission changed in the code without changing this table fails both.
 *
 * Sources: the roles' duties in BRIEF.md ("Who uses it") and regulation 5.4.3; personal data by the
 * Law «Про захист персональних даних» (only where the role needs it) and Art. 10 of Law 393/96-ВР.
 */
import type { Permission, PersonalDataAccess } from '../src/domain/policy.js';
import { ROLES, type Role } from '../src/domain/vocabulary.js';

// Columns: operator, moderator, controller, executor, dispatcher, supervisor, analyst, administrator.
// `Y` = granted, `.` = refused.
const GRANTS_TABLE = `
                       oper mode cont exec disp supe anal admi
  appeal.register       Y    Y    .    .    .    Y    .    .
  appeal.read           Y    Y    Y    Y    Y    Y    Y    Y
  appeal.assign         Y    Y    Y    .    .    Y    .    .
  appeal.cancel         Y    Y    Y    .    .    Y    .    .
  appeal.review         .    .    Y    .    .    Y    .    .
  assignment.work       .    .    .    Y    .    .    .    .
  attachment.upload     Y    Y    Y    Y    .    Y    .    .
  applicant.read        Y    Y    Y    .    Y    Y    .    .
  applicant.write       Y    Y    .    .    .    Y    .    .
  classifier.manage     .    .    .    .    .    .    .    Y
  executors.manage      .    .    .    .    .    .    .    Y
  users.manage          .    .    .    .    .    .    .    Y
  monitoring.read       .    .    Y    .    .    Y    Y    .
  extension.decide      .    .    .    .    .    Y    .    .
  explanation.request   .    .    Y    .    .    Y    .    .
  calendar.manage       .    .    .    .    .    .    .    Y
  submission.moderate   .    Y    .    .    .    Y    .    .
  open311.keys.manage   .    .    .    .    .    .    .    Y
  addresses.manage      .    .    .    .    .    .    .    Y
  settings.manage       .    .    .    .    .    .    .    Y
  audit.read            .    .    .    .    .    Y    .    Y
  works.manage          .    .    .    .    Y    Y    .    .
  duties.manage         .    .    .    .    .    Y    .    .
  applicant.merge       .    Y    .    .    .    Y    .    .
  calls.monitor         .    .    .    .    .    Y    .    .
  knowledge.read        Y    Y    Y    .    Y    Y    Y    Y
  knowledge.edit        Y    Y    Y    .    .    Y    Y    Y
  callbacks.work        Y    .    .    .    .    Y    .    .
  callbacks.manage      .    .    .    .    .    Y    .    .
  alerts.handle         .    .    .    .    Y    Y    .    .
`;

/** How much of the applicant each role sees (`full`, `contact` or `none`), by hand. */
export const EXPECTED_PERSONAL_DATA: Record<Role, PersonalDataAccess> = {
  operator: 'full',
  moderator: 'full',
  controller: 'full',
  executor: 'contact',
  dispatcher: 'contact',
  supervisor: 'full',
  analyst: 'none',
  administrator: 'none',
};

/** One cell of the table. */
export interface Grant {
  role: Role;
  permission: string;
  granted: boolean;
}

/**
 * The table as cells, in reading order. Throws when the table is malformed (a column missing, a
 * cell that is neither `Y` nor `.`), so a typo cannot silently drop a cell.
 */
export function expectedGrants(): Grant[] {
  const lines = GRANTS_TABLE.split('\n').filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').trim().split(/\s+/);
  const roles = header.map((abbr) => {
    const role = ROLES.find((r) => r.startsWith(abbr));
    if (!role) throw new Error(`Unknown role column "${abbr}"`);
    return role;
  });
  if (roles.join() !== ROLES.join()) throw new Error('The table must have every role, in order.');
  return lines.flatMap((line) => {
    const [permission, ...cells] = line.trim().split(/\s+/);
    if (!permission || cells.length !== roles.length || cells.some((c) => c !== 'Y' && c !== '.')) {
      throw new Error(`Malformed row: "${line}"`);
    }
    return cells.map((cell, i) => ({ role: roles[i] as Role, permission, granted: cell === 'Y' }));
  });
}

/** The roles the table grants `permission` (`user`: every role; `public`: every role too). */
export function expectedRolesFor(access: 'public' | 'user' | Permission): Role[] {
  if (access === 'public' || access === 'user') return [...ROLES];
  const cells = expectedGrants().filter((g) => g.permission === access);
  if (cells.length === 0) throw new Error(`The access table has no row "${access}"`);
  return cells.filter((g) => g.granted).map((g) => g.role);
}
