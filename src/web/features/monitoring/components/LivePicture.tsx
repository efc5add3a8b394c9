import { Anchor, SimpleGrid, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LivePictureView } from '../../../../contract/monitoring.schemas.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { EChart, type ChartOption } from '../../../shared/ui/EChart.js';
import { EmptyRow } from '../../../shared/ui/EmptyRow.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { livePictureQuery } from '../api/monitoring.js';
import { DistrictMap } from './DistrictMap.js';

type Queue = LivePictureView['queues'][number]['key'];

/** Where each queue's figure leads: the registry's list of that queue, or the queue's own page. */
function queueLink(key: Queue): string {
  if (key === 'moderation') return '/submissions';
  if (key === 'callback') return '/callbacks';
  return `/appeals?queue=${key}`;
}

const fixed = (n: number | null) => (n === null ? '—' : n.toFixed(1));

/** Seconds as m:ss (a registration takes minutes, not hours). */
const minutesSeconds = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * The head's live picture (issue 18 item 4; `monitoring.read`) from one call: the question types
 * rising city-wide (a chart and a table with the same figures), the queues, today's map by
 * district (`DistrictMap`), and the operators
 * signed in or registering today. Re-read every 30 seconds; the page's alerts re-read it too.
 */
export function LivePicture() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const picture = useQuery(livePictureQuery);
  const data = picture.data;
  const typeName = (r: LivePictureView['rising'][number]) =>
    (en ? r.questionTypeEn : null) ?? r.questionType;
  const hour = (r: LivePictureView['rising'][number], hours: number) =>
    r.windows.find((w) => w.hours === hours) ?? { hours, observed: 0, expected: null };

  const option = useMemo<ChartOption | null>(() => {
    if (!data || data.rising.length === 0) return null;
    const rows = [...data.rising].reverse();
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map(typeName),
        axisLabel: { width: 160, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('monitoring.picture.observed1h'),
          data: rows.map((r) => hour(r, 1).observed),
        },
        {
          type: 'bar',
          name: t('monitoring.picture.expected1h'),
          data: rows.map((r) => Math.round((hour(r, 1).expected ?? 0) * 10) / 10),
        },
      ],
    };
  }, [data, en, t]);

  return (
    <Stack gap="md" data-testid="live-picture">
      <Title order={2}>{t('monitoring.picture.title')}</Title>
      {data ? (
        <Text size="sm" c="dimmed">
          {t('monitoring.picture.countedAt', { at: formatDateTime(data.countedAt, i18n.language) })}
        </Text>
      ) : null}
      <ErrorNote error={picture.error} />

      <Title order={3}>{t('monitoring.picture.queues')}</Title>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} data-testid="picture-queues">
        {(data?.queues ?? []).map((q) => (
          <Paper key={q.key} withBorder p="sm">
            <Anchor component={Link} to={queueLink(q.key)} underline="hover">
              <Text size="xl" fw={700} component="span" display="block">
                {q.count}
              </Text>
              <Text size="sm" component="span">
                {t(`monitoring.picture.queue.${q.key}`)}
              </Text>
            </Anchor>
          </Paper>
        ))}
      </SimpleGrid>

      <Title order={3}>{t('monitoring.picture.rising')}</Title>
      <Text size="sm">{t('monitoring.picture.risingHelp')}</Text>
      {option ? <EChart option={option} style={{ width: '100%', height: 260 }} /> : null}
      <TableScroll label={t('monitoring.picture.rising')} minWidth={560}>
        <Table striped aria-label={t('monitoring.picture.rising')} data-testid="picture-rising">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('monitoring.col.what')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.observed1h')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.expected1h')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.observed3h')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.expected3h')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.rising ?? []).map((r) => (
              <Table.Tr key={r.questionTypeId}>
                <Table.Th scope="row" fw={500}>
                  {typeName(r)}
                </Table.Th>
                <Table.Td>{hour(r, 1).observed}</Table.Td>
                <Table.Td>{fixed(hour(r, 1).expected)}</Table.Td>
                <Table.Td>{hour(r, 3).observed}</Table.Td>
                <Table.Td>{fixed(hour(r, 3).expected)}</Table.Td>
              </Table.Tr>
            ))}
            {data && data.rising.length === 0 ? (
              <EmptyRow columns={5}>{t('monitoring.picture.noneRising')}</EmptyRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </TableScroll>

      <DistrictMap />

      <Title order={3}>{t('monitoring.picture.operators')}</Title>
      <TableScroll label={t('monitoring.picture.operators')} minWidth={760}>
        <Table
          striped
          aria-label={t('monitoring.picture.operators')}
          data-testid="picture-operators"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('monitoring.picture.operator')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.signedIn')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.appealsToday')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.consultationsToday')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.appealsLastHour')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.consultationsLastHour')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.picture.medianIntake')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.operators ?? []).map((o) => (
              <Table.Tr key={o.userId}>
                <Table.Th scope="row" fw={500}>
                  {o.fullName}
                </Table.Th>
                <Table.Td>
                  <Text size="sm" fw={o.signedIn ? 600 : 400}>
                    {o.signedIn
                      ? o.presence
                        ? t(`telephony.presence.${o.presence}`)
                        : t('monitoring.picture.online')
                      : t('monitoring.picture.offline')}
                  </Text>
                </Table.Td>
                <Table.Td>{o.appealsToday}</Table.Td>
                <Table.Td>{o.consultationsToday}</Table.Td>
                <Table.Td>{o.appealsLastHour}</Table.Td>
                <Table.Td>{o.consultationsLastHour}</Table.Td>
                <Table.Td>
                  {o.medianIntakeSeconds === null
                    ? '—'
                    : t('monitoring.picture.intakeValue', {
                        time: minutesSeconds(o.medianIntakeSeconds),
                        count: o.timedToday,
                      })}
                </Table.Td>
              </Table.Tr>
            ))}
            {data && data.operators.length === 0 ? (
              <EmptyRow columns={7}>{t('monitoring.picture.noOperators')}</EmptyRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
