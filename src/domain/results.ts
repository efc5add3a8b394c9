/**
 * Results of consideration (результат розгляду), taken from the real Kyiv Contact Centre 1551 list
 * (`shared/data/kyiv1551/status-result-channel-counts.tsv`). Kyiv writes a result as
 * "group / detail" (shown here with the typographic apostrophe ’ and spaces around every slash;
 * `resultByLabel` finds Kyiv's spellings — backtick, "A /B" — all the same); interim values there ("Очікує прийому в роботу", "Прийнято в роботу",
 * "На доопрацювання / …") describe a status, not a result, and map to a status on import.
 */
import { matchKey } from './text.js';

export const RESULTS = [
  {
    code: 'done_confirmed',
    uk: 'Виконано / Підтверджено заявником',
    en: 'Done / confirmed by the applicant',
  },
  {
    code: 'done_awaiting_confirmation',
    uk: 'Виконано / Очікує підтвердження заявником',
    en: 'Done / awaiting the applicant’s confirmation',
  },
  {
    code: 'done_photo_evidence',
    uk: 'Виконано / Фотофіксація / Відеофіксація',
    en: 'Done / photo or video evidence',
  },
  {
    code: 'explained',
    uk: 'Роз’яснено / Перевірено куратором',
    en: 'Explained / checked by the controller',
  },
  {
    code: 'explained_needs_funding',
    uk: 'Роз’яснено / Потребує фінансування / Включено в план-програму',
    en: 'Explained / needs funding, included in a plan',
  },
  {
    code: 'impossible_now_needs_funding',
    uk: 'Не можливо виконати в даний період / Потребує фінансування / Включено в план-програму',
    en: 'Cannot be done now / needs funding, included in a plan',
  },
  {
    code: 'not_in_competence_forwarded',
    uk: 'Не в компетенції / Перенаправлено за належністю',
    en: 'Not in competence / forwarded to the competent body',
  },
  {
    code: 'cancelled_by_applicant',
    uk: 'Відмінено / Відмінено заявником',
    en: 'Cancelled / cancelled by the applicant',
  },
  {
    code: 'resolved_by_applicant',
    uk: 'Самостійно / Заявник усунув проблему власними силами',
    en: 'Resolved by the applicant',
  },
  {
    code: 'acknowledged',
    uk: 'Прийнято до відома / Ознайомився',
    en: 'Taken note of / acknowledged',
  },
  {
    code: 'closed_automatically',
    uk: 'Закрито автоматично / Виконання не підтверджено заявником',
    en: 'Closed automatically / not confirmed by the applicant',
  },
  {
    code: 'consultation_given',
    uk: 'Надано консультацію',
    en: 'Consultation given',
  },
] as const;

export type ResultCode = (typeof RESULTS)[number]['code'];
export const RESULT_CODES = RESULTS.map((r) => r.code) as [ResultCode, ...ResultCode[]];

/** Results a controller may choose when accepting an executor's response. */
export const REVIEW_RESULT_CODES = [
  'done_confirmed',
  'done_awaiting_confirmation',
  'done_photo_evidence',
  'explained',
  'explained_needs_funding',
  'impossible_now_needs_funding',
  'not_in_competence_forwarded',
  'resolved_by_applicant',
  'acknowledged',
] as const satisfies readonly ResultCode[];
export type ReviewResultCode = (typeof REVIEW_RESULT_CODES)[number];

/** Find a result by its Ukrainian label as Kyiv 1551 writes it (apostrophe and spacing tolerant). */
export function resultByLabel(label: string): ResultCode | undefined {
  const wanted = resultKey(label);
  return RESULTS.find((r) => resultKey(r.uk) === wanted)?.code;
}

/** Kyiv writes "A / B" and "A /B" alike: compare with spaces around slashes squeezed. */
function resultKey(label: string): string {
  return matchKey(label).replace(/\s*\/\s*/g, '/');
}

/**
 * Results that decide the question on the merits: a new appeal of the same person on the same
 * question after one of these need not be considered again (Law 393/96-ВР Art. 8).
 */
export const DECIDED_ON_MERITS: readonly ResultCode[] = [
  'done_confirmed',
  'done_awaiting_confirmation',
  'done_photo_evidence',
  'explained',
  'explained_needs_funding',
  'impossible_now_needs_funding',
];
