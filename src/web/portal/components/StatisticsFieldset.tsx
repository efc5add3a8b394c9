/**
 * The submission form's optional block for the state statistics of appeals: the author's sex,
 * category (I.7) and social status (I.8) by the Classifier of Cabinet of Ministers resolution
 * No. 858 (issue 17, item 3). Every field may stay "not stated"; nothing here blocks sending.
 */
import { Fieldset, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  AUTHOR_CATEGORIES,
  AUTHOR_SEXES,
  SOCIAL_STATUSES,
  classifierOptions,
} from '../../../domain/classifier-858.js';
import type { Draft, FieldError, SetDraftField } from '../lib/submission-draft.js';

interface Props {
  draft: Draft;
  set: SetDraftField;
  err: FieldError;
}

export function StatisticsFieldset({ draft, set, err }: Props) {
  const { t, i18n } = useTranslation();
  const none = { value: '', label: t('portal.submit.notStated') };
  const fields = [
    ['authorSex', AUTHOR_SEXES, 'portal.submit.authorSex'],
    ['authorCategory', AUTHOR_CATEGORIES, 'portal.submit.authorCategory'],
    ['authorSocialStatus', SOCIAL_STATUSES, 'portal.submit.authorSocialStatus'],
  ] as const;
  return (
    <Fieldset legend={t('portal.submit.statistics')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('portal.submit.statisticsHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {fields.map(([key, items, label]) => (
            <NativeSelect
              key={key}
              data-field={key}
              label={t(label)}
              data={[none, ...classifierOptions(items, i18n.language)]}
              value={draft[key]}
              onChange={(e) => set(key, e.currentTarget.value)}
              error={err(key)}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
