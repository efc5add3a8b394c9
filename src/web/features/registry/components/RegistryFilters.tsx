import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultSortOf } from '../../../../domain/queues.js';
import { APPEAL_STATUSES, CHANNELS } from '../../../../domain/vocabulary.js';
import {
  classifierQuery,
  executorsQuery,
  queuesQuery,
  registryDistrictsQuery,
} from '../../../shared/api/queries.js';
import { DayInput } from '../../../shared/ui/DayInput.js';
import { SORTS, type UrlFilterKey, type UrlFilters } from '../api/registry-filters.js';
import { questionTypeGroups } from '../../../shared/i18n/locale.js';
import { PlaceFilter } from './PlaceFilter.js';

/**
 * The registry's filters; every change goes to the URL at once (free text on Enter). The address
 * registry's district, street and building (issue 15) when the registry has districts.
 */
export function RegistryFilters({
  filters,
  onChange,
  onChangeMany,
  onReset,
}: {
  filters: UrlFilters;
  onChange: (key: UrlFilterKey, value: string | null) => void;
  /** Several keys at once (a street or a building and its label). */
  onChangeMany: (changes: Partial<Record<UrlFilterKey, string | null>>) => void;
  onReset: () => void;
}) {
  const { t, i18n } = useTranslation();
  const classifier = useQuery(classifierQuery);
  const executors = useQuery(executorsQuery);
  const queues = useQuery(queuesQuery);
  const districts = useQuery(registryDistrictsQuery);
  const hasRegistry = (districts.data?.length ?? 0) > 0;
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);

  const questionTypes = questionTypeGroups(classifier.data, i18n.language);
  const executorOptions = (executors.data ?? []).map((e) => ({
    value: String(e.id),
    label: e.name,
  }));
  const any = { value: '', label: t('registry.any') };
  const queueKeys = queues.data?.queues.map((q) => q.key) ?? [];
  if (filters.queue && !queueKeys.some((k) => k === filters.queue)) {
    queueKeys.push(filters.queue as (typeof queueKeys)[number]);
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('registry.filters')}>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          onChange('q', text.trim() || null);
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
          <TextInput
            label={t('registry.search')}
            placeholder={t('registry.searchHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onBlur={() => {
              if ((filters.q ?? '') !== text.trim()) onChange('q', text.trim() || null);
            }}
            type="search"
          />
          <NativeSelect
            label={t('registry.queue')}
            value={filters.queue ?? ''}
            onChange={(e) => onChange('queue', e.currentTarget.value || null)}
            data={[any, ...queueKeys.map((k) => ({ value: k, label: t(`queue.${k}`) }))]}
          />
          <NativeSelect
            label={t('appeal.status')}
            value={filters.status ?? ''}
            onChange={(e) => onChange('status', e.currentTarget.value || null)}
            data={[any, ...APPEAL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <NativeSelect
            label={t('appeal.channel')}
            value={filters.channel ?? ''}
            onChange={(e) => onChange('channel', e.currentTarget.value || null)}
            data={[any, ...CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))]}
          />
          <Select
            label={t('appeal.questionType')}
            placeholder={t('registry.any')}
            searchable
            clearable
            data={questionTypes}
            value={filters.questionTypeId ?? null}
            onChange={(value) => onChange('questionTypeId', value)}
            nothingFoundMessage={t('common.nothing')}
            comboboxProps={{ withinPortal: false }}
          />
          <Select
            label={t('appeal.executor')}
            placeholder={t('registry.any')}
            searchable
            clearable
            data={executorOptions}
            value={filters.executorId ?? null}
            onChange={(value) => onChange('executorId', value)}
            nothingFoundMessage={t('common.nothing')}
            comboboxProps={{ withinPortal: false }}
          />
          {hasRegistry && (
            <NativeSelect
              label={t('registry.district')}
              value={filters.districtId ?? ''}
              onChange={(e) => onChange('districtId', e.currentTarget.value || null)}
              data={[
                any,
                ...(districts.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
              ]}
            />
          )}
          {hasRegistry && <PlaceFilter filters={filters} onChange={onChangeMany} />}
          <DayInput
            label={t('registry.from')}
            value={filters.from ?? ''}
            onChange={(day) => onChange('from', day || null)}
          />
          <DayInput
            label={t('registry.to')}
            value={filters.to ?? ''}
            onChange={(day) => onChange('to', day || null)}
          />
        </SimpleGrid>
        <Group justify="space-between" mt="md" gap="sm">
          <Group gap="lg">
            <Checkbox
              label={t('registry.overdueOnly')}
              // The overdue queue holds only overdue appeals: the box says so and stays ticked.
              checked={filters.overdue === 'true' || filters.queue === 'overdue'}
              disabled={filters.queue === 'overdue'}
              onChange={(e) => onChange('overdue', e.currentTarget.checked ? 'true' : null)}
            />
            <NativeSelect
              aria-label={t('registry.sort')}
              value={filters.sort ?? defaultSortOf(filters.queue)}
              onChange={(e) =>
                onChange(
                  'sort',
                  e.currentTarget.value === defaultSortOf(filters.queue)
                    ? null
                    : e.currentTarget.value,
                )
              }
              data={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
            />
          </Group>
          <Group gap="sm">
            <Button variant="subtle" type="button" onClick={onReset}>
              {t('registry.reset')}
            </Button>
            <Button type="submit">{t('registry.apply')}</Button>
          </Group>
        </Group>
      </form>
    </Paper>
  );
}
