/**
 * The intake form's caller section: the phone (Enter looks it up), the applicants on record with
 * it, then the one chosen (with their earlier appeals) or a new caller's fields, the author's
 * statistics and confidentiality. An anonymous appeal has no caller's details.
 */
import { Alert, Checkbox, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { NewCallValues } from '../api/new-call.js';
import { ApplicantMatches, EarlierAppeals } from './ApplicantMatches.js';
import { AuthorStatisticsFields } from './AuthorStatisticsFields.js';
import { NewCallerFields } from './NewCallerFields.js';
import type { CallerLookup } from './useCallerLookup.js';

interface Props {
  form: UseFormReturn<NewCallValues>;
  lookup: CallerLookup;
  subject: NewCallValues['subject'];
}

export function CallerSection({ form, lookup, subject }: Props) {
  const { t, i18n } = useTranslation();
  const { register, formState } = form;
  const errors = formState.errors;
  const fieldError = (message: string | undefined) => (message ? t(message) : undefined);
  const { matches, chosen } = lookup;
  const { ref: phoneFieldRef, ...phoneField } = register('phone');

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="caller-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="caller-heading">
          {t('newCall.caller')}
        </Title>
        <TextInput
          {...phoneField}
          ref={(el) => {
            phoneFieldRef(el);
            lookup.phoneRef.current = el;
          }}
          type="tel"
          label={t('newCall.phone')}
          description={t('newCall.phoneHint')}
          autoFocus
          autoComplete="off"
          inputMode="tel"
          error={fieldError(errors.phone?.message)}
        />
        <ApplicantMatches
          matches={lookup.found}
          loading={matches.isFetching && !matches.data}
          error={matches.error}
          selectedId={lookup.applicantId}
          onSelect={lookup.selectApplicant}
        />
        {subject === 'anonymous' ? (
          <Alert color="gray" variant="light">
            {t('newCall.anonymousNote')}
          </Alert>
        ) : chosen ? (
          <Stack gap="sm" data-testid="chosen-applicant">
            <div>
              <Text fw={600}>{chosen.fullName}</Text>
              <Text size="sm" c="dimmed">
                {[chosen.address, chosen.email, chosen.phones.join(', ')]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {chosen.privilegedCategory ? (
                <Text size="sm" c="red.9" fw={500}>
                  {t('newCall.privilegedNote', { category: chosen.privilegedCategory })}
                </Text>
              ) : null}
            </div>
            <EarlierAppeals applicantId={chosen.id} />
          </Stack>
        ) : (
          <NewCallerFields form={form} boxRef={lookup.newCallerRef} />
        )}
        {subject === 'anonymous' ? null : (
          <AuthorStatisticsFields
            register={register}
            language={i18n.language}
            errors={{
              authorSex: fieldError(errors.authorSex?.message),
              authorCategory: fieldError(errors.authorCategory?.message),
              authorSocialStatus: fieldError(errors.authorSocialStatus?.message),
            }}
          />
        )}
        <Checkbox
          {...register('confidential')}
          label={t('newCall.confidential')}
          description={t('newCall.confidentialHint')}
        />
      </Stack>
    </Paper>
  );
}
