/**
 * The staff notification list (the outbox as the recipient sees it).
 */
import { z } from 'zod';
import { EMAIL_NOTIFICATION_CHOICES } from '../domain/notifications.js';

export const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  appealId: z.number().int().nullable(),
  subject: z.string(),
  body: z.string(),
  emergency: z.boolean(),
  createdAt: z.string(),
  read: z.boolean(),
});

/** How many of the signed-in user's notifications are unread (the header's bell). */
export const unreadCountView = z.object({ count: z.number().int().nonnegative() });

/** The signed-in user's own choice of which notifications also come by e-mail (ADR 027). */
export const notificationSettingsInput = z.object({
  notifyByEmail: z.enum(EMAIL_NOTIFICATION_CHOICES),
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsInput>;

export const notificationSettingsView = notificationSettingsInput.extend({
  /** The address the e-mails go to (set by an administrator); null: in the web app only. */
  email: z.string().nullable(),
});
