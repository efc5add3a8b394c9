/**
 * Notification texts in Ukrainian and English. Plain text: e-mail clients and the web app show it
 * as it is. Every template names the appeal by its registration number and links to its card.
 */
export type NotificationKind =
  | 'appeal_due_soon'
  | 'appeal_overdue'
  | 'explanation_requested'
  | 'explanation_overdue'
  | 'extension_requested'
  | 'extension_decided'
  | 'deadline_extended_applicant'
  | 'late_executors_summary'
  | 'submission_received'
  | 'submission_registered'
  | 'submission_merged'
  | 'submission_rejected'
  | 'appeal_result'
  | 'assignment_new'
  | 'assignment_rework'
  | 'response_submitted'
  | 'appeal_returned'
  | 'tracking_code';

export type Locale = 'uk' | 'en';

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

type Render = (p: TemplateParams) => { subject: string; body: string };

const TEMPLATES: Record<NotificationKind, Record<Locale, Render>> = {
  assignment_new: {
    uk: (p) => ({
      subject: `Нове доручення: звернення ${p.number}`,
      body:
        `Звернення ${p.number}${p.text ? ` (${p.text})` : ''} доручено виконавцю: ${p.executor}.\n` +
        `Контрольний строк: ${p.deadline}.\n${p.link}`,
    }),
    en: (p) => ({
      subject: `New assignment: appeal ${p.number}`,
      body:
        `Appeal ${p.number}${p.text ? ` (${p.text})` : ''} is assigned to ${p.executor}.\n` +
        `Control date: ${p.deadline}.\n${p.link}`,
    }),
  },
  assignment_rework: {
    uk: (p) => ({
      subject: `Повернено на доопрацювання: звернення ${p.number}`,
      body: `Відповідь на звернення ${p.number} повернено на доопрацювання.\nПричина: ${p.text ?? '—'}\nКонтрольний строк: ${p.deadline}.\n${p.link}`,
    }),
    en: (p) => ({
      subject: `Returned for rework: appeal ${p.number}`,
      body: `The answer to appeal ${p.number} was returned for rework.\nReason: ${p.text ?? '—'}\nControl date: ${p.deadline}.\n${p.link}`,
    }),
  },
  response_submitted: {
    uk: (p) => ({
      subject: `Нова відповідь на перевірку: звернення ${p.number}`,
      body: `${p.executor} надав відповідь на звернення ${p.number}; вона чекає на перевірку.\n${p.link}`,
    }),
    en: (p) => ({
      subject: `New answer to check: appeal ${p.number}`,
      body: `${p.executor} answered appeal ${p.number}; the answer waits for review.\n${p.link}`,
    }),
  },
  appeal_returned: {
    uk: (p) => ({
      subject: `Повернено як «не в компетенції»: звернення ${p.number}`,
      body:
        `${p.executor} повернув звернення ${p.number} до контакт-центру як таке, що не належить до його компетенції.\n` +
        `Пояснення: ${p.text ?? '—'}\nНаправте його належному виконавцю (не пізніше 5 днів, ст. 7 Закону України «Про звернення громадян»).\n${p.link}`,
    }),
    en: (p) => ({
      subject: `Returned as not in competence: appeal ${p.number}`,
      body:
        `${p.executor} returned appeal ${p.number} to the contact centre as outside its competence.\n` +
        `Explanation: ${p.text ?? '—'}\nRoute it to the competent executor (within 5 days, Art. 7 of the Law of Ukraine "On Citizens' Appeals").\n${p.link}`,
    }),
  },
  tracking_code: {
    uk: (p) => ({
      subject: `Ваше звернення зареєстровано за № ${p.number}`,
      body:
        `Ваше звернення «${p.text}» зареєстровано в контакт-центрі за № ${p.number}.\n` +
        `Код доступу: ${p.code}\nСтежити за розглядом: ${p.link}\nНікому не повідомляйте код доступу.`,
    }),
    en: (p) => ({
      subject: `Your appeal is registered as No. ${p.number}`,
      body:
        `Your appeal "${p.text}" is registered at the contact centre as No. ${p.number}.\n` +
        `Access code: ${p.code}\nFollow it at: ${p.link}\nDo not share the access code.`,
    }),
  },
  appeal_due_soon: {
    uk: (p) => ({
      subject: `Наближається контрольний строк: звернення ${p.number}`,
      body: `Контрольний строк звернення ${p.number} спливає ${p.deadline}.\nВиконавець: ${p.executor}.\n${p.link}`,
    }),
    en: (p) => ({
      subject: `Control date approaching: appeal ${p.number}`,
      body: `The control date of appeal ${p.number} is ${p.deadline}.\nExecutor: ${p.executor}.\n${p.link}`,
    }),
  },
  appeal_overdue: {
    uk: (p) => ({
      subject: `Прострочено звернення ${p.number}`,
      body: `Звернення ${p.number} не виконано у контрольний строк (${p.deadline}).\nВиконавець: ${p.executor}.\n${p.link}`,
    }),
    en: (p) => ({
      subject: `Appeal ${p.number} is overdue`,
      body: `Appeal ${p.number} was not done by its control date (${p.deadline}).\nExecutor: ${p.executor}.\n${p.link}`,
    }),
  },
  explanation_requested: {
    uk: (p) => ({
      subject: `Запит пояснення щодо звернення ${p.number}`,
      body: `Контакт-центр просить письмово пояснити причини невиконання звернення ${p.number} до ${p.deadline}.\n${p.text}\n${p.link}`,
    }),
    en: (p) => ({
      subject: `Explanation requested on appeal ${p.number}`,
      body: `The contact centre asks for a written explanation of why appeal ${p.number} is not done, by ${p.deadline}.\n${p.text}\n${p.link}`,
    }),
  },
  explanation_overdue: {
    uk: (p) => ({
      subject: `Не надано пояснення щодо звернення ${p.number}`,
      body: `${p.executor} не надав пояснення щодо звернення ${p.number} до ${p.deadline}.\n${p.link}`,
    }),
    en: (p) => ({
      subject: `No explanation given on appeal ${p.number}`,
      body: `${p.executor} gave no explanation on appeal ${p.number} by ${p.deadline}.\n${p.link}`,
    }),
  },
  extension_requested: {
    uk: (p) => ({
      subject: `Запит на продовження строку: звернення ${p.number}`,
      body: `${p.executor} просить продовжити строк розгляду звернення ${p.number} на ${p.days} дн.\nПричина: ${p.text}\n${p.link}`,
    }),
    en: (p) => ({
      subject: `Extension requested: appeal ${p.number}`,
      body: `${p.executor} asks to extend the term of appeal ${p.number} by ${p.days} days.\nReason: ${p.text}\n${p.link}`,
    }),
  },
  extension_decided: {
    uk: (p) => ({
      subject: `${p.approved ? 'Строк продовжено' : 'У продовженні строку відмовлено'}: звернення ${p.number}`,
      body: p.approved
        ? `Строк розгляду звернення ${p.number} продовжено до ${p.deadline}.\n${p.link}`
        : `У продовженні строку звернення ${p.number} відмовлено.\n${p.text ?? ''}\n${p.link}`,
    }),
    en: (p) => ({
      subject: `${p.approved ? 'Term extended' : 'Extension refused'}: appeal ${p.number}`,
      body: p.approved
        ? `The term of appeal ${p.number} is extended to ${p.deadline}.\n${p.link}`
        : `The extension of appeal ${p.number} was refused.\n${p.text ?? ''}\n${p.link}`,
    }),
  },
  deadline_extended_applicant: {
    uk: (p) => ({
      subject: `Строк розгляду вашого звернення ${p.number} продовжено`,
      body:
        `Повідомляємо, що строк розгляду вашого звернення ${p.number} продовжено до ${p.deadline} ` +
        `(стаття 20 Закону України «Про звернення громадян»).\nПричина: ${p.text}`,
    }),
    en: (p) => ({
      subject: `The term of your appeal ${p.number} is extended`,
      body:
        `The term of consideration of your appeal ${p.number} is extended to ${p.deadline} ` +
        `(Article 20 of the Law of Ukraine "On Citizens' Appeals").\nReason: ${p.text}`,
    }),
  },
  submission_received: {
    uk: (p) => ({
      subject: `Ваше звернення отримано: ${p.number}`,
      body:
        `Ваше звернення «${p.text}» отримано і передано модератору для реєстрації.\n` +
        `Номер для відстеження: ${p.number}\nКод доступу: ${p.code}\n` +
        `Стежити за розглядом: ${p.link}\nНікому не повідомляйте код доступу.`,
    }),
    en: (p) => ({
      subject: `Your appeal was received: ${p.number}`,
      body:
        `Your appeal "${p.text}" was received and passed to a moderator for registration.\n` +
        `Tracking number: ${p.number}\nAccess code: ${p.code}\n` +
        `Follow it at: ${p.link}\nDo not share the access code.`,
    }),
  },
  submission_registered: {
    uk: (p) => ({
      subject: `Ваше звернення зареєстровано за № ${p.appealNumber}`,
      body:
        `Звернення ${p.number} зареєстровано за № ${p.appealNumber} і направлено виконавцю.\n` +
        `Контрольний строк: ${p.deadline}\nСтежити за розглядом: ${p.link}`,
    }),
    en: (p) => ({
      subject: `Your appeal is registered as No. ${p.appealNumber}`,
      body:
        `Appeal ${p.number} is registered as No. ${p.appealNumber} and sent to the executor.\n` +
        `Control date: ${p.deadline}\nFollow it at: ${p.link}`,
    }),
  },
  submission_merged: {
    uk: (p) => ({
      subject: `Ваше звернення ${p.number} приєднано до звернення № ${p.appealNumber}`,
      body:
        `Про цю проблему вже повідомили: ваше звернення ${p.number} приєднано до звернення № ${p.appealNumber}, ` +
        `яке вже розглядається. Ви отримаєте його результат.\nСтежити за розглядом: ${p.link}`,
    }),
    en: (p) => ({
      subject: `Your appeal ${p.number} was joined to appeal No. ${p.appealNumber}`,
      body:
        `This problem was already reported: your appeal ${p.number} was joined to appeal No. ${p.appealNumber}, ` +
        `which is being considered. You will get its result.\nFollow it at: ${p.link}`,
    }),
  },
  submission_rejected: {
    uk: (p) => ({
      subject: `Ваше звернення ${p.number} не прийнято до розгляду`,
      body:
        `Ваше звернення ${p.number} не прийнято до розгляду.\n${p.text}\n` +
        `Рішення можна оскаржити до органу вищого рівня або до суду (статті 15, 16 Закону України «Про звернення громадян»).`,
    }),
    en: (p) => ({
      subject: `Your appeal ${p.number} was not accepted`,
      body:
        `Your appeal ${p.number} was not accepted for consideration.\n${p.text}\n` +
        `You may appeal this decision to a higher body or to a court (Articles 15, 16 of the Law of Ukraine "On Citizens' Appeals").`,
    }),
  },
  appeal_result: {
    uk: (p) => ({
      subject: `Результат розгляду вашого звернення № ${p.appealNumber}`,
      body:
        `Розгляд вашого звернення № ${p.appealNumber} (${p.number}) завершено.\nРезультат: ${p.text}\n` +
        `Відповідь виконавця і оцінка результату: ${p.link}\n` +
        `Якщо проблему не вирішено, повідомте про це на тій самій сторінці: звернення повернуть на перевірку.`,
    }),
    en: (p) => ({
      subject: `The result of your appeal No. ${p.appealNumber}`,
      body:
        `The consideration of your appeal No. ${p.appealNumber} (${p.number}) is complete.\nResult: ${p.text}\n` +
        `The executor's answer, and your rating: ${p.link}\n` +
        `If the problem is not solved, say so on the same page: the appeal will be checked again.`,
    }),
  },
  late_executors_summary: {
    uk: (p) => ({
      subject: 'Виконавці, які систематично порушують строки',
      body: `Прострочені звернення за виконавцями:\n${(p.lines ?? []).join('\n')}\n${p.link}`,
    }),
    en: (p) => ({
      subject: 'Executors repeatedly late',
      body: `Overdue appeals by executor:\n${(p.lines ?? []).join('\n')}\n${p.link}`,
    }),
  },
};

/** Subject and body of a notification. */
export function renderNotification(
  kind: NotificationKind,
  locale: Locale,
  params: TemplateParams,
): { subject: string; body: string } {
  return TEMPLATES[kind][locale](params);
}

/** A date and time as people in the city read it. */
export function formatInZone(date: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'uk' ? 'uk-UA' : 'en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}
