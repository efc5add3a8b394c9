/**
 * The period and the filters every report takes (`reportQuery`): from, to, district, main
 * executor, kind, question type and channel. The standard reports and the constructor share them,
 * so switching between the two keeps what was chosen.
 */
import { NativeSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPEAL_KINDS,
  CHANNELS,
  type AppealKind,
  type Channel,
} from '../../../../domain/vocabulary.js';
import {
  classifierQuery,
  executorsQuery,
  registryDistrictsQuery,
} from '../../../shared/api/queries.js';
import { questionTypeGroups } from '../../../shared/i18n/locale.js';
import type { ReportFilters } from '../api/reports.js';

const numberOr = (value: string | null) => (value ? Number(value) : undefined);

export function ReportFiltersFields({
  filters,
  onChange,
  before,
  markMissing = false,
}: {
  filters: ReportFilters;
  onChange: (filters: ReportFilters) => void;
  /** Mark an empty «from» or «to» as required (after a «Build» that found one empty). */
  markMissing?: boolean;
  /** Fields placed before the period (the report's choice, the official periods). */
  before?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const classifier = useQuery(classifierQuery);
  const executors = useQuery(executorsQuery);
  const districts = useQuery(registryDistrictsQuery);
  const set = (change: Partial<ReportFilters>) => onChange({ ...filters, ...change });
  const any = { value: '', label: t('reports.filters.any') };
  return (
    <SimpleGrid
      component="fieldset"
      aria-label={t('reports.filters.legend')}
      cols={{ base: 1, xs: 2, md: 4 }}
      spacing="sm"
      verticalSpacing="sm"
      style={{ border: 0, padding: 0, margin: 0 }}
    >
      {before}
      <TextInput
        type="date"
        label={t('reports.from')}
        value={filters.from}
        error={markMissing && !filters.from ? t('validation.required') : undefined}
        onChange={(e) => set({ from: e.currentTarget.value })}
      />
      <TextInput
        type="date"
        label={t('reports.to')}
        value={filters.to}
        error={markMissing && !filters.to ? t('validation.required') : undefined}
        onChange={(e) => set({ to: e.currentTarget.value })}
      />
      <NativeSelect
        label={t('reports.filters.district')}
        value={filters.districtId === undefined ? '' : String(filters.districtId)}
        onChange={(e) => set({ districtId: numberOr(e.currentTarget.value) })}
        data={[any, ...(districts.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
      />
      <Select
        label={t('reports.filters.executor')}
        placeholder={t('reports.filters.any')}
        searchable
        clearable
        data={(executors.data ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
        value={filters.executorId === undefined ? null : String(filters.executorId)}
        onChange={(value) => set({ executorId: numberOr(value) })}
        nothingFoundMessage={t('common.nothing')}
        comboboxProps={{ withinPortal: false }}
      />
      <NativeSelect
        label={t('reports.filters.kind')}
        value={filters.kind ?? ''}
        onChange={(e) =>
          set({ kind: (e.currentTarget.value || undefined) as AppealKind | undefined })
        }
        data={[any, ...APPEAL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))]}
      />
      <Select
        label={t('reports.filters.questionType')}
        placeholder={t('reports.filters.any')}
        searchable
        clearable
        data={questionTypeGroups(classifier.data, i18n.language)}
        value={filters.questionTypeId === undefined ? null : String(filters.questionTypeId)}
        onChange={(value) => set({ questionTypeId: numberOr(value) })}
        nothingFoundMessage={t('common.nothing')}
        comboboxProps={{ withinPortal: false }}
      />
      <NativeSelect
        label={t('reports.filters.channel')}
        value={filters.channel ?? ''}
        onChange={(e) =>
          set({ channel: (e.currentTarget.value || undefined) as Channel | undefined })
        }
        data={[any, ...CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))]}
      />
    </SimpleGrid>
  );
}
