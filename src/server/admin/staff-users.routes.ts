/**
 * Staff users over HTTP (issue 14, item 1; ADR 025): `/api/v1/admin/users…` for the administrator
 * (list, create, edit, deactivate, reactivate, reset a password), and `/api/v1/account/password`
 * for every user's own password. Each change writes its audit entry in its own transaction
 * (`auditedInTransaction`: the generic hook skips these routes). Registered by `admin.routes.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser, SESSION_COOKIE } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { sessionTokenHash } from '../auth/auth.service.js';
import {
  deactivationView,
  idParams,
  newStaffUserSchema,
  ownPasswordSchema,
  passwordResetView,
  staffUserChangeSchema,
  staffUserFilter,
  staffUserView,
} from '../../contract/admin.schemas.js';
import { changeOwnPassword } from './change-own-password.js';
import { createStaffUser } from './create-staff-user.js';
import { deactivateStaffUser } from './deactivate-staff-user.js';
import { reactivateStaffUser } from './reactivate-staff-user.js';
import { resetStaffPassword } from './reset-staff-password.js';
import { listStaffUsers } from './staff-users.queries.js';
import { updateStaffUser } from './update-staff-user.js';

export function staffUsersRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const users = { access: 'users.manage', auditedInTransaction: true } as const;

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
            'Deactivate: sessions and API tokens stop working on every process (sessions within at most 5 s, ADR 062); the last administrator is refused',
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
  };
}
