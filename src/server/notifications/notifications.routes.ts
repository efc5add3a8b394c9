/**
 * The signed-in user's notifications (the web app's list and bell), marking them read, and the
 * user's own choice of which also come by e-mail (ADR 027). Every user's own business: no
 * permission beyond being signed in.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  notificationSettingsInput,
  notificationSettingsView,
  notificationView,
  unreadCountView,
} from '../../contract/notifications.schemas.js';

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
    app.get(
      '/notifications/unread-count',
      {
        schema: {
          tags: ['notifications'],
          operationId: 'countUnreadNotifications',
          summary: 'How many of one’s notifications are unread (the bell polls it)',
          response: { 200: unreadCountView, ...errorResponses(401) },
        },
      },
      async (request) => {
        const row = await deps.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('recipient_user_id', '=', currentUser(request).id)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow();
        return { count: Number(row.n) };
      },
    );
    app.post(
      '/notifications/read-all',
      {
        schema: {
          tags: ['notifications'],
          operationId: 'markAllNotificationsRead',
          summary: 'Mark every one of one’s unread notifications read',
          response: { 204: z.null(), ...errorResponses(401) },
        },
      },
      async (request, reply) => {
        await deps.db
          .updateTable('notifications')
          .set({ read_at: deps.now() })
          .where('recipient_user_id', '=', currentUser(request).id)
          .where('read_at', 'is', null)
          .execute();
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/notifications/settings',
      {
        schema: {
          tags: ['notifications'],
          operationId: 'getNotificationSettings',
          summary: 'Which of one’s notifications also come by e-mail, and to which address',
          response: { 200: notificationSettingsView, ...errorResponses(401) },
        },
      },
      async (request) => {
        const user = await deps.db
          .selectFrom('users')
          .select(['email', 'notify_by_email'])
          .where('id', '=', currentUser(request).id)
          .executeTakeFirstOrThrow();
        return { email: user.email, notifyByEmail: user.notify_by_email };
      },
    );
    app.put(
      '/notifications/settings',
      {
        schema: {
          tags: ['notifications'],
          operationId: 'updateNotificationSettings',
          summary:
            'Choose which notifications also come by e-mail: all, deadlines (the default) or none',
          body: notificationSettingsInput,
          response: { 200: notificationSettingsView, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const user = await deps.db
          .updateTable('users')
          .set({ notify_by_email: request.body.notifyByEmail })
          .where('id', '=', currentUser(request).id)
          .returning(['email', 'notify_by_email'])
          .executeTakeFirstOrThrow();
        return { email: user.email, notifyByEmail: user.notify_by_email };
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
