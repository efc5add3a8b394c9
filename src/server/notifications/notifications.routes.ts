/** The signed-in user's notifications (the web app's list), and marking them read. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { notificationView } from '../../contract/notifications.schemas.js';

export function notificationsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notifications',
      {
        schema: {
          tags: ['notifications'],
          operationId: 'listNotifications',
          querystring: z.object({ unread: z.enum(['true', 'false']).optional() }),
          response: { 200: z.array(notificationView), ...errorResponses(401) },
        },
      },
      async (request) => {
        let q = deps.db
          .selectFrom('notifications')
          .select([
            'id',
            'kind',
            'appeal_id',
            'subject',
            'body',
            'emergency',
            'created_at',
            'read_at',
          ])
          .where('recipient_user_id', '=', currentUser(request).id);
        if (request.query.unread === 'true') q = q.where('read_at', 'is', null);
        const rows = await q
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(100)
          .execute();
        return rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          appealId: r.appeal_id,
          subject: r.subject,
          body: r.body,
          emergency: r.emergency,
          createdAt: r.created_at.toISOString(),
          read: r.read_at !== null,
        }));
      },
    );
    app.post(
      '/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          operationId: 'markNotificationRead',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 204: z.null(), ...errorResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const result = await deps.db
          .updateTable('notifications')
          .set({ read_at: deps.now() })
          .where('id', '=', request.params.id)
          .where('recipient_user_id', '=', currentUser(request).id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw notFound('notification', request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
