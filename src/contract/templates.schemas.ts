/**
 * Notification templates on the administrator's screen (issue 14, item 6; ADR 034): each kind of
 * e-mail in uk and en, its placeholders, the built-in text, and a preview on a sample appeal.
 */
import { z } from 'zod';
import { NOTIFICATION_KINDS, TEMPLATE_LOCALES } from '../domain/notification-templates.js';

export const templateParams = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  locale: z.enum(TEMPLATE_LOCALES),
});

export const templateTextSchema = z.object({
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(5000),
});

export const templateView = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  locale: z.enum(TEMPLATE_LOCALES),
  subject: z.string(),
  body: z.string(),
  /** No stored template: the built-in text is used. */
  isDefault: z.boolean(),
  defaultSubject: z.string(),
  defaultBody: z.string(),
  /** The names this kind provides, written `{{name}}`. */
  placeholders: z.array(z.string()),
  updatedAt: z.date().nullable(),
});

export const templatePreview = z.object({ subject: z.string(), body: z.string() });
