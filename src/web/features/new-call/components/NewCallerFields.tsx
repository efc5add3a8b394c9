/**
 * A caller not on record (or not chosen): name, home address (which also fills an empty appeal
 * address), e-mail and privileged category — the category's options in the operator's language,
 * its value the Ukrainian name the register keeps.
 */
import { NativeSelect, Stack, TextInput } from '@mantine/core';
import i18next from 'i18next';
import type { Ref } from 'react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PRIVILEGED_CATEGORIES, type NewCallValues } from '../api/new-call.js';
import { AddressInput } from './AddressInput.js';

interface Props {
  form: UseFormReturn<NewCallValues>;
  /** The fields' box: a late phone look-up does not take the caller away while focus is in it. */
  boxRef: Ref<HTMLDivElement>;
}

export function NewCallerFields({ form, boxRef }: Props) {
  const { t } = useTranslation();
  const { register, control, setValue, getValues, watch, formState } = form;
  const errors = formState.errors;
  const fieldError = (message: string | undefined) => (message ? t(message) : undefined);

  const privilegedCategory = watch('privilegedCategory');
  const ukLabel = i18next.getFixedT('uk');
  const categoryOptions = [
    { value: '', label: t('newCall.noCategory') },
    ...PRIVILEGED_CATEGORIES.map((code) => ({
      value: ukLabel(`privileged.${code}`),
      label: t(`privileged.${code}`),
    })),
  ];
  if (privilegedCategory && !categoryOptions.some((o) => o.value === privilegedCategory)) {
    categoryOptions.push({ value: privilegedCategory, label: privilegedCategory });
  }

  return (
    <Stack gap="md" ref={boxRef}>
      <TextInput
        {...register('fullName')}
        label={t('newCall.fullName')}
        required
        autoComplete="off"
        error={fieldError(errors.fullName?.message)}
      />
      <Controller
        control={control}
        name="applicantAddress"
        render={({ field }) => (
          <AddressInput
            label={t('newCall.applicantAddress')}
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={() => {
              field.onBlur();
              if (getValues('address') === '' && field.value.trim() !== '') {
                setValue('address', field.value.trim());
              }
            }}
            error={fieldError(errors.applicantAddress?.message)}
          />
        )}
      />
      <TextInput
        {...register('email')}
        type="email"
        label={t('newCall.email')}
        autoComplete="off"
        error={fieldError(errors.email?.message)}
      />
      <NativeSelect
        {...register('privilegedCategory')}
        label={t('newCall.privilegedCategory')}
        description={t('newCall.privilegedHint')}
        data={categoryOptions}
        error={fieldError(errors.privilegedCategory?.message)}
      />
    </Stack>
  );
}
