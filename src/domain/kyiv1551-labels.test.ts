import { describe, expect, it } from 'vitest';
import {
  KYIV_CHANNEL_LABELS,
  KYIV_STATUS_LABELS,
  kyivChannel,
  kyivStatus,
} from './kyiv1551-labels.js';
import { APPEAL_STATUSES } from './vocabulary.js';

describe('Kyiv 1551 labels', () => {
  it.each([
    ['Зареєстровано', 'registered'],
    ['в роботі', 'in_work'],
    ['  На перевірці ', 'on_check'],
    ['На доопрацюванні', 'rework'],
    ['Закрито', 'closed'],
    ['Видалено', undefined],
  ])('status %s → %s', (label, code) => {
    expect(kyivStatus(label)).toBe(code);
  });

  it.each([
    ['Дзвінок в 1551', 'phone'],
    ['Сайт/моб. додаток', 'portal'],
    ['УГЛ', 'government_hotline'],
    ['Телеефір', 'tv'],
    ['e-mail', 'email'],
    ['Жестова мова', 'sign_language'],
    ['Голуб', undefined],
  ])('channel %s → %s', (label, code) => {
    expect(kyivChannel(label)).toBe(code);
  });

  it('reads back every status it writes', () => {
    for (const status of APPEAL_STATUSES)
      expect(kyivStatus(KYIV_STATUS_LABELS[status])).toBe(status);
  });

  it('reads back every channel it writes, the portal for the app and Open311', () => {
    for (const [channel, label] of Object.entries(KYIV_CHANNEL_LABELS)) {
      const read = kyivChannel(label);
      expect(read).toBe(['mobile_app', 'open311'].includes(channel) ? 'portal' : channel);
    }
  });
});
