/**
 * The Classifier of citizens' appeals (Cabinet of Ministers resolution No. 858 of 24 September 2008,
 * as amended to No. 526 of 10 May 2024): the sections of "I. Characteristics of the appeal" the
 * registration card records and the quarterly statistics count (issue 17, item 3; ADR 047).
 *
 * Source: `shared/data/classifier-858/` (a reconstruction from copies; its README says what is
 * certain). Item codes are given only where the research verified or attested them against No. 858
 * (`code`); the current lists of author categories, social statuses and topics come from one
 * authority's 2025–2026 form (ДСНС), whose order follows the Classifier but whose numbers are not
 * the Classifier's codes (`row` is the row of that form). Our keys are stable identifiers, so
 * a code confirmed later is a change of data here, never of the stored appeals.
 */
import { z } from 'zod';
import type { Channel, ReceiptSign, AppealKind, AppealSubject } from './vocabulary.js';
import type { ResultCode } from './results.js';

/** One item of a Classifier section: our key, its code in No. 858 when known, uk and en names. */
export interface ClassifierItem<K extends string = string> {
  key: K;
  /** The item's code in No. 858 (e.g. "7.5") when the research verified or attested it; else null. */
  code: string | null;
  uk: string;
  en: string;
}

const item = <K extends string>(
  key: K,
  code: string | null,
  uk: string,
  en: string,
): ClassifierItem<K> => ({ key, code, uk, en });

/** I.4: the author's sex (4.1 male, 4.2 female; attested). */
export const AUTHOR_SEXES = [
  item('male', '4.1', 'Чоловіча', 'Male'),
  item('female', '4.2', 'Жіноча', 'Female'),
] as const;
export type AuthorSex = (typeof AUTHOR_SEXES)[number]['key'];
export const AUTHOR_SEX_KEYS = AUTHOR_SEXES.map((s) => s.key) as [AuthorSex, ...AuthorSex[]];

/**
 * I.7: the author's category, in the order of the current form (22 rows); `code` is the 2008
 * numbering (7.1–7.17) where an item has one — whether those numbers still hold after the
 * 2016–2024 amendments is unverified (README, "НЕ встановлено").
 */
export const AUTHOR_CATEGORIES = [
  item('war_participant', '7.1', 'Учасник війни', 'War participant'),
  item('war_child', '7.2', 'Дитина війни', 'Child of the war'),
  item(
    'ww2_disability',
    '7.3',
    'Особа з інвалідністю внаслідок Другої світової війни',
    'Person disabled in the Second World War',
  ),
  item('war_disability', '7.4', 'Особа з інвалідністю внаслідок війни', 'Person disabled by war'),
  item('combatant', '7.5', 'Учасник бойових дій', 'Combatant'),
  item('labour_veteran', '7.6', 'Ветеран праці', 'Labour veteran'),
  item('military_veteran', null, 'Ветеран військової служби', 'Military service veteran'),
  item('disability_1', '7.7', 'Особа з інвалідністю I групи', 'Person with disability, group I'),
  item('disability_2', '7.8', 'Особа з інвалідністю II групи', 'Person with disability, group II'),
  item(
    'disability_3',
    '7.9',
    'Особа з інвалідністю III групи',
    'Person with disability, group III',
  ),
  item('disabled_child', '7.10', 'Дитина з інвалідністю', 'Child with disability'),
  item('single_mother', '7.11', 'Одинока мати', 'Single mother'),
  item('mother_heroine', '7.12', 'Мати-героїня', 'Mother heroine'),
  item('large_family', '7.13', 'Багатодітна сім’я', 'Large family'),
  item(
    'chernobyl_victim',
    '7.14',
    'Особа, що потерпіла від Чорнобильської катастрофи',
    'Chernobyl disaster victim',
  ),
  item(
    'chernobyl_liquidator',
    '7.15',
    'Учасник ліквідації наслідків аварії на Чорнобильській АЕС',
    'Chernobyl liquidator',
  ),
  item('displaced', null, 'Внутрішньо переміщена особа', 'Internally displaced person'),
  item('hero_ukraine', '7.16', 'Герой України', 'Hero of Ukraine'),
  item('hero_soviet_union', '7.17', 'Герой Радянського Союзу', 'Hero of the Soviet Union'),
  item('hero_socialist_labour', null, 'Герой Соціалістичної Праці', 'Hero of Socialist Labour'),
  item('child', null, 'Дитина', 'Child'),
  item('other', null, 'Інші категорії', 'Other categories'),
] as const;
export type AuthorCategory = (typeof AUTHOR_CATEGORIES)[number]['key'];
export const AUTHOR_CATEGORY_KEYS = AUTHOR_CATEGORIES.map((c) => c.key) as [
  AuthorCategory,
  ...AuthorCategory[],
];

