/**
 * Notification templates from the administrator's screen (issue 14, item 6; ADR 034): list, store
 * (checked: syntax and known placeholders, else 400 with a stable code — a broken template is
 * never stored, so never sent), reset to the built-in text, and preview on a sample appeal.
 * Sending reads the table at each notification (`notifications/templates.ts`), so every process
 * uses a change at once.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  checkTemplate,
  DEFAULT_TEMPLATES,
  knownPlaceholders,
  NOTIFICATION_KINDS,
  renderTemplate,
  SAMPLE_PARAMS,
  TEMPLATE_LOCALES,
  type NotificationKind,
  type TemplateLocale,
  type TemplateText,
} from '../../domain/notification-templates.js';
import type { templateView } from '../../contract/templates.schemas.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest } from '../errors.js';
import { writeAudit } from './audit-trail.js';

type TemplateView = z.infer<typeof templateView>;

function view(
  kind: NotificationKind,
  locale: TemplateLocale,
  row: { subject: string; body: string; updated_at: Date } | undefined,
): TemplateView {
  const builtIn = DEFAULT_TEMPLATES[kind][locale];
  return {
    kind,
    locale,
    subject: row?.subject ?? builtIn.subject,
    body: row?.body ?? builtIn.body,
    isDefault: !row,
    defaultSubject: builtIn.subject,
    defaultBody: builtIn.body,
    placeholders: knownPlaceholders(kind),
    updatedAt: row ? new Date(row.updated_at) : null,
  };
}

/** Every kind in both languages: the stored text or the built-in one. */
export async function listTemplates(db: Kysely<DB>): Promise<TemplateView[]> {
  const rows = await db.selectFrom('notification_templates').selectAll().execute();
  const stored = new Map(rows.map((r) => [`${r.kind}/${r.locale}`, r]));
  return NOTIFICATION_KINDS.flatMap((kind) =>
    TEMPLATE_LOCALES.map((locale) => view(kind, locale, stored.get(`${kind}/${locale}`))),
  );
}

/**
 * Refuse a broken template: 400 `template_syntax` (unclosed tag or section, stray braces) or 400
 * `template_unknown_placeholder` (a name the kind does not provide); `details.problems` lists all.
 */
function assertTemplate(kind: NotificationKind, text: TemplateText): void {
  const problems = checkTemplate(kind, text);
  const first = problems[0];
  if (!first) return;
  throw badRequest(
    first.code,
    first.code === 'template_syntax'
      ? `The ${first.field} does not parse (${first.detail}): close every {{tag}} and section.`
      : `The ${first.field} names {{${first.detail}}}, which this notification does not provide. Known: ${knownPlaceholders(kind).join(', ')}.`,
    { problems, placeholders: knownPlaceholders(kind) },
  );
}

/** Render a draft on the sample appeal (checked first, as when storing). */
export function previewTemplate(
  kind: NotificationKind,
  locale: TemplateLocale,
  text: TemplateText,
): TemplateText {
  assertTemplate(kind, text);
  return renderTemplate(text, SAMPLE_PARAMS[locale]);
}

/** Store a checked template with its audit entry (before → after) in one transaction. */
export async function saveTemplate(
  deps: Deps,
  actor: UserActor,
  kind: NotificationKind,
  locale: TemplateLocale,
  text: TemplateText,
): Promise<TemplateView> {
  assertTemplate(kind, text);
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('notification_templates')
      .select(['subject', 'body'])
      .where('kind', '=', kind)
      .where('locale', '=', locale)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('notification_templates')
      .values({
        kind,
        locale,
        subject: text.subject,
        body: text.body,
        updated_at: deps.now(),
        updated_by: actor.id,
      })
      .onConflict((oc) =>
        oc.columns(['kind', 'locale']).doUpdateSet({
          subject: text.subject,
          body: text.body,
          updated_at: deps.now(),
          updated_by: actor.id,
        }),
      )
      .returning(['subject', 'body', 'updated_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.now(), actor, {
      action: 'saveNotificationTemplate',
      target: `/notification-templates/${kind}/${locale}`,
      before: { ...(before ?? DEFAULT_TEMPLATES[kind][locale]) },
      after: { subject: row.subject, body: row.body },
    });
    return view(kind, locale, row);
  });
}

/** Drop the stored template: the built-in text is used again. */
export async function resetTemplate(
  deps: Deps,
  actor: UserActor,
  kind: NotificationKind,
  locale: TemplateLocale,
): Promise<TemplateView> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .deleteFrom('notification_templates')
      .where('kind', '=', kind)
      .where('locale', '=', locale)
      .returning(['subject', 'body'])
      .executeTakeFirst();
    if (before)
      await writeAudit(trx, deps.now(), actor, {
        action: 'resetNotificationTemplate',
        target: `/notification-templates/${kind}/${locale}`,
        before,
        after: { ...DEFAULT_TEMPLATES[kind][locale] },
      });
    return view(kind, locale, undefined);
  });
}
