/**
 * The submission form's "who" (Art. 5: an appeal names its author): name, e-mail, phone, home
 * address, and whether their personal data is kept undisclosed (Art. 18).
 */
import { Checkbox, Fieldset, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Draft, FieldError, SetDraftField } from '../lib/submission-draft.js';

interface Props {
  draft: Draft;
  set: SetDraftField;
  err: FieldError;
}

export function ApplicantFieldset({ draft, set, err }: Props) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('portal.submit.who')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('portal.submit.whoHint')}
        </Text>
        <TextInput
          data-field="applicant.name"
          label={t('portal.submit.name')}
          required
          autoComplete="name"
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={err('applicant.name')}
        />
        <TextInput
          data-field="applicant.email"
          type="email"
          label={t('portal.submit.email')}
          description={t('portal.submit.emailHint')}
          autoComplete="email"
          value={draft.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={err('applicant.email')}
        />
        <TextInput
          data-field="applicant.phone"
          type="tel"
          label={t('portal.submit.phone')}
          autoComplete="tel"
          value={draft.phone}
          onChange={(e) => set('phone', e.currentTarget.value)}
          error={err('applicant.phone')}
        />
        <TextInput
          data-field="applicant.address"
          label={t('portal.submit.residence')}
          description={t('portal.submit.residenceHint')}
          autoComplete="street-address"
          value={draft.residence}
          onChange={(e) => set('residence', e.currentTarget.value)}
          error={err('applicant.address')}
        />
        <Checkbox
          label={t('portal.submit.confidential')}
          description={t('portal.submit.confidentialHint')}
          checked={draft.confidential}
          onChange={(e) => set('confidential', e.currentTarget.checked)}
        />
      </Stack>
    </Fieldset>
  );
}
