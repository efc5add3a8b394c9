/**
 * Notification templates over HTTP (issue 14, item 6; ADR 034): `/api/v1/admin/notification-templates`.
 * The administrator's permission for settings covers them (`settings.manage`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  templateParams,
  templatePreview,
  templateTextSchema,
  templateView,
} from '../../contract/templates.schemas.js';
import {
  listTemplates,
  previewTemplate,
  resetTemplate,
  saveTemplate,
} from './templates-admin.service.js';

export function templatesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { access: 'settings.manage', auditedInTransaction: true } as const;
    const tags = ['admin'];
    app.get(
      '/admin/notification-templates',
      {
        config,
        schema: {
          tags,
          operationId: 'adminListTemplates',
          summary:
            'Every notification in uk and en: its text (stored or built-in) and placeholders',
          response: { 200: z.array(templateView), ...errorResponses(401, 403) },
        },
      },
      async () => listTemplates(deps.db),
    );
    app.put(
      '/admin/notification-templates/:kind/:locale',
      {
        config,
        schema: {
          tags,
          operationId: 'adminSaveTemplate',
          summary:
            'Store a template (400 template_syntax or template_unknown_placeholder when broken)',
          params: templateParams,
          body: templateTextSchema,
          response: { 200: templateView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) =>
        saveTemplate(
          deps,
          currentUser(request),
          request.params.kind,
          request.params.locale,
          request.body,
        ),
    );
    app.delete(
      '/admin/notification-templates/:kind/:locale',
      {
        config,
        schema: {
          tags,
          operationId: 'adminResetTemplate',
          summary: 'Back to the built-in text',
          params: templateParams,
          response: { 200: templateView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) =>
        resetTemplate(deps, currentUser(request), request.params.kind, request.params.locale),
    );
    app.post(
      '/admin/notification-templates/:kind/:locale/preview',
      {
        // Not a change: `auditedInTransaction` keeps the after-the-answer hook from logging it.
        config,
        schema: {
          tags,
          operationId: 'adminPreviewTemplate',
          summary: 'A draft rendered on a sample appeal (checked as when stored)',
          params: templateParams,
          body: templateTextSchema,
          response: { 200: templatePreview, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => previewTemplate(request.params.kind, request.params.locale, request.body),
    );
  };
}
