/**
 * Notification templates (issue 14, item 6; ADR 034): the text of every e-mail the system sends,
 * in Ukrainian and English, as Mustache templates (`{{number}}`, sections `{{#text}}…{{/text}}`
 * and `{{^text}}…{{/text}}` for "when given" / "when not"). Plain text: nothing is HTML-escaped.
 *
 * The built-in defaults live here; an administrator may store a replacement per kind and
 * language (table `notification_templates`). A template is accepted only when it parses, has no
 * stray single braces, uses no partials or delimiter changes, and names only the placeholders its
 * kind provides (`knownPlaceholders`). Pure: no I/O.
 */
import Mustache from 'mustache';

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

const LAW_UK = '«Про звернення громадян»';
const LAW_EN = '"On Citizens\' Appeals"';

/** The built-in texts, used whenever no stored template replaces them. */
export const DEFAULT_TEMPLATES: Record<NotificationKind, Record<TemplateLocale, TemplateText>> = {
  assignment_new: {
    uk: {
      subject: 'Нове доручення: звернення {{number}}',
      body: 'Звернення {{number}}{{#text}} ({{text}}){{/text}} доручено виконавцю: {{executor}}.\nКонтрольний строк: {{deadline}}.\n{{link}}',
    },
    en: {
      subject: 'New assignment: appeal {{number}}',
      body: 'Appeal {{number}}{{#text}} ({{text}}){{/text}} is assigned to {{executor}}.\nControl date: {{deadline}}.\n{{link}}',
    },
  },
  assignment_rework: {
    uk: {
      subject: 'Повернено на доопрацювання: звернення {{number}}',
      body: 'Відповідь на звернення {{number}} повернено на доопрацювання.\nПричина: {{#text}}{{text}}{{/text}}{{^text}}—{{/text}}\nКонтрольний строк: {{deadline}}.\n{{link}}',
    },
    en: {
      subject: 'Returned for rework: appeal {{number}}',
      body: 'The answer to appeal {{number}} was returned for rework.\nReason: {{#text}}{{text}}{{/text}}{{^text}}—{{/text}}\nControl date: {{deadline}}.\n{{link}}',
    },
  },
  response_submitted: {
    uk: {
      subject: 'Нова відповідь на перевірку: звернення {{number}}',
      body: '{{executor}} надав відповідь на звернення {{number}}; вона чекає на перевірку.\n{{link}}',
    },
    en: {
      subject: 'New answer to check: appeal {{number}}',
      body: '{{executor}} answered appeal {{number}}; the answer waits for review.\n{{link}}',
    },
  },
  appeal_returned: {
    uk: {
      subject: 'Повернено як «не в компетенції»: звернення {{number}}',
      body:
        '{{executor}} повернув звернення {{number}} до контакт-центру як таке, що не належить до його компетенції.\n' +
        `Пояснення: {{#text}}{{text}}{{/text}}{{^text}}—{{/text}}\nНаправте його належному виконавцю (не пізніше 5 днів, ст. 7 Закону України ${LAW_UK}).\n{{link}}`,
    },
    en: {
      subject: 'Returned as not in competence: appeal {{number}}',
      body:
        '{{executor}} returned appeal {{number}} to the contact centre as outside its competence.\n' +
        `Explanation: {{#text}}{{text}}{{/text}}{{^text}}—{{/text}}\nRoute it to the competent executor (within 5 days, Art. 7 of the Law of Ukraine ${LAW_EN}).\n{{link}}`,
    },
  },
  tracking_code: {
    uk: {
      subject: 'Ваше звернення зареєстровано за № {{number}}',
      body: 'Ваше звернення «{{text}}» зареєстровано в контакт-центрі за № {{number}}.\nКод доступу: {{code}}\nСтежити за розглядом: {{link}}\nНікому не повідомляйте код доступу.',
    },
    en: {
      subject: 'Your appeal is registered as No. {{number}}',
      body: 'Your appeal "{{text}}" is registered at the contact centre as No. {{number}}.\nAccess code: {{code}}\nFollow it at: {{link}}\nDo not share the access code.',
    },
  },
  appeal_due_soon: {
    uk: {
      subject: 'Наближається контрольний строк: звернення {{number}}',
      body: 'Контрольний строк звернення {{number}} спливає {{deadline}}.\nВиконавець: {{executor}}.\n{{link}}',
    },
    en: {
      subject: 'Control date approaching: appeal {{number}}',
      body: 'The control date of appeal {{number}} is {{deadline}}.\nExecutor: {{executor}}.\n{{link}}',
    },
  },
  appeal_overdue: {
    uk: {
      subject: 'Прострочено звернення {{number}}',
      body: 'Звернення {{number}} не виконано у контрольний строк ({{deadline}}).\nВиконавець: {{executor}}.\n{{link}}',
    },
    en: {
      subject: 'Appeal {{number}} is overdue',
      body: 'Appeal {{number}} was not done by its control date ({{deadline}}).\nExecutor: {{executor}}.\n{{link}}',
    },
  },
  explanation_requested: {
    uk: {
      subject: 'Запит пояснення щодо звернення {{number}}',
      body: 'Контакт-центр просить письмово пояснити причини невиконання звернення {{number}} до {{deadline}}.\n{{text}}\n{{link}}',
    },
    en: {
      subject: 'Explanation requested on appeal {{number}}',
      body: 'The contact centre asks for a written explanation of why appeal {{number}} is not done, by {{deadline}}.\n{{text}}\n{{link}}',
    },
  },
  explanation_overdue: {
    uk: {
      subject: 'Не надано пояснення щодо звернення {{number}}',
      body: '{{executor}} не надав пояснення щодо звернення {{number}} до {{deadline}}.\n{{link}}',
    },
    en: {
      subject: 'No explanation given on appeal {{number}}',
      body: '{{executor}} gave no explanation on appeal {{number}} by {{deadline}}.\n{{link}}',
    },
  },
  extension_requested: {
    uk: {
      subject: 'Запит на продовження строку: звернення {{number}}',
      body: '{{executor}} просить продовжити строк розгляду звернення {{number}} на {{days}} дн.\nПричина: {{text}}\n{{link}}',
    },
    en: {
      subject: 'Extension requested: appeal {{number}}',
      body: '{{executor}} asks to extend the term of appeal {{number}} by {{days}} days.\nReason: {{text}}\n{{link}}',
    },
  },
  extension_decided: {
    uk: {
      subject:
        '{{#approved}}Строк продовжено{{/approved}}{{^approved}}У продовженні строку відмовлено{{/approved}}: звернення {{number}}',
      body: '{{#approved}}Строк розгляду звернення {{number}} продовжено до {{deadline}}.{{/approved}}{{^approved}}У продовженні строку звернення {{number}} відмовлено.\n{{text}}{{/approved}}\n{{link}}',
    },
    en: {
      subject:
        '{{#approved}}Term extended{{/approved}}{{^approved}}Extension refused{{/approved}}: appeal {{number}}',
      body: '{{#approved}}The term of appeal {{number}} is extended to {{deadline}}.{{/approved}}{{^approved}}The extension of appeal {{number}} was refused.\n{{text}}{{/approved}}\n{{link}}',
    },
  },
  deadline_extended_applicant: {
    uk: {
      subject: 'Строк розгляду вашого звернення {{number}} продовжено',
      body: `Повідомляємо, що строк розгляду вашого звернення {{number}} продовжено до {{deadline}} (стаття 20 Закону України ${LAW_UK}).\nПричина: {{text}}`,
    },
    en: {
      subject: 'The term of your appeal {{number}} is extended',
      body: `The term of consideration of your appeal {{number}} is extended to {{deadline}} (Article 20 of the Law of Ukraine ${LAW_EN}).\nReason: {{text}}`,
    },
  },
  submission_received: {
    uk: {
      subject: 'Ваше звернення отримано: {{number}}',
      body: 'Ваше звернення «{{text}}» отримано і передано модератору для реєстрації.\nНомер для відстеження: {{number}}\nКод доступу: {{code}}\nСтежити за розглядом: {{link}}\nНікому не повідомляйте код доступу.',
    },
    en: {
      subject: 'Your appeal was received: {{number}}',
      body: 'Your appeal "{{text}}" was received and passed to a moderator for registration.\nTracking number: {{number}}\nAccess code: {{code}}\nFollow it at: {{link}}\nDo not share the access code.',
    },
  },
  submission_registered: {
    uk: {
      subject: 'Ваше звернення зареєстровано за № {{appealNumber}}',
      body: 'Звернення {{number}} зареєстровано за № {{appealNumber}} і направлено виконавцю.\nКонтрольний строк: {{deadline}}\nСтежити за розглядом: {{link}}',
    },
    en: {
      subject: 'Your appeal is registered as No. {{appealNumber}}',
      body: 'Appeal {{number}} is registered as No. {{appealNumber}} and sent to the executor.\nControl date: {{deadline}}\nFollow it at: {{link}}',
    },
  },
  submission_merged: {
    uk: {
      subject: 'Ваше звернення {{number}} приєднано до звернення № {{appealNumber}}',
      body: 'Про цю проблему вже повідомили: ваше звернення {{number}} приєднано до звернення № {{appealNumber}}, яке вже розглядається. Ви отримаєте його результат.\nСтежити за розглядом: {{link}}',
    },
    en: {
      subject: 'Your appeal {{number}} was joined to appeal No. {{appealNumber}}',
      body: 'This problem was already reported: your appeal {{number}} was joined to appeal No. {{appealNumber}}, which is being considered. You will get its result.\nFollow it at: {{link}}',
    },
  },
  submission_rejected: {
    uk: {
      subject: 'Ваше звернення {{number}} не прийнято до розгляду',
      body: `Ваше звернення {{number}} не прийнято до розгляду.\n{{text}}\nРішення можна оскаржити до органу вищого рівня або до суду (статті 15, 16 Закону України ${LAW_UK}).`,
    },
    en: {
      subject: 'Your appeal {{number}} was not accepted',
      body: `Your appeal {{number}} was not accepted for consideration.\n{{text}}\nYou may appeal this decision to a higher body or to a court (Articles 15, 16 of the Law of Ukraine ${LAW_EN}).`,
    },
  },
  appeal_result: {
    uk: {
      subject: 'Результат розгляду вашого звернення № {{appealNumber}}',
      body: 'Розгляд вашого звернення № {{appealNumber}} ({{number}}) завершено.\nРезультат: {{text}}\nВідповідь виконавця і оцінка результату: {{link}}\nЯкщо проблему не вирішено, повідомте про це на тій самій сторінці: звернення повернуть на перевірку.',
    },
    en: {
      subject: 'The result of your appeal No. {{appealNumber}}',
      body: "The consideration of your appeal No. {{appealNumber}} ({{number}}) is complete.\nResult: {{text}}\nThe executor's answer, and your rating: {{link}}\nIf the problem is not solved, say so on the same page: the appeal will be checked again.",
    },
  },
  late_executors_summary: {
    uk: {
      subject: 'Виконавці, які систематично порушують строки',
      body: 'Прострочені звернення за виконавцями:\n{{#lines}}{{.}}\n{{/lines}}{{link}}',
    },
    en: {
      subject: 'Executors repeatedly late',
      body: 'Overdue appeals by executor:\n{{#lines}}{{.}}\n{{/lines}}{{link}}',
    },
  },
  monitoring_alert: {
    uk: {
      subject: 'Сплеск звернень: {{text}}',
      body: 'Незвично багато звернень: {{text}}.\n{{#lines}}{{.}}\n{{/lines}}{{link}}',
    },
    en: {
      subject: 'Spike of appeals: {{text}}',
      body: 'Unusually many appeals: {{text}}.\n{{#lines}}{{.}}\n{{/lines}}{{link}}',
    },
  },
  morning_digest: {
    uk: {
      subject: 'Ранкове зведення за {{text}}',
      body: 'Зведення за {{text}}.\n{{#lines}}{{.}}\n{{/lines}}{{link}}',
    },
    en: {
      subject: 'Morning digest for {{text}}',
      body: 'Digest for {{text}}.\n{{#lines}}{{.}}\n{{/lines}}{{link}}',
    },
  },
  work_overdue: {
    uk: {
      subject: 'Роботи {{number}} не завершено у строк',
      body: 'Роботи {{number}} мали завершитися {{deadline}}, але досі активні.\n{{text}}\n{{link}}',
    },
    en: {
      subject: 'Works {{number}} are past their expected end',
      body: 'Works {{number}} were expected to end {{deadline}} and are still active.\n{{text}}\n{{link}}',
    },
  },
  work_changed: {
    uk: {
      subject: 'Звернення {{number}}: змінено очікуваний строк завершення робіт',
      body: 'Ваше звернення {{number}} стосується робіт: {{text}}\nТепер їх очікують завершити {{deadline}}.\n{{link}}',
    },
    en: {
      subject: "Appeal {{number}}: the works' expected end changed",
      body: 'Your appeal {{number}} concerns works: {{text}}\nThey are now expected to end {{deadline}}.\n{{link}}',
    },
  },
  work_closed: {
    uk: {
      subject: 'Звернення {{number}}: роботи завершено',
      body: 'Роботи, яких стосується ваше звернення {{number}}, завершено ({{deadline}}).\n{{text}}\n{{link}}',
    },
    en: {
      subject: 'Appeal {{number}}: the works are finished',
      body: 'The works your appeal {{number}} concerns are finished ({{deadline}}).\n{{text}}\n{{link}}',
    },
  },
  article_review_due: {
    uk: {
      subject: 'Настав час переглянути статтю бази знань: {{text}}',
      body: 'Стаття «{{text}}» мала бути переглянута до {{deadline}}. Перевірте, чи вона досі правильна, і призначте нову дату перегляду.\n{{link}}',
    },
    en: {
      subject: 'Knowledge base article due for review: {{text}}',
      body: 'The article "{{text}}" was due for review by {{deadline}}. Check that it is still right and set the next review date.\n{{link}}',
    },
  },
  mail_received: {
    uk: {
      subject: 'Ваш лист отримано: {{number}}',
      body: 'Ваш лист «{{text}}» отримано і передано модератору для реєстрації.\nНомер для відстеження: {{number}}\nЩоб доповнити звернення, відповідайте на цей лист, не змінюючи номер у темі.',
    },
    en: {
      subject: 'Your letter was received: {{number}}',
      body: 'Your letter "{{text}}" was received and passed to a moderator for registration.\nTracking number: {{number}}\nTo add to it, reply to this message keeping the number in the subject.',
    },
  },
};

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
