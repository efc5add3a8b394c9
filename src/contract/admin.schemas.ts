/**
 * The administrator's workspace over HTTP (issue 14): staff users, organisations, the
 * classifier, routing rules, settings and the audit log. Shared by the server's routes and the
 * web app's forms (types by z.infer).
 */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../domain/admin/password-policy.js';
import { TOPIC_858_MAX } from '../domain/classifier-858.js';
import { emailField } from '../domain/portal-forms.js';
import { ORGANISATION_TYPES, ROLES } from '../domain/vocabulary.js';

const id = z.number().int().positive();
export const idParams = z.object({ id: z.coerce.number().int().positive() });

// ---------------------------------------------------------------------------------------------
// Staff users

export const passwordField = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const staffUserView = z.object({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.date(),
});
export type StaffUserView = z.infer<typeof staffUserView>;

export const staffUserFilter = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const newStaffUserSchema = z.object({
  login: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[\w.@-]+$/, 'letters, digits and . _ @ - only'),
  fullName: z.string().trim().min(1).max(200),
  email: emailField().nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  role: z.enum(ROLES),
  organisationId: id.nullable().optional(),
  password: passwordField,
});
export type NewStaffUser = z.infer<typeof newStaffUserSchema>;

export const staffUserChangeSchema = z.object({
  fullName: z.string().trim().min(1).max(200).optional(),
  email: emailField().nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  role: z.enum(ROLES).optional(),
  organisationId: id.nullable().optional(),
});
export type StaffUserChange = z.infer<typeof staffUserChangeSchema>;

/** A deactivated user, and the open work of their organisation left for reassignment. */
export const deactivationView = z.object({
  user: staffUserView,
  sessionsEnded: z.number().int(),
  tokensRevoked: z.number().int(),
  /** Open assignments of the user's organisation when no other active user of it is left. */
  orphanedAssignments: z.number().int(),
  /** Those open assignments' appeals (up to 50), to reassign from the card. */
  openWork: z.array(z.object({ appealId: z.number().int(), number: z.string() })),
  /** The duties the user held (regulation 5.4.3), now uncovered until the head reassigns them. */
  duties: z.object({ executorIds: z.array(z.number().int()), queues: z.array(z.string()) }),
});

export const passwordResetView = z.object({
  user: staffUserView,
  /** Shown once; the user must change it at the next sign-in. */
  oneTimePassword: z.string(),
});

export const ownPasswordSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: passwordField,
});

// ---------------------------------------------------------------------------------------------
// Organisations

export const adminOrganisationView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(ORGANISATION_TYPES),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  districtId: z.number().int().nullable(),
  active: z.boolean(),
  openAssignments: z.number().int(),
  users: z.number().int(),
});
export type AdminOrganisationView = z.infer<typeof adminOrganisationView>;

export const newAdminOrganisationSchema = z.object({
  name: z.string().trim().min(1).max(300),
  shortName: z.string().trim().max(100).nullish(),
  type: z.enum(ORGANISATION_TYPES).default('other'),
  parentId: id.nullish(),
  email: emailField().nullish(),
  phone: z.string().trim().max(30).nullish(),
  districtId: id.nullish(),
});
export type NewAdminOrganisation = z.infer<typeof newAdminOrganisationSchema>;

export const organisationChangeSchema = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  shortName: z.string().trim().max(100).nullable().optional(),
  type: z.enum(ORGANISATION_TYPES).optional(),
  email: emailField().nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  districtId: id.nullable().optional(),
});
export type OrganisationChange = z.infer<typeof organisationChangeSchema>;

export const organisationMoveSchema = z.object({ parentId: id.nullable() });

// ---------------------------------------------------------------------------------------------
// Classifier

export const adminQuestionTypeView = z.object({
  id: z.number().int(),
  kindId: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  termDays: z.number().int(),
  termHours: z.number().int().nullable(),
  reviewMarginDays: z.number().int(),
  isPublic: z.boolean(),
  isEmergency: z.boolean(),
  active: z.boolean(),
  executorId: z.number().int().nullable(),
  appeals: z.number().int(),
  /** The Classifier No. 858 topic (1–30, domain/classifier-858.ts); null: not coded yet. */
  topic858: z.number().int().nullable(),
});
export type AdminQuestionTypeView = z.infer<typeof adminQuestionTypeView>;

export const adminKindView = z.object({
  id: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  active: z.boolean(),
  questionTypes: z.array(adminQuestionTypeView),
});
export type AdminKindView = z.infer<typeof adminKindView>;

export const kindChangeSchema = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  nameEn: z.string().trim().max(300).nullable().optional(),
});

