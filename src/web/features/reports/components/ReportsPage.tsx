/**
 * The reports screen (issue 17), three tabs over one period and one set of filters: the standard
 * reports, the report builder (rows × columns of dimensions, measures in the cells) and the saved
 * reports (mine and shared with me). Either kind of report is saved from its tab; a saved one
 * opens back into its tab with its period resolved for today, and runs.
 */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  SavedReportDefinition,
  SavedReportView,
} from '../../../../contract/report-constructor.schemas.js';
import { resolvePeriod } from '../../../../domain/report-periods.js';
import type { ReportKey } from '../../../../domain/reports.js';
import { cityToday } from '../../../shared/lib/format.js';
import type { BuiltPivot, PivotLayout, ReportFilters } from '../api/reports.js';
import { PivotBuilder } from './PivotBuilder.js';
import { SavedReports } from './SavedReports.js';
import { SaveReportModal } from './SaveReportModal.js';
import { StandardReport } from './StandardReport.js';

type Tab = 'standard' | 'pivot' | 'saved';

const firstOfMonth = () => `${cityToday().slice(0, 8)}01`;

/** The filters a saved definition keeps (only those set). */
function filtersOf(filters: ReportFilters): SavedReportDefinition['filters'] {
  const kept: SavedReportDefinition['filters'] = {};
  if (filters.districtId !== undefined) kept.districtId = filters.districtId;
  if (filters.executorId !== undefined) kept.executorId = filters.executorId;
  if (filters.kind !== undefined) kept.kind = filters.kind;
  if (filters.questionTypeId !== undefined) kept.questionTypeId = filters.questionTypeId;
  if (filters.channel !== undefined) kept.channel = filters.channel;
  return kept;
}

export function ReportsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('standard');
  const [filters, setFilters] = useState<ReportFilters>({ from: firstOfMonth(), to: cityToday() });
  const [key, setKey] = useState<ReportKey>('executors');
  const [layout, setLayout] = useState<PivotLayout>({ rows: 'executor', measures: ['count'] });
  const [built, setBuilt] = useState<BuiltPivot | null>(null);
  // The save dialog: what it saves and, when editing, the saved report.
  const [saving, setSaving] = useState<{
    definition: SavedReportDefinition;
    existing: SavedReportView | null;
  } | null>(null);
  // The last thing done to a saved report (saved or deleted): one notice, the newest.
  const [notice, setNotice] = useState<{ key: string; name: string } | null>(null);

  const current = (): SavedReportDefinition => {
    const base = { period: 'fixed' as const, from: filters.from, to: filters.to };
    const kept = filtersOf(built && tab === 'pivot' ? built.filters : filters);
    if (tab === 'pivot' && built)
      return {
        type: 'pivot',
        ...built.layout,
        ...base,
        from: built.filters.from,
        to: built.filters.to,
        filters: kept,
      };
    return { type: 'standard', key, ...base, filters: kept };
  };

  const open = (saved: SavedReportView) => {
    const d = saved.definition;
    const days = resolvePeriod(d.period, cityToday(), d) ?? { from: filters.from, to: filters.to };
    const opened: ReportFilters = { ...days, ...d.filters };
    setFilters(opened);
    if (d.type === 'standard') {
      setKey(d.key);
      setTab('standard');
    } else {
      const pivot: PivotLayout = { rows: d.rows, columns: d.columns, measures: d.measures };
      setLayout(pivot);
      setBuilt({ layout: pivot, filters: opened });
      setTab('pivot');
    }
  };

  return (
    <Stack>
      <Title order={1}>{t('reports.title')}</Title>
      <Text size="sm" role="status">
        {notice ? t(notice.key, { name: notice.name }) : ''}
      </Text>
      <Tabs
        value={tab}
        onChange={(v) => setTab((v as Tab | null) ?? 'standard')}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="standard">{t('reports.tabs.standard')}</Tabs.Tab>
          <Tabs.Tab value="pivot">{t('reports.tabs.pivot')}</Tabs.Tab>
          <Tabs.Tab value="saved">{t('reports.tabs.saved')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="standard">
          <StandardReport
            reportKey={key}
            onKeyChange={setKey}
            filters={filters}
            onFiltersChange={setFilters}
            onSave={() => setSaving({ definition: current(), existing: null })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="pivot">
          <PivotBuilder
            filters={filters}
            onFiltersChange={setFilters}
            layout={layout}
            onLayoutChange={setLayout}
            built={built}
            onBuild={setBuilt}
            onSave={() => setSaving({ definition: current(), existing: null })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="saved">
          <SavedReports
            onOpen={open}
            onEdit={(s) => setSaving({ definition: s.definition, existing: s })}
            onDeleted={(name) => setNotice({ key: 'reports.saved.deleted', name })}
          />
        </Tabs.Panel>
      </Tabs>
      {saving ? (
        <SaveReportModal
          definition={saving.definition}
          existing={saving.existing}
          onClose={() => setSaving(null)}
          onSaved={(s) => {
            setSaving(null);
            setNotice({ key: 'reports.save.saved', name: s.name });
          }}
        />
      ) : null}
    </Stack>
  );
}
