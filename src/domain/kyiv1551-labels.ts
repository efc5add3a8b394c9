/**
 * Kyiv 1551's words for our statuses and channels, in one map read both ways: the importer and the
 * load generator read Kyiv's labels into our codes (`kyivStatus`, `kyivChannel`, compared by
 * `matchKey`, so case, spaces and apostrophes do not matter); open data writes our codes back as
 * Kyiv's labels (`KYIV_STATUS_LABELS`, `KYIV_CHANNEL_LABELS`).
 */
import { matchKey } from './text.js';
import type { AppealStatus, Channel } from './vocabulary.js';

export const KYIV_STATUS_LABELS: Record<AppealStatus, string> = {
  registered: 'Зареєстровано',
  in_work: 'В роботі',
  on_check: 'На перевірці',
  rework: 'На доопрацюванні',
  closed: 'Закрито',
};

/** The channels Kyiv names; the portal's label also covers our mobile app and Open311. */
export const KYIV_CHANNEL_LABELS: Partial<Record<Channel, string>> = {
  phone: 'Дзвінок в 1551',
  portal: 'Сайт/моб. додаток',
  mobile_app: 'Сайт/моб. додаток',
  open311: 'Сайт/моб. додаток',
  government_hotline: 'УГЛ',
  tv: 'Телеефір',
  email: 'E-mail',
  sign_language: 'Жестова мова',
};

/** Label → code; where two codes share a label, the first listed (e.g. `portal`) wins. */
function inverse<T extends string>(labels: Partial<Record<T, string>>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    const key = matchKey(label);
    if (!map.has(key)) map.set(key, code);
  }
  return map;
}

const STATUS_BY_LABEL = inverse(KYIV_STATUS_LABELS);
const CHANNEL_BY_LABEL = inverse(KYIV_CHANNEL_LABELS);

/** Our status for a Kyiv status label, or undefined when Kyiv's word is not one of ours. */
export function kyivStatus(label: string): AppealStatus | undefined {
  return STATUS_BY_LABEL.get(matchKey(label));
}

/** Our channel for a Kyiv channel (`accrualMethod`) label, or undefined when unknown. */
export function kyivChannel(label: string): Channel | undefined {
  return CHANNEL_BY_LABEL.get(matchKey(label));
}