export const newAdminQuestionTypeSchema = z.object({
  kindId: id,
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).nullish(),
  termDays: z.number().int().min(1).max(45).default(30),
  termHours: z.number().int().min(1).max(720).nullish(),
  reviewMarginDays: z.number().int().min(0).max(30).default(2),
  isPublic: z.boolean().default(true),
  isEmergency: z.boolean().default(false),
  executorId: id.nullish(),
  topic858: z
    .number()
    .int()
    .min(1)
    .max(TOPIC_858_MAX)
    .nullish()
    .describe('Classifier No. 858 topic (тематика), 1–30; null: not coded.'),
});
export type NewAdminQuestionType = z.infer<typeof newAdminQuestionTypeSchema>;

export const questionTypeChangeSchema = z.object({
  kindId: id.optional(),
  name: z.string().trim().min(1).max(300).optional(),
  nameEn: z.string().trim().max(300).nullable().optional(),
  termDays: z.number().int().min(1).max(45).optional(),
  termHours: z.number().int().min(1).max(720).nullable().optional(),
  reviewMarginDays: z.number().int().min(0).max(30).optional(),
  isPublic: z.boolean().optional(),
  isEmergency: z.boolean().optional(),
  topic858: z
    .number()
    .int()
    .min(1)
    .max(TOPIC_858_MAX)
    .nullish()
    .describe('Classifier No. 858 topic (тематика), 1–30; null: not coded.'),
});
export type QuestionTypeChange = z.infer<typeof questionTypeChangeSchema>;

export const activeSchema = z.object({ active: z.boolean() });

// ---------------------------------------------------------------------------------------------
// Routing

/** An organisation named by a rule, with its name (a co-executor). */
export const routedOrganisationView = z.object({ id: z.number().int(), name: z.string() });

export const routingRuleView = z.object({
  id: z.number().int(),
  districtId: z.number().int().nullable(),
  executorId: z.number().int().nullable(),
  toMaintainer: z.boolean(),
  /** Assigned beside the main executor (issue 14, item 4; ADR 045). */
  coExecutors: z.array(routedOrganisationView),
});

export const routingDecisionView = z.object({
  /** The district, or null for an address outside every district (or none given). */
  districtId: z.number().int().nullable(),
  districtName: z.string().nullable(),
  executorId: z.number().int().nullable(),
  executorName: z.string().nullable(),
  /** The winning rule's active co-executors. */
  coExecutors: z.array(routedOrganisationView),
  /** Why: `maintainer` (a building with a maintainer), `district`, `default`, `none`. */
  rule: z.enum(['maintainer', 'district', 'default', 'none']),
});

export const routingView = z.object({
  questionTypeId: z.number().int(),
  defaultExecutorId: z.number().int().nullable(),
  /** The default rule's co-executors. */
  defaultCoExecutors: z.array(routedOrganisationView),
  rules: z.array(routingRuleView),
  /** Where an appeal of this type goes, for each district and for an address in none. */
  decisions: z.array(routingDecisionView),
  /** Whether a building with a maintainer goes to its maintainer (in some or every district). */
  maintainerDistricts: z.array(z.number().int().nullable()),
});
export type RoutingView = z.infer<typeof routingView>;

/** Co-executor organisations of a rule (at most 20; repeats are dropped). */
const coExecutorIds = z.array(id).max(20);

export const defaultExecutorSchema = z.object({
  executorId: id.nullable(),
  /** Not given: the co-executors stay as they are. */
  coExecutorIds: coExecutorIds.optional(),
});

export const newRoutingRuleSchema = z.object({
  districtId: id.nullable().default(null),
  executorId: id.nullable().default(null),
  toMaintainer: z.boolean().default(false),
  coExecutorIds: coExecutorIds.default([]),
});

// ---------------------------------------------------------------------------------------------
// Settings

export const settingView = z.object({
  key: z.string(),
  value: z.unknown(),
  type: z.enum(['integer', 'text', 'system']),
  unit: z.enum(['count', 'days', 'hours', 'minutes', 'text', 'system']),
  default: z.union([z.number(), z.string()]).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  editable: z.boolean(),
});
export type SettingView = z.infer<typeof settingView>;

export const settingChangeSchema = z.object({ value: z.union([z.number(), z.string()]) });
export const settingParams = z.object({ key: z.string().regex(/^[a-z0-9_]{1,64}$/) });

// ---------------------------------------------------------------------------------------------
// Audit log

export const auditFilter = z.object({
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  target: z.string().trim().max(200).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export const auditEntryView = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  at: z.date(),
  actorId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditPage = z.object({
  entries: z.array(auditEntryView),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: z.number().int().nullable(),
});
