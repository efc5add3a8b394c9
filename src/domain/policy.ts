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
  // Issue 16: the registry of emergencies and planned works (the dispatcher; supervisors too).
  'works.manage',
  // Issue 14 (second part): the head distributes duties (regulation 5.4.3); merging applicants.
  'duties.manage',
  'applicant.merge',
  // Issue 20: the call log, per-operator figures and everyone's presence (the head of the centre).
  'calls.monitor',
  // Issue 19: the knowledge base (read at intake; edit — the service admits only an administrator
  // or an assigned editor), the call-back queue (operators call) and its rules (the head).
  'knowledge.read',
  'knowledge.edit',
  'callbacks.work',
  'callbacks.manage',
  // Issue 18: live monitoring's alerts — seen live and acknowledged by the head and dispatchers.
  'alerts.handle',
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

// Issue 19: everyone of the centre reads the knowledge base; the gate to edit lets the centre's
// roles through, the service admits only an administrator or an assigned editor (ADR 039).
const KNOWLEDGE: Permission[] = ['knowledge.read', 'knowledge.edit'];

const GRANTS: Record<Role, readonly Permission[]> = {
  operator: [...CENTRE_INTAKE, ...KNOWLEDGE, 'callbacks.work'],
  // The moderator checks what arrives from the portal and Open311 before registration (Art. 5, 8).
  moderator: [...CENTRE_INTAKE, 'submission.moderate', 'applicant.merge', ...KNOWLEDGE],
  controller: [
    'appeal.read',
    'appeal.assign',
    'appeal.cancel',
    'appeal.review',
    'attachment.upload',
    'applicant.read',
    'monitoring.read',
    'explanation.request',
    ...KNOWLEDGE,
  ],
  executor: ['appeal.read', 'assignment.work', 'attachment.upload'],
  dispatcher: ['appeal.read', 'applicant.read', 'works.manage', 'knowledge.read', 'alerts.handle'],
  supervisor: [
    ...CENTRE_INTAKE,
    'appeal.review',
    'monitoring.read',
    'extension.decide',
    'explanation.request',
    'submission.moderate',
    // The head of the centre reads who changed what (issue 14, item 10).
    'audit.read',
    // Issue 16: the works registry.
    'works.manage',
    // Issue 14: distributes duties (regulation 5.4.3) and confirms merges of applicants.
    'duties.manage',
    'applicant.merge',
    // Issue 20: the call log, operators' figures and presence.
    'calls.monitor',
    // Issue 19: the knowledge base, the call-back queue and its rules.
    ...KNOWLEDGE,
    'callbacks.work',
    'callbacks.manage',
    // Issue 18: monitoring alerts.
    'alerts.handle',
  ],
  analyst: ['appeal.read', 'monitoring.read', ...KNOWLEDGE],
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
    // Issue 19: the administrator is a knowledge-base editor and assigns others.
    ...KNOWLEDGE,
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
