/**
 * The author's sex, category and social status on the intake form, for the statistics by
 * Classifier No. 858 (issue 17, item 3). Optional: "not stated" is a choice, and the report counts it.
 */
import { NativeSelect, SimpleGrid } from '@mantine/core';
import type { UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  AUTHOR_CATEGORIES,
  AUTHOR_SEXES,
  SOCIAL_STATUSES,
  classifierOptions,
} from '../../../../domain/classifier-858.js';
import type { NewCallValues } from '../api/new-call.js';

export function AuthorStatisticsFields({
  register,
  language,
  errors,
}: {
  register: UseFormRegister<NewCallValues>;
  language: string;
  errors: { authorSex?: string; authorCategory?: string; authorSocialStatus?: string };
}) {
  const { t } = useTranslation();
  const none = { value: '', label: t('newCall.notStated') };
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
      <NativeSelect
        {...register('authorSex')}
        label={t('newCall.authorSex')}
        data={[none, ...classifierOptions(AUTHOR_SEXES, language)]}
        error={errors.authorSex}
      />
      <NativeSelect
        {...register('authorCategory')}
        label={t('newCall.authorCategory')}
        data={[none, ...classifierOptions(AUTHOR_CATEGORIES, language)]}
        error={errors.authorCategory}
      />
      <NativeSelect
        {...register('authorSocialStatus')}
        label={t('newCall.authorSocialStatus')}
        data={[none, ...classifierOptions(SOCIAL_STATUSES, language)]}
        error={errors.authorSocialStatus}
      />
    </SimpleGrid>
  );
}
