import {
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../../shared/lib/format.js';
import { ErrorNote } from '../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../shared/ui/TableScroll.js';
import { statisticsQuery, type StatisticsView } from '../api.js';
import { EChart, type ChartOption } from '../../shared/ui/EChart.js';
import { localName } from '../../shared/i18n/locale.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const TOP = 15;

/**
 * Appeals by month, by status and by question type (the 15 largest) over a range of months, as
 * charts and as tables with the same figures. The range lives in the URL.
 */
export function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = MONTH.test(params.get('from') ?? '') ? (params.get('from') ?? undefined) : undefined;
  const to = MONTH.test(params.get('to') ?? '') ? (params.get('to') ?? undefined) : undefined;
  const [draft, setDraft] = useState({ from: from ?? '', to: to ?? '' });
  const stats = useQuery(statisticsQuery(from, to));

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (MONTH.test(draft.from)) next.set('from', draft.from);
    if (MONTH.test(draft.to)) next.set('to', draft.to);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('portal.stats.title')}</Title>
        <Text c="dimmed">{t('portal.stats.subtitle')}</Text>
      </div>
      <Paper withBorder p="md" radius="md" component="form" onSubmit={apply}>
        <Group align="end">
          <TextInput
            type="month"
            label={t('portal.stats.from')}
            value={draft.from || stats.data?.from || ''}
            onChange={(e) => setDraft((d) => ({ ...d, from: e.currentTarget.value }))}
          />
          <TextInput
            type="month"
            label={t('portal.stats.to')}
            value={draft.to || stats.data?.to || ''}
            onChange={(e) => setDraft((d) => ({ ...d, to: e.currentTarget.value }))}
          />
          <Button type="submit">{t('portal.stats.show')}</Button>
        </Group>
      </Paper>
      {stats.isError ? <ErrorNote error={stats.error} /> : null}
      {stats.data ? (
        <>
          <Text size="lg" fw={600} data-testid="stats-total">
            {t('portal.stats.total', {
              count: stats.data.total,
              formatted: formatNumber(stats.data.total, i18n.language),
              from: stats.data.from,
              to: stats.data.to,
            })}
          </Text>
          <Charts data={stats.data} />
        </>
      ) : stats.isPending ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : null}
    </Stack>
  );
}

function Charts({ data }: { data: StatisticsView }) {
  const { t, i18n } = useTranslation();
  const typeName = (q: StatisticsView['byQuestionType'][number]) =>
    localName(i18n.language, q.questionType.name, q.questionType.nameEn);
  const top = data.byQuestionType.slice(0, TOP);

  const options = useMemo(() => {
    const grid = { left: 8, right: 16, top: 16, bottom: 8, containLabel: true };
    const byMonth: ChartOption = {
      grid,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.byMonth.map((m) => m.month) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', data: data.byMonth.map((m) => m.count), itemStyle: { color: '#1864ab' } },
      ],
    };
    const byStatus: ChartOption = {
      grid,
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: data.byStatus.map((s) => t(`status.${s.status}`)),
        axisLabel: { interval: 0, width: 80, overflow: 'break' },
      },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', data: data.byStatus.map((s) => s.count), itemStyle: { color: '#5f3dc4' } },
      ],
    };
    const byType: ChartOption = {
      grid: { ...grid, left: 8 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: top.map(typeName),
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: [{ type: 'bar', data: top.map((q) => q.count), itemStyle: { color: '#087f5b' } }],
    };
    return { byMonth, byStatus, byType };
  }, [data, i18n.language]);

  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <section aria-labelledby="by-month">
          <Title order={2} size="h3" id="by-month">
            {t('portal.stats.byMonth')}
          </Title>
          <EChart
            className="stat-chart"
            option={options.byMonth}
            label={t('portal.stats.byMonth')}
          />
          <DataTable
            caption={t('portal.stats.byMonth')}
            head={[t('portal.stats.month'), t('portal.stats.count')]}
            rows={data.byMonth.map((m) => [m.month, n(m.count)])}
          />
        </section>
        <section aria-labelledby="by-status">
          <Title order={2} size="h3" id="by-status">
            {t('portal.stats.byStatus')}
          </Title>
          <EChart
            className="stat-chart"
            option={options.byStatus}
            label={t('portal.stats.byStatus')}
          />
          <DataTable
            caption={t('portal.stats.byStatus')}
            head={[t('appeal.status'), t('portal.stats.count')]}
            rows={data.byStatus.map((s) => [t(`status.${s.status}`), n(s.count)])}
          />
        </section>
      </SimpleGrid>
      <section aria-labelledby="by-type">
        <Title order={2} size="h3" id="by-type">
          {t('portal.stats.byQuestionType', { top: TOP })}
        </Title>
        <EChart
          className="stat-chart"
          option={options.byType}
          label={t('portal.stats.byQuestionType', { top: TOP })}
        />
        <DataTable
          caption={t('portal.stats.byQuestionTypeAll')}
          head={[t('portal.stats.questionType'), t('portal.stats.kind'), t('portal.stats.count')]}
          rows={data.byQuestionType.map((q) => [
            typeName(q),
            localName(i18n.language, q.kind, q.kindEn),
            n(q.count),
          ])}
        />
      </section>
    </Stack>
  );
}

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <TableScroll label={caption} minWidth={head.length > 2 ? 480 : 240}>
      <Table striped withTableBorder mt="sm" captionSide="top">
        <Table.Caption className="visually-hidden">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {head.map((h, i) => (
              <Table.Th key={h} ta={i === head.length - 1 ? 'right' : undefined}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.join('|')}>
              {row.map((cell, i) => (
                <Table.Td key={i} ta={i === row.length - 1 ? 'right' : undefined}>
                  {cell}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
