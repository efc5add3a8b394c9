/**
 * Notification texts in Ukrainian and English. Plain text: e-mail clients and the web app show it
 * as it is. Every template names the appeal by its registration number and links to its card.
 * The texts are Mustache templates (`domain/notification-templates.ts`); an administrator may
 * replace each one from the screen (issue 14; ADR 034).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  DEFAULT_TEMPLATES,
  renderTemplate,
  type NotificationKind,
  type TemplateLocale,
  type TemplateParams,
  type TemplateText,
} from '../../domain/notification-templates.js';

export type { NotificationKind, TemplateParams };
export type Locale = TemplateLocale;

/** Stored templates by `kind/locale` (issue 14, ADR 034). */
export type StoredTemplates = Map<string, TemplateText>;

/**
 * The administrators' stored templates of these kinds, read from the database at each call (no
 * cache), so a change made on one process is used by every process at its next notification.
 */
export async function loadStoredTemplates(
  db: Kysely<DB>,
  kinds: readonly NotificationKind[],
): Promise<StoredTemplates> {
  if (kinds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notification_templates')
    .select(['kind', 'locale', 'subject', 'body'])
    .where('kind', 'in', [...new Set(kinds)])
    .execute();
  return new Map(rows.map((r) => [`${r.kind}/${r.locale}`, { subject: r.subject, body: r.body }]));
}

/**
 * Subject and body of a notification: the stored template of its kind and language when there is
 * one (it was checked when stored), else the built-in default. A stored template that fails to
 * render falls back to the default, so a notification is never lost to a template.
 */
export function renderNotification(
  kind: NotificationKind,
  locale: Locale,
  params: TemplateParams,
  stored?: StoredTemplates,
): { subject: string; body: string } {
  const own = stored?.get(`${kind}/${locale}`);
  if (own) {
    try {
      return renderTemplate(own, params);
    } catch {
      // fall through to the built-in text
    }
  }
  return renderTemplate(DEFAULT_TEMPLATES[kind][locale], params);
}

/** One formatter per zone and locale: making one costs ~60 µs, a sweep formats thousands. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time as people in the city read it. */
export function formatInZone(date: Date, timeZone: string, locale: Locale): string {
  const key = `${timeZone}|${locale}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'uk' ? 'uk-UA' : 'en-GB', {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    formatters.set(key, format);
  }
  return format.format(date);
}
