/**
 * What the constructor built: the chart (when the rows are few enough to read), the table with
 * the same figures and a totals row, the files with their progress, and «Save report…».
 */
import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../../../shared/i18n/locale.js';
import { EChart } from '../../../shared/ui/EChart.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { FileDownloads } from '../../../shared/ui/FileDownloads.js';
import {
  pivotFileUrl,
  pivotQueryOptions,
  type BuiltPivot,
  type PivotLayout,
} from '../api/reports.js';
import { chartOption } from './report-chart.js';
import { ReportTable } from './ReportTable.js';

/** «Executor × Month» (or «Executor») in the page's language. */
export function usePivotLayoutText(): (layout: PivotLayout) => string {
  const { t } = useTranslation();
  return (layout) =>
    [layout.rows, ...(layout.columns ? [layout.columns] : [])]
      .map((d) => t(`reports.pivot.dimensions.${d}`))
      .join(' × ');
}

/** The table's caption: «Звіт: Виконавець × Місяць» in the page's language. */
export function usePivotCaption(): (layout: PivotLayout) => string {
  const { t } = useTranslation();
  return (layout) => {
    const rows = t(`reports.pivot.dimensions.${layout.rows}`);
    return layout.columns
      ? t('reports.pivot.captionRowsColumns', {
          rows,
          columns: t(`reports.pivot.dimensions.${layout.columns}`),
        })
      : t('reports.pivot.captionRows', { rows });
  };
}

export function PivotResult({ built, onSave }: { built: BuiltPivot; onSave: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const pivot = useQuery(pivotQueryOptions(built.layout, built.filters, lang));
  const data = pivot.data;
  // The chart plots the rows, not their total (the table's last row).
  const option = useMemo(
    () => (data ? chartOption({ ...data, rows: data.rows.slice(0, -1) }, lang) : null),
    [data, lang],
  );
  const caption = usePivotCaption()(built.layout);
  const { layout, filters } = built;
  return (
    <Stack>
      <Group justify="space-between" align="start">
        {/* The files and the save follow the table: none while the server refuses the layout. */}
        <FileDownloads
          baseName={`report-pivot-${filters.from}-${filters.to}`}
          urlOf={(format) => pivotFileUrl(layout, filters, lang, format)}
          disabled={pivot.isError}
        />
        <Button variant="light" onClick={onSave} disabled={pivot.isError}>
          {t('reports.save.open')}
        </Button>
      </Group>
      <ErrorNote error={pivot.error} />
      {pivot.isFetching && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          {t('reports.loading')}
        </Group>
      )}
      {option && !pivot.isError && (
        <EChart option={option} style={{ width: '100%', height: 320 }} />
      )}
      {data && !pivot.isError && (
        <ReportTable view={data} caption={caption} lastRowIsTotal={data.rows.length > 0} />
      )}
      {data && data.rows.length <= 1 && <Text>{t('reports.empty')}</Text>}
    </Stack>
  );
}