/** I.8: the author's social status, in the order of the current form (14 rows; codes unverified). */
export const SOCIAL_STATUSES = [
  item('pensioner', null, 'Пенсіонер', 'Pensioner'),
  item('military_pensioner', null, 'Пенсіонер з числа військовослужбовців', 'Military pensioner'),
  item('worker', null, 'Робітник', 'Worker'),
  item('farmer', null, 'Селянин', 'Farmer'),
  item('public_sector', null, 'Працівник бюджетної сфери', 'Public-sector employee'),
  item('civil_servant', null, 'Державний службовець', 'Civil servant'),
  item('serviceman', null, 'Військовослужбовець', 'Serviceman'),
  item('entrepreneur', null, 'Підприємець', 'Entrepreneur'),
  item('unemployed', null, 'Безробітний', 'Unemployed'),
  item('student', null, 'Учень, студент', 'Pupil, student'),
  item('clergy', null, 'Служитель релігійної організації', 'Minister of a religious organisation'),
  item(
    'deprived_of_liberty',
    null,
    'Особа, що позбавлена волі; особа, воля якої обмежена',
    'Person deprived of or restricted in liberty',
  ),
  item('journalist', null, 'Журналіст', 'Journalist'),
  item('other', null, 'Інші', 'Other'),
] as const;
export type SocialStatus = (typeof SOCIAL_STATUSES)[number]['key'];
export const SOCIAL_STATUS_KEYS = SOCIAL_STATUSES.map((s) => s.key) as [
  SocialStatus,
  ...SocialStatus[],
];

/**
 * The author's sex, category and social status for the statistics (sections I.4, I.7, I.8): keys
 * of the lists above, null or absent = not stated. One schema for the staff's registration form
 * and the portal's submission form (an unknown key is a 400 there, never stored).
 */
export const authorStatisticsSchema = z.object({
  authorSex: z.enum(AUTHOR_SEX_KEYS).nullish().describe('Classifier 858, I.4.'),
  authorCategory: z.enum(AUTHOR_CATEGORY_KEYS).nullish().describe('Classifier 858, I.7.'),
  authorSocialStatus: z.enum(SOCIAL_STATUS_KEYS).nullish().describe('Classifier 858, I.8.'),
});
export type AuthorStatistics = z.infer<typeof authorStatisticsSchema>;

/**
 * The topics (тематика) of questions, 1–30 as the current form numbers them. The official code
 * format ("1" or "001"…) is unverified; a question type stores the topic's number.
 */
