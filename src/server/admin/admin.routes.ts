/**
 * The administrator's workspace over HTTP (issue 14; ADR 025): `/api/v1/admin/…` for staff users,
 * organisations, the classifier, routing, settings and the audit log, and `/api/v1/account/password`
 * for every user's own password. Each change writes its audit entry in its own transaction
 * (`auditedInTransaction`: the generic hook skips these routes).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser, SESSION_COOKIE } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { sessionTokenHash } from '../auth/auth.service.js';
import {
  activeSchema,
  adminKindView,
  adminOrganisationView,
  adminQuestionTypeView,
  auditFilter,
  auditPage,
  deactivationView,
  defaultExecutorSchema,
  idParams,
  kindChangeSchema,
  newAdminOrganisationSchema,
  newAdminQuestionTypeSchema,
  newRoutingRuleSchema,
  newStaffUserSchema,
  organisationChangeSchema,
  organisationMoveSchema,
  ownPasswordSchema,
  passwordResetView,
  questionTypeChangeSchema,
  routingView,
  settingChangeSchema,
  settingParams,
  settingView,
  staffUserChangeSchema,
  staffUserFilter,
  staffUserView,
} from '../../contract/admin.schemas.js';
import { auditCsv, listAudit } from './audit-trail.js';
import {
  changeOwnPassword,
  createStaffUser,
  deactivateStaffUser,
  listStaffUsers,
  reactivateStaffUser,
  resetStaffPassword,
  updateStaffUser,
} from './staff-users.service.js';
import {
  createAdminOrganisation,
  listAdminOrganisations,
  moveAdminOrganisation,
  setOrganisationActive,
  updateAdminOrganisation,
} from './organisations-admin.service.js';
import {
  createAdminKind,
  createAdminQuestionType,
  listAdminClassifier,
  updateAdminKind,
  updateAdminQuestionType,
} from './classifier-admin.service.js';
import {
  deleteRoutingRule,
  putRoutingRule,
  routingOf,
  setDefaultExecutor,
} from './routing-admin.service.js';
import { changeSetting, listSettings } from './settings-admin.service.js';

const qtParams = z.object({ questionTypeId: z.coerce.number().int().positive() });

export function adminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const users = { access: 'users.manage', auditedInTransaction: true } as const;
    const orgs = { access: 'executors.manage', auditedInTransaction: true } as const;
    const classifier = { access: 'classifier.manage', auditedInTransaction: true } as const;
    const settings = { access: 'settings.manage', auditedInTransaction: true } as const;

    // --- staff users -------------------------------------------------------------------------
    app.get(
      '/admin/users',
      {
        config: users,
        schema: {
          tags: ['admin'],
          operationId: 'adminListUsers',
          summary:
            'Staff users, filtered by words (login, name, e-mail), role, organisation, active',
          querystring: staffUserFilter,
          response: { 200: z.array(staffUserView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listStaffUsers(deps.db, request.query),
    );
    app.post(
      '/admin/users',
      {
        config: users,
        schema: {
          tags: ['admin'],
          operationId: 'adminCreateUser',
          summary: 'Create a staff user (password by NIST SP 800-63B: length and breached list)',
          body: newStaffUserSchema,
          response: { 201: staffUserView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createStaffUser(deps, currentUser(request), request.body)),
    );
    app.patch(
      '/admin/users/:id',
      {
        config: users,
        schema: {
          tags: ['admin'],
          operationId: 'adminUpdateUser',
          params: idParams,
          body: staffUserChangeSchema,
          response: { 200: staffUserView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        updateStaffUser(deps, currentUser(request), request.params.id, request.body),
    );
    app.post(
      '/admin/users/:id/deactivate',
      {
        config: users,
        schema: {
          tags: ['admin'],
          operationId: 'adminDeactivateUser',
          summary:
            'Deactivate: sessions and API tokens stop working at once on every process; the last administrator is refused',
          params: idParams,
          response: { 200: deactivationView, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => deactivateStaffUser(deps, currentUser(request), request.params.id),
    );
    app.post(
      '/admin/users/:id/reactivate',
      {
        config: users,
        schema: {
          tags: ['admin'],
          operationId: 'adminReactivateUser',
          params: idParams,
          response: { 200: staffUserView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => reactivateStaffUser(deps, currentUser(request), request.params.id),
    );
    app.post(
      '/admin/users/:id/reset-password',
      {
        config: users,
        schema: {
          tags: ['admin'],
          operationId: 'adminResetPassword',
          summary: 'A one-time password (shown once); the user must change it at the next sign-in',
          params: idParams,
          response: { 200: passwordResetView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return resetStaffPassword(deps, currentUser(request), request.params.id);
      },
    );
    app.post(
      '/account/password',
      {
        config: { access: 'user', auditedInTransaction: true },
        schema: {
          tags: ['auth'],
          operationId: 'changeOwnPassword',
          summary: 'Change one’s own password (other sessions end)',
          body: ownPasswordSchema,
          response: { 204: z.null(), ...errorResponses(400, 401) },
        },
      },
      async (request, reply) => {
        const cookie = request.cookies[SESSION_COOKIE];
        await changeOwnPassword(
          deps,
          currentUser(request),
          request.body,
          cookie ? sessionTokenHash(cookie) : null,
        );
        return reply.status(204).send(null);
      },
    );

    // --- organisations -----------------------------------------------------------------------
    app.get(
      '/admin/organisations',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminListOrganisations',
          summary: 'Every organisation with open assignments and active users (tree by parentId)',
          response: { 200: z.array(adminOrganisationView), ...errorResponses(401, 403) },
        },
      },
      async () => listAdminOrganisations(deps.db),
    );
    app.post(
      '/admin/organisations',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminCreateOrganisation',
          body: newAdminOrganisationSchema,
          response: { 201: adminOrganisationView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createAdminOrganisation(deps, currentUser(request), request.body)),
    );
    app.patch(
      '/admin/organisations/:id',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminUpdateOrganisation',
          params: idParams,
          body: organisationChangeSchema,
          response: { 200: adminOrganisationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        updateAdminOrganisation(deps, currentUser(request), request.params.id, request.body),
    );
    app.post(
      '/admin/organisations/:id/move',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminMoveOrganisation',
          summary: 'Move under another organisation (a cycle is refused: 409 organisation_cycle)',
          params: idParams,
          body: organisationMoveSchema,
          response: { 200: adminOrganisationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        moveAdminOrganisation(deps, currentUser(request), request.params.id, request.body.parentId),
    );
    app.put(
      '/admin/organisations/:id/active',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminSetOrganisationActive',
          summary:
            'Deactivate (refused while it holds open assignments, with their count) or reactivate',
          params: idParams,
          body: activeSchema,
          response: { 200: adminOrganisationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        setOrganisationActive(deps, currentUser(request), request.params.id, request.body.active),
    );

    // --- classifier --------------------------------------------------------------------------
    app.get(
      '/admin/classifier',
      {
        config: classifier,
        schema: {
          tags: ['admin'],
          operationId: 'adminClassifier',
          summary: 'Every kind and question type, inactive ones and appeal counts included',
          response: { 200: z.array(adminKindView), ...errorResponses(401, 403) },
        },
      },
      async () => listAdminClassifier(deps.db),
    );
    app.post(
      '/admin/classifier/kinds',
      {
        config: classifier,
        schema: {
          tags: ['admin'],
          operationId: 'adminCreateKind',
          body: z.object({
            name: z.string().trim().min(1).max(300),
            nameEn: z.string().trim().max(300).nullish(),
          }),
          response: { 201: adminKindView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createAdminKind(deps, currentUser(request), request.body)),
    );
    app.patch(
      '/admin/classifier/kinds/:id',
      {
        config: classifier,
        schema: {
          tags: ['admin'],
          operationId: 'adminUpdateKind',
          summary: 'Rename a kind (uk/en), or deactivate / reactivate it',
          params: idParams,
          body: kindChangeSchema.extend({ active: z.boolean().optional() }),
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await updateAdminKind(deps, currentUser(request), request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/admin/classifier/question-types',
      {
        config: classifier,
        schema: {
          tags: ['admin'],
          operationId: 'adminCreateQuestionType',
          body: newAdminQuestionTypeSchema,
          response: { 201: adminQuestionTypeView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createAdminQuestionType(deps, currentUser(request), request.body)),
    );
    app.patch(
      '/admin/classifier/question-types/:id',
      {
        config: classifier,
        schema: {
          tags: ['admin'],
          operationId: 'adminUpdateQuestionType',
          summary:
            'Rename, set the legal term, review margin, flags, move to another kind, deactivate (never deleted)',
          params: idParams,
          body: questionTypeChangeSchema.extend({ active: z.boolean().optional() }),
          response: { 200: adminQuestionTypeView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        updateAdminQuestionType(deps, currentUser(request), request.params.id, request.body),
    );

    // --- routing -----------------------------------------------------------------------------
    app.get(
      '/admin/routing/:questionTypeId',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminRouting',
          summary:
            'The routing of a question type, and where its appeals go in each district and why',
          params: qtParams,
          response: { 200: routingView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => routingOf(deps.db, request.params.questionTypeId),
    );
    app.put(
      '/admin/routing/:questionTypeId/default',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminSetDefaultExecutor',
          params: qtParams,
          body: defaultExecutorSchema,
          response: { 200: routingView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        setDefaultExecutor(
          deps,
          currentUser(request),
          request.params.questionTypeId,
          request.body.executorId,
          request.body.coExecutorIds,
        ),
    );
    app.put(
      '/admin/routing/:questionTypeId/rules',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminPutRoutingRule',
          summary: 'District → executor, or (district or any) → the building’s maintainer',
          params: qtParams,
          body: newRoutingRuleSchema,
          response: { 200: routingView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        putRoutingRule(deps, currentUser(request), request.params.questionTypeId, request.body),
    );
    app.delete(
      '/admin/routing/:questionTypeId/rules/:id',
      {
        config: orgs,
        schema: {
          tags: ['admin'],
          operationId: 'adminDeleteRoutingRule',
          params: qtParams.extend({ id: z.coerce.number().int().positive() }),
          response: { 200: routingView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        deleteRoutingRule(
          deps,
          currentUser(request),
          request.params.questionTypeId,
          request.params.id,
        ),
    );

    // --- settings ----------------------------------------------------------------------------
    app.get(
      '/admin/settings',
      {
        config: settings,
        schema: {
          tags: ['admin'],
          operationId: 'adminSettings',
          summary: 'Every setting with its unit, default and allowed range',
          response: { 200: z.array(settingView), ...errorResponses(401, 403) },
        },
      },
      async () => listSettings(deps.db),
    );
    app.put(
      '/admin/settings/:key',
      {
        config: settings,
        schema: {
          tags: ['admin'],
          operationId: 'adminChangeSetting',
          summary: 'Change a setting (seen by every process at its next request)',
          params: settingParams,
          body: settingChangeSchema,
          response: { 200: settingView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        changeSetting(deps, currentUser(request), request.params.key, request.body.value),
    );

    // --- audit log ---------------------------------------------------------------------------
    app.get(
      '/admin/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['admin'],
          operationId: 'adminAuditLog',
          summary: 'The audit log, newest first, filtered by actor, action, target and days',
          querystring: auditFilter,
          response: { 200: auditPage, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listAudit(deps.db, request.query, deps.config.timeZone),
    );
    app.get(
      '/admin/audit.csv',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['admin'],
          operationId: 'adminAuditLogCsv',
          summary: 'The filtered audit log as CSV (UTF-8)',
          querystring: auditFilter,
          response: { 200: z.string(), ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-log.csv"')
          .send(await auditCsv(deps.db, request.query, deps.config.timeZone)),
    );
  };
}
