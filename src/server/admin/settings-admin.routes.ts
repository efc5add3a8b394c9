/**
 * Settings from the administrator's screen over HTTP (issue 14; ADR 025): `/api/v1/admin/settings…`
 * to list every setting with its unit, default and range, and change one. A change writes its
 * audit entry in its own transaction (`auditedInTransaction`). Registered by `admin.routes.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { settingChangeSchema, settingParams, settingView } from '../../contract/admin.schemas.js';
import { changeSetting, listSettings } from './settings-admin.service.js';

export function settingsAdminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const settings = { access: 'settings.manage', auditedInTransaction: true } as const;

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
  };
}