export const TOPICS_858: readonly { number: number; uk: string; en: string }[] = [
  ['Промислова політика', 'Industrial policy'],
  ['Аграрна політика і земельні відносини', 'Agrarian policy and land relations'],
  ['Транспорт і зв’язок', 'Transport and communications'],
  [
    'Економічна, цінова, інвестиційна, зовнішньоекономічна, регіональна політика та будівництво, підприємництво',
    'Economic, price, investment, foreign trade, regional policy and construction, enterprise',
  ],
  ['Фінансова, податкова, митна політика', 'Financial, tax and customs policy'],
  ['Соціальна політика. Соціальний захист населення', 'Social policy. Social protection'],
  ['Праця і заробітна плата', 'Labour and wages'],
  ['Охорона праці та промислова безпека', 'Occupational and industrial safety'],
  ['Охорона здоров’я', 'Health care'],
  ['Комунальне господарство', 'Municipal services'],
  ['Житлова політика', 'Housing policy'],
  ['Екологія та природні ресурси', 'Ecology and natural resources'],
  [
    'Забезпечення дотримання законності та охорони правопорядку, реалізація прав і свобод громадян, запобігання дискримінації',
    'Law and order, citizens’ rights and freedoms, preventing discrimination',
  ],
  [
    'Сімейна та гендерна політика. Захист прав дітей',
    'Family and gender policy. Children’s rights',
  ],
  ['Молодь, фізична культура і спорт', 'Youth, physical culture and sport'],
  ['Культура та культурна спадщина, туризм', 'Culture and cultural heritage, tourism'],
  [
    'Освіта, наукова, науково-технічна, інноваційна діяльність та інтелектуальна власність',
    'Education, science, innovation and intellectual property',
  ],
  ['Інформаційна політика, діяльність засобів масової інформації', 'Information policy, the media'],
  [
    'Діяльність об’єднань громадян, релігія та міжконфесійні відносини',
    'Civic associations, religion and interfaith relations',
  ],
  [
    'Діяльність Верховної Ради України, Президента України та Кабінету Міністрів України',
    'The Verkhovna Rada, the President and the Cabinet of Ministers',
  ],
  ['Діяльність центральних органів виконавчої влади', 'Central executive bodies'],
  ['Діяльність місцевих органів виконавчої влади', 'Local executive bodies'],
  ['Діяльність органів місцевого самоврядування', 'Local self-government bodies'],
  ['Діяльність підприємств та установ', 'Enterprises and institutions'],
  [
    'Обороноздатність, суверенітет, міждержавні і міжнаціональні відносини',
    'Defence, sovereignty, international and interethnic relations',
  ],
  [
    'Державне будівництво, адміністративно-територіальний устрій',
    'State building, administrative-territorial structure',
  ],
  ['Цифровізація. Правовий режим Дія Сіті', 'Digitalisation. Diia City'],
  [
    'Публічні (електронні публічні) послуги, зокрема адміністративні послуги',
    'Public (electronic) services, including administrative services',
  ],
  ['Європейська та євроатлантична інтеграція', 'European and Euro-Atlantic integration'],
  ['Інше', 'Other'],
].map(([uk, en], i) => ({ number: i + 1, uk: uk!, en: en! }));

export const TOPIC_858_MAX = TOPICS_858.length;

/**
 * I.1: the form of receipt in the current wording (8 rows of the current form); `code` where the
 * 2008 item is known. The codes of the telephone and Internet rows are unverified.
 */
export const RECEIPT_FORMS = [
  item('post', '1.1', 'Поштою (електронною поштою)', 'By post (e-mail)'),
  item('telephone', null, 'За допомогою засобів телефонного зв’язку', 'By telephone'),
  item('internet', null, 'З використанням Інтернету', 'Over the Internet'),
  item('personal_reception', '1.2', 'На особистому прийомі', 'At a personal reception'),
  item('authorised_person', '1.3', 'Через уповноважену особу', 'Through an authorised person'),
  item('authorities', '1.4', 'Через органи влади', 'Through the authorities'),
  item('media', '1.5', 'Через медіа', 'Through the media'),
  item('other_bodies', '1.6', 'Від інших органів, установ, організацій', 'From other bodies'),
] as const;
export type ReceiptForm = (typeof RECEIPT_FORMS)[number]['key'];

/**
 * The form of receipt of a channel. `government_hotline` (the Government contact centre) comes
 * "through the authorities"; a sign-language video call and Open311 arrive over the Internet;
 * `import` (the source's channel unknown) has none and is counted as "not stated".
 */
export function receiptFormOf(channel: Channel): ReceiptForm | null {
  switch (channel) {
    case 'post':
    case 'email':
      return 'post';
    case 'phone':
      return 'telephone';
    case 'portal':
    case 'mobile_app':
    case 'open311':
    case 'sign_language':
      return 'internet';
    case 'personal_reception':
      return 'personal_reception';
    case 'government_hotline':
      return 'authorities';
    case 'tv':
      return 'media';
    case 'import':
      return null;
  }
}

