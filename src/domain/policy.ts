/**
 * Who may do what: the authorisation policy as data, apart from the handlers.
 *
 * Roles and their duties come from BRIEF.md ("Who uses it") and regulation 5.4.3; access to personal
 * data follows the Law of Ukraine «Про захист персональних даних» (only where the role needs it)
 * and Art. 10 of Law 393/96-ВР (personal information in appeals is not disclosed).
 */
import type { Role } from './vocabulary.js';

export const PERMISSIONS = [
  'appeal.register',
  'appeal.read',
  'appeal.assign',
  'appeal.cancel',
  'appeal.review',
  'assignment.work',
  'attachment.upload',
  'applicant.read',
  'applicant.write',
  'classifier.manage',
  'executors.manage',
  'users.manage',
  'monitoring.read',
  'extension.decide',
  'explanation.request',
  'calendar.manage',
  'submission.moderate',
  'open311.keys.manage',
  'addresses.manage',
  'settings.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CENTRE_INTAKE: Permission[] = [
  'appeal.register',
  'appeal.read',
  'appeal.assign',
  'appeal.cancel',
  'attachment.upload',
  'applicant.read',
  'applicant.write',
];

const GRANTS: Record<Role, readonly Permission[]> = {
  operator: CENTRE_INTAKE,
  // The moderator checks what arrives from the portal and Open311 before registration (Art. 5, 8).
  moderator: [...CENTRE_INTAKE, 'submission.moderate'],
  controller: [
    'appeal.read',
    'appeal.assign',
    'appeal.cancel',
    'appeal.review',
    'attachment.upload',
    'applicant.read',
    'monitoring.read',
    'explanation.request',
  ],
  executor: ['appeal.read', 'assignment.work', 'attachment.upload'],
  dispatcher: ['appeal.read', 'applicant.read'],
  supervisor: [
    ...CENTRE_INTAKE,
    'appeal.review',
    'monitoring.read',
    'extension.decide',
    'explanation.request',
    'submission.moderate',
    // The head of the centre reads who changed what (issue 14, item 10).
    'audit.read',
  ],
  analyst: ['appeal.read', 'monitoring.read'],
  administrator: [
    'appeal.read',
    'classifier.manage',
    'executors.manage',
    'users.manage',
    'calendar.manage',
    'open311.keys.manage',
    // The address registry's keeper (issue 15): streets, buildings, maintainers, address routing.
    'addresses.manage',
    // Issue 14: the settings screen and the audit log.
    'settings.manage',
    'audit.read',
  ],
};

/** Whether `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** All permissions of a role (shown to the web client so it offers only allowed actions). */
export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/**
 * Which appeals a user sees. Executors see only appeals with an assignment of their own
 * organisation; everyone else in the contact centre sees all.
 */
export type AppealScope = { kind: 'all' } | { kind: 'organisation'; organisationId: number };

export function appealScope(user: { role: Role; organisationId: number | null }): AppealScope {
  if (user.role === 'executor') {
    if (user.organisationId === null) {
      throw new Error('An executor user must belong to an organisation.');
    }
    return { kind: 'organisation', organisationId: user.organisationId };
  }
  return { kind: 'all' };
}

/**
 * How much of the applicant's personal data a role sees:
 * `full` — every field; `contact` — name, phones and address, needed to do the work;
 * `none` — depersonalised (analytics).
 */
export type PersonalDataAccess = 'full' | 'contact' | 'none';

export function personalDataAccess(role: Role): PersonalDataAccess {
  switch (role) {
    case 'operator':
    case 'moderator':
    case 'controller':
    case 'supervisor':
      return 'full';
    case 'executor':
    case 'dispatcher':
      return 'contact';
    case 'analyst':
    case 'administrator':
      return 'none';
  }
}
