/**
 * Standard reports (issue 17): choose a report and a period, see it as a chart and as a table with
 * the same figures (the table is what a screen reader reads), download it as XLSX, CSV or PDF.
 */
import { Anchor, Group, Loader, NativeSelect, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_KEYS, type ReportKey } from '../../../../domain/reports.js';
import type { ReportView } from '../../../../contract/reports.schemas.js';
import { api, API_BASE, withQuery } from '../../../shared/api/client.js';
import { EChart } from '../../../shared/ui/EChart.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';

const firstOfMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`;
};
const today = () => new Date().toLocaleDateString('sv-SE');

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

/** A chart of more rows than this would be unreadable; the table carries the figures. */
const MAX_CHART_ROWS = 40;

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'uk';
  const [key, setKey] = useState<ReportKey>('executors');
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(today());
  const params = { from, to, lang };
  const periods = useMemo(officialPeriods, []);
  const report = useQuery({
    queryKey: ['report', key, from, to, lang],
    queryFn: ({ signal }) => api.get<ReportView>(`/reports/${key}`, params, signal),
    enabled: Boolean(from && to),
  });
  const data = report.data;
  const option = useMemo(() => {
    if (!data) return null;
    const header = (k: string) => data.columns.find((c) => c.key === k)?.[lang] ?? k;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, bottom: 80, top: 36 },
      xAxis: {
        type: 'category',
        data: data.rows.map((r) => String(r[data.chart.category] ?? '')),
        axisLabel: { rotate: 30, width: 120, overflow: 'truncate' },
      },
      yAxis: { type: 'value' },
      series: data.chart.series.map((s) => ({
        name: header(s),
        type: data.chart.kind,
        data: data.rows.map((r) => r[s] ?? 0),
      })),
    };
  }, [data, lang]);
  const file = (format: string) => withQuery(`${API_BASE}/reports/${key}`, { ...params, format });
  return (
    <Stack>
      <Title order={1}>{t('reports.title')}</Title>
      <Group align="end" wrap="wrap">
        <NativeSelect
          label={t('reports.report')}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value as ReportKey)}
          data={REPORT_KEYS.map((k) => ({ value: k, label: t(`reports.keys.${k}`) }))}
        />
        {key === 'classifier-858' ? (
          <NativeSelect
            label={t('reports.officialPeriod')}
            value={periods.find((p) => p.from === from && p.to === to)?.value ?? ''}
            onChange={(e) => {
              const p = periods.find((x) => x.value === e.currentTarget.value);
              if (p) {
                setFrom(p.from);
                setTo(p.to);
              }
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
        <TextInput
          type="date"
          label={t('reports.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <Group gap="md">
        <Anchor href={file('xlsx')}>{t('reports.download', { format: 'XLSX' })}</Anchor>
        <Anchor href={file('csv')}>{t('reports.download', { format: 'CSV' })}</Anchor>
        <Anchor href={file('pdf')}>{t('reports.download', { format: 'PDF' })}</Anchor>
      </Group>
      <ErrorNote error={report.error} />
      {report.isFetching && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          {t('reports.loading')}
        </Group>
      )}
      {data && option && data.rows.length > 0 && data.rows.length <= MAX_CHART_ROWS && (
        <EChart option={option} style={{ width: '100%', height: 320 }} />
      )}
      {data && (
        <Table.ScrollContainer minWidth={500}>
          <Table striped>
            <Table.Caption>{t(`reports.keys.${key}`)}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {data.columns.map((c) => (
                  <Table.Th key={c.key} scope="col">
                    {c[lang]}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r, i) => (
                <Table.Tr key={i}>
                  {data.columns.map((c) => (
                    <Table.Td
                      key={c.key}
                      style={{ textAlign: c.type === 'text' ? 'left' : 'right' }}
                    >
                      {r[c.key] === null
                        ? '—'
                        : typeof r[c.key] === 'number'
                          ? (r[c.key] as number).toLocaleString(lang === 'uk' ? 'uk-UA' : 'en-GB')
                          : String(r[c.key])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data && data.rows.length === 0 && <p>{t('reports.empty')}</p>}
    </Stack>
  );
}