/** I.2: the receipt sign. */
export const RECEIPT_SIGN_ITEMS: readonly ClassifierItem<ReceiptSign>[] = [
  item('primary', '2.1', 'Первинне', 'Primary'),
  item('repeated', '2.2', 'Повторне', 'Repeated'),
  item('duplicate', '2.3', 'Дублетне', 'Duplicate'),
  item('multiple', '2.4', 'Неодноразове', 'Multiple'),
  item('mass', '2.5', 'Масове', 'Mass'),
];

/** I.3: the kind (Art. 3 of the Law); a consultation is not an appeal under the Law. */
export const KIND_ITEMS: readonly ClassifierItem<Exclude<AppealKind, 'consultation'>>[] = [
  item('proposal', '3.1', 'Пропозиція (зауваження)', 'Proposal (remark)'),
  item('application', '3.2', 'Заява (клопотання)', 'Application (petition)'),
  item('complaint', '3.3', 'Скарга', 'Complaint'),
];

/** I.5: the subject. */
export const SUBJECT_ITEMS: readonly ClassifierItem<AppealSubject>[] = [
  item('individual', '5.1', 'Індивідуальне', 'Individual'),
  item('collective', '5.2', 'Колективне', 'Collective'),
  item('anonymous', '5.3', 'Анонімне', 'Anonymous'),
];

/** I.9: results of consideration, plus the form's "still under consideration". */
export const RESULT_ITEMS = [
  item('positive', '9.1', 'Вирішено позитивно', 'Resolved positively'),
  item('refused', '9.2', 'Відмовлено у задоволенні', 'Refused'),
  item('explained', '9.3', 'Дано роз’яснення', 'Explanation given'),
  item(
    'returned',
    '9.4',
    'Повернуто авторові (ст. 5 і 7 Закону)',
    'Returned to the author (Art. 5, 7)',
  ),
  item('forwarded', '9.5', 'Переслано за належністю (ст. 7 Закону)', 'Forwarded (Art. 7)'),
  item(
    'not_considered',
    '9.6',
    'Не підлягає розгляду (ст. 8 і 17 Закону)',
    'Not considered (Art. 8, 17)',
  ),
  item('other', null, 'Інше (відкликано, усунуто заявником, взято до відома)', 'Other'),
  item('in_progress', null, 'У стадії розгляду', 'Under consideration'),
] as const;
export type Result858 = (typeof RESULT_ITEMS)[number]['key'];

/**
 * The 9.x result of a closed appeal's result, as Kyiv 1551 maps its own (research S8: "done" →
 * 9.1, "not done" → 9.2, "explained" → 9.3); a result with no 9.x meaning (cancelled or resolved
 * by the applicant, taken note of) is "other"; an open appeal is "in progress".
 */
export function result858Of(result: ResultCode | null): Result858 {
  switch (result) {
    case null:
      return 'in_progress';
    case 'done_confirmed':
    case 'done_awaiting_confirmation':
    case 'done_photo_evidence':
    case 'closed_automatically':
      return 'positive';
    case 'impossible_now_needs_funding':
      return 'refused';
    case 'explained':
    case 'explained_needs_funding':
    case 'consultation_given':
      return 'explained';
    case 'not_in_competence_forwarded':
      return 'forwarded';
    case 'cancelled_by_applicant':
    case 'resolved_by_applicant':
    case 'acknowledged':
      return 'other';
  }
}

/**
 * The options of one Classifier list for a form or a card: key and name in the reader's language
 * (Ukrainian unless `language` starts with "en").
 */
export function classifierOptions(
  items: readonly ClassifierItem[],
  language: string,
): { value: string; label: string }[] {
  const en = language.startsWith('en');
  return items.map((i) => ({ value: i.key, label: en ? i.en : i.uk }));
}

/** The name of `key` in `items` in the reader's language, or null for null or an unknown key. */
export function classifierName(
  items: readonly ClassifierItem[],
  key: string | null,
  language: string,
): string | null {
  const found = items.find((i) => i.key === key);
  if (!found) return null;
  return language.startsWith('en') ? found.en : found.uk;
}
