/**
 * The classifier from the administrator's screen over HTTP (issue 14; ADR 025):
 * `/api/v1/admin/classifier…` to list every kind and question type, create them, rename, set a
 * question type's terms and flags, move and deactivate (never delete). Each change writes its
 * audit entry in its own transaction (`auditedInTransaction`). Registered by `admin.routes.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  adminKindView,
  adminQuestionTypeView,
  idParams,
  kindChangeSchema,
  newAdminQuestionTypeSchema,
  questionTypeChangeSchema,
} from '../../contract/admin.schemas.js';
import {
  createAdminKind,
  createAdminQuestionType,
  listAdminClassifier,
  updateAdminKind,
  updateAdminQuestionType,
} from './classifier-admin.service.js';

export function classifierAdminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const classifier = { access: 'classifier.manage', auditedInTransaction: true } as const;

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
  };
}
