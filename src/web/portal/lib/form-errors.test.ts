import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { submissionInputSchema } from '../../../domain/portal-forms.js';
import uk from '../../shared/i18n/uk.json' with { type: 'json' };
import { fieldErrors } from './form-errors.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { uk: { translation: uk } }, lng: 'uk' });
});

const valid = {
  questionTypeId: 7,
  description: 'Не працює ліфт у під’їзді',
  address: 'вул. Вигадана, 7',
  applicant: { name: 'Вигадана Особа', email: 'person@example.org' },
  consent: true,
};

function errorsOf(input: unknown) {
  const parsed = submissionInputSchema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error, i18n.t.bind(i18n));
}

describe('the portal form’s messages, per field, in Ukrainian', () => {
  it('accepts a valid form', () => {
    expect(errorsOf(valid)).toEqual({});
  });

  it('shows every problem at once, even with the topic missing', () => {
    const errors = errorsOf({ ...valid, questionTypeId: undefined, consent: false, address: '' });
    expect(Object.keys(errors).sort()).toEqual(['address', 'consent', 'questionTypeId']);
  });

  it.each([
    [{ email: 'not-an-email' }, 'applicant.email', 'Це не схоже на адресу e-mail'],
    [{ email: null, phone: null }, 'applicant.email', 'Вкажіть e-mail або телефон'],
    [{ email: null, phone: '(((-----)))' }, 'applicant.phone', 'щонайменше 5 цифр'],
    [{ email: null, phone: 'дзвоніть' }, 'applicant.phone', 'лише цифри'],
    [{ name: '' }, 'applicant.name', 'Вкажіть прізвище та ім’я'],
  ])('applicant %j → %s: %s', (applicant, path, text) => {
    const errors = errorsOf({ ...valid, applicant: { ...valid.applicant, ...applicant } });
    expect(errors[path]).toContain(text);
  });
});
