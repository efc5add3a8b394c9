/**
 * Notification templates (issue 14, item 6; ADR 034): the text of every e-mail the system sends,
 * in Ukrainian and English, as Mustache templates (`{{number}}`, sections `{{#text}}…{{/text}}`
 * and `{{^text}}…{{/text}}` for "when given" / "when not"). Plain text: nothing is HTML-escaped.
 *
 * The built-in defaults are data, in `default-notification-templates.json` beside this file
 * (imported, not read: still no I/O); the kinds, the checks and the rendering are here. An
 * administrator may store a replacement per kind and language (table `notification_templates`). A
 * template is accepted only when it parses, has no stray single braces, uses no partials or
 * delimiter changes, and names only the placeholders its kind provides (`knownPlaceholders`).
 * Pure: no I/O.
 */
import Mustache from 'mustache';
import defaults from './default-notification-templates.json' with { type: 'json' };

export const NOTIFICATION_KINDS = [
  'assignment_new',
  'assignment_rework',
  'response_submitted',
  'appeal_returned',
  'tracking_code',
  'appeal_due_soon',
  'appeal_overdue',
  'explanation_requested',
  'explanation_overdue',
  'extension_requested',
  'extension_decided',
  'deadline_extended_applicant',
  'submission_received',
  'submission_registered',
  'submission_merged',
  'submission_rejected',
  'appeal_result',
  'late_executors_summary',
  // issue 16: works (emergencies, planned works)
  'work_overdue',
  'work_changed',
  'work_closed',
  // issue 20: the receipt of a letter read from a mailbox
  'mail_received',
  // issue 18: a spike of one question type in a district or the city (ADR 048)
  'monitoring_alert',
  // issue 19: an article of the knowledge base past its review date, to its owner
  'article_review_due',
  // issue 18: yesterday's figures to management (its e-mail carries HTML and a PDF)
  'morning_digest',
  // issue 17, item 2: a saved report on its schedule (its e-mail carries the XLSX or PDF)
  'scheduled_report',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const TEMPLATE_LOCALES = ['uk', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** The values a notification is rendered with (each kind uses some of them). */
export interface TemplateParams {
  number?: string;
  executor?: string;
  deadline?: string;
  link?: string;
  text?: string;
  days?: number;
  lines?: string[];
  approved?: boolean;
  /** The access code of a portal submission (only in the receipt). */
  code?: string;
  /** The registration number of the appeal a submission became or joined. */
  appealNumber?: string;
}

export interface TemplateText {
  subject: string;
  body: string;
}

/**
 * The built-in texts, used whenever no stored template replaces them: data, in
 * `default-notification-templates.json` (a kind or language missing there fails the type check).
 */
export const DEFAULT_TEMPLATES: Record<
  NotificationKind,
  Record<TemplateLocale, TemplateText>
> = defaults.templates;

/** A sample appeal's values for the preview (no real person's data). */
export const SAMPLE_PARAMS: Record<TemplateLocale, Required<TemplateParams>> = {
  uk: {
    number: '2026-000123',
    appealNumber: '2026-000123',
    executor: 'КП «Житлосервіс Центральний»',
    deadline: '15 груд. 2026 р., 17:00',
    link: 'https://kontakt.example.city/appeals/123',
    text: 'Немає гарячої води в під’їзді 2',
    days: 10,
    lines: ['КП «Житлосервіс Центральний»: 12', 'КП «Міськсвітло»: 5'],
    approved: true,
    code: 'K7M4-Q2XP',
  },
  en: {
    number: '2026-000123',
    appealNumber: '2026-000123',
    executor: 'Central Housing Service',
    deadline: '15 Dec 2026, 17:00',
    link: 'https://kontakt.example.city/appeals/123',
    text: 'No hot water in entrance 2',
    days: 10,
    lines: ['Central Housing Service: 12', 'City Lighting: 5'],
    approved: true,
    code: 'K7M4-Q2XP',
  },
};

/** Why a template is refused: a stable code, and what to fix. */
export interface TemplateProblem {
  code: 'template_syntax' | 'template_unknown_placeholder';
  field: 'subject' | 'body';
  /** The unknown name, the stray brace, or the parser's complaint. */
  detail: string;
}

type Token = [string, string, number, number, Token[]?];

function namesIn(tokens: Token[], into: Set<string>, refused: string[]): void {
  for (const [type, value, , , children] of tokens) {
    if (type === 'text') {
      if (/[{}]/.test(value)) refused.push(`brace:${value.trim()}`);
      continue;
    }
    if (type === '!') continue;
    if (type === '>' || type === '=') {
      refused.push(`tag:${type}`);
      continue;
    }
    into.add(value);
    if (children) namesIn(children, into, refused);
  }
}

/**
 * The placeholders a template uses, or its syntax problem. Single `{`/`}` left in the text are
 * refused (a likely typo for `{{name}}`), as are partials (`{{>x}}`) and delimiter changes.
 */
export function templatePlaceholders(template: string): { names: string[] } | { problem: string } {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as unknown as Token[];
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  const names = new Set<string>();
  const refused: string[] = [];
  namesIn(tokens, names, refused);
  if (refused.length > 0) return { problem: `unbalanced or stray braces: ${refused[0]}` };
  return { names: [...names] };
}

/** The placeholders a kind's notifications provide: those its built-in texts use, and `.`. */
export function knownPlaceholders(kind: NotificationKind): string[] {
  const names = new Set<string>();
  for (const locale of TEMPLATE_LOCALES) {
    const { subject, body } = DEFAULT_TEMPLATES[kind][locale];
    for (const text of [subject, body]) {
      const found = templatePlaceholders(text);
      if ('names' in found) found.names.forEach((n) => names.add(n));
    }
  }
  names.delete('.');
  return [...names].sort();
}

/**
 * The problems of a template for `kind` (empty when it may be stored): syntax
 * (`template_syntax`: unclosed tag or section, stray braces) and names the kind does not provide
 * (`template_unknown_placeholder`).
 */
export function checkTemplate(kind: NotificationKind, text: TemplateText): TemplateProblem[] {
  const known = new Set([...knownPlaceholders(kind), '.']);
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'body'] as const) {
    const found = templatePlaceholders(text[field]);
    if ('problem' in found) {
      problems.push({ code: 'template_syntax', field, detail: found.problem });
      continue;
    }
    for (const name of found.names) {
      if (!known.has(name))
        problems.push({ code: 'template_unknown_placeholder', field, detail: name });
    }
  }
  return problems;
}

/** Render a (checked) template with `params`; plain text, nothing escaped. */
export function renderTemplate(text: TemplateText, params: TemplateParams): TemplateText {
  const config = { escape: (value: unknown) => String(value) };
  return {
    subject: Mustache.render(text.subject, params, {}, config),
    body: Mustache.render(text.body, params, {}, config),
  };
}
