/**
 * How people read an appeal's kind and channel, in Ukrainian and English, for what the server
 * writes itself (the morning digest, its PDF). The web app's catalogues (`web/shared/i18n`) carry
 * the same words under `kind.*` and `channel.*`; `web/shared/i18n/domain-labels.test.ts` keeps the two equal.
 */
import type { AppealKind, AppealStatus, Channel } from './vocabulary.js';

export type LabelLang = 'uk' | 'en';

export const KIND_LABELS: Record<LabelLang, Record<AppealKind, string>> = {
  uk: {
    application: 'Заява (клопотання)',
    proposal: 'Пропозиція (зауваження)',
    complaint: 'Скарга',
    consultation: 'Консультація',
  },
  en: {
    application: 'Application (request)',
    proposal: 'Proposal (remark)',
    complaint: 'Complaint',
    consultation: 'Consultation',
  },
};

export const CHANNEL_LABELS: Record<LabelLang, Record<Channel, string>> = {
  uk: {
    phone: 'Телефон',
    portal: 'Сайт',
    mobile_app: 'Мобільний застосунок',
    email: 'Електронна пошта',
    government_hotline: 'Урядова гаряча лінія',
    post: 'Пошта',
    personal_reception: 'Особистий прийом',
    tv: 'Телеефір',
    sign_language: 'Жестова мова',
    open311: 'Open311',
    import: 'Імпорт',
  },
  en: {
    phone: 'Phone',
    portal: 'Website',
    mobile_app: 'Mobile app',
    email: 'E-mail',
    government_hotline: 'Government hotline',
    post: 'Post',
    personal_reception: 'Personal reception',
    tv: 'TV programme',
    sign_language: 'Sign language',
    open311: 'Open311',
    import: 'Import',
  },
};

/** An appeal's status as people read it (the web app's `status.*`; issue 17's pivot labels). */
export const STATUS_LABELS: Record<LabelLang, Record<AppealStatus, string>> = {
  uk: {
    registered: 'Зареєстровано',
    in_work: 'В роботі',
    on_check: 'На перевірці',
    rework: 'На доопрацюванні',
    closed: 'Закрито',
  },
  en: {
    registered: 'Registered',
    in_work: 'In work',
    on_check: 'On check',
    rework: 'Rework',
    closed: 'Closed',
  },
};
