/**
 * A standard report (issue 17): the report's choice, its period (the official quarters and
 * half-years for the Classifier No. 858 statistics) and filters; the chart and the table with the
 * same figures; the files, downloaded with their progress; and «Save report…».
 */
import { Button, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_KEYS, type ReportKey } from '../../../../domain/reports.js';
import { languageOf } from '../../../shared/i18n/locale.js';
import { EChart } from '../../../shared/ui/EChart.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { FileDownloads } from '../../../shared/ui/FileDownloads.js';
import { reportFileUrl, reportQueryOptions, type ReportFilters } from '../api/reports.js';
import { chartOption } from './report-chart.js';
import { ReportFiltersFields } from './ReportFiltersFields.js';
import { ReportTable } from './ReportTable.js';

/** The reporting periods of Resolution No. 858 (p. 3: quarterly; half-years): this year's and last year's. */
function officialPeriods(): {
  value: string;
  from: string;
  to: string;
  part: string;
  year: number;
}[] {
  const year = new Date().getFullYear();
  const parts: [string, string, string][] = [
    ['q1', '01-01', '03-31'],
    ['q2', '04-01', '06-30'],
    ['q3', '07-01', '09-30'],
    ['q4', '10-01', '12-31'],
    ['h1', '01-01', '06-30'],
    ['h2', '07-01', '12-31'],
  ];
  return [year, year - 1].flatMap((y) =>
    parts.map(([part, from, to]) => ({
      value: `${y}-${part}`,
      from: `${y}-${from}`,
      to: `${y}-${to}`,
      part,
      year: y,
    })),
  );
}

export function StandardReport({
  reportKey,
  onKeyChange,
  filters,
  onFiltersChange,
  onSave,
}: {
  reportKey: ReportKey;
  onKeyChange: (key: ReportKey) => void;
  filters: ReportFilters;
  onFiltersChange: (filters: ReportFilters) => void;
  onSave: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const periods = useMemo(officialPeriods, []);
  const report = useQuery(reportQueryOptions(reportKey, filters, lang));
  const data = report.data;
  const option = useMemo(() => (data ? chartOption(data, lang) : null), [data, lang]);
  const caption = t(`reports.keys.${reportKey}`);
  return (
    <Stack>
      <ReportFiltersFields
        filters={filters}
        onChange={onFiltersChange}
        before={
          <>
            <NativeSelect
              label={t('reports.report')}
              value={reportKey}
              onChange={(e) => onKeyChange(e.currentTarget.value as ReportKey)}
              data={REPORT_KEYS.map((k) => ({ value: k, label: t(`reports.keys.${k}`) }))}
            />
            {reportKey === 'classifier-858' ? (
              <NativeSelect
                label={t('reports.officialPeriod')}
                value={
                  periods.find((p) => p.from === filters.from && p.to === filters.to)?.value ?? ''
                }
                onChange={(e) => {
                  const p = periods.find((x) => x.value === e.currentTarget.value);
                  if (p) onFiltersChange({ ...filters, from: p.from, to: p.to });
                }}
                data={[
                  { value: '', label: t('reports.customPeriod') },
                  ...periods.map((p) => ({
                    value: p.value,
                    label: t(`reports.parts.${p.part}`, { year: p.year }),
                  })),
                ]}
              />
            ) : null}
          </>
        }
      />
      <Group justify="space-between" align="start">
        <FileDownloads
          baseName={`report-${reportKey}-${filters.from}-${filters.to}`}
          urlOf={(format) => reportFileUrl(reportKey, filters, lang, format)}
          disabled={!filters.from || !filters.to}
        />
        <Button variant="light" onClick={onSave}>
          {t('reports.save.open')}
        </Button>
      </Group>
      <ErrorNote error={report.error} />
      {report.isFetching && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          {t('reports.loading')}
        </Group>
      )}
      {option && <EChart option={option} style={{ width: '100%', height: 320 }} />}
      {data && <ReportTable view={data} caption={caption} />}
      {data && data.rows.length === 0 && <Text>{t('reports.empty')}</Text>}
    </Stack>
  );
}
