import { Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/lib/format.js';
import { Link } from 'react-router';
import { APPEAL_STATUSES } from '../../../../domain/vocabulary.js';
import { dashboardQuery } from '../../../shared/api/queries.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { QueueCards } from './QueueCards.js';
import { intlLocale } from '../../../shared/i18n/locale.js';

function Bars({ rows }: { rows: { key: string; label: string; count: number; to?: string }[] }) {
  const { t, i18n } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.count));
  const nf = new Intl.NumberFormat(intlLocale(i18n.language));
  if (rows.length === 0) return <Text c="dimmed">{t('common.nothing')}</Text>;
  return (
    <Stack gap="xs" component="ul" className="plain-list">
      {rows.map((row) => (
        <li key={row.key}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            {row.to ? (
              <Link to={row.to} className="text-link">
                <Text size="sm" span>
                  {row.label}
                </Text>
              </Link>
            ) : (
              <Text size="sm">{row.label}</Text>
            )}
            <Text size="sm" fw={600}>
              {nf.format(row.count)}
            </Text>
          </Group>
          <div className="bar-track" aria-hidden="true">
            <div className="bar-fill" style={{ width: `${(row.count / max) * 100}%` }} />
          </div>
        </li>
      ))}
    </Stack>
  );
}

/**
 * The live picture for the head of the centre: the figures (overdue, due within 24 h, on check,
 * unrouted, open), counts by status and overdue by executor — all from one snapshot, each opening
 * the list it counts — and today's intake (live).
 */
export function DashboardPanel({ level = 2 }: { level?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const dashboard = useQuery(dashboardQuery);
  if (dashboard.error) return <ErrorNote error={dashboard.error} />;
  if (!dashboard.data) return <Skeleton h={240} radius="md" />;
  const nf = new Intl.NumberFormat(intlLocale(i18n.language));
  const { asOf, countedAt, byStatus, figures, overdueByExecutor, todayByChannel } = dashboard.data;
  const asOfText = t('dashboard.asOf', { time: formatDateTime(countedAt, i18n.language) });
  const closedAsOfText = t('dashboard.closedAsOf', { time: formatDateTime(asOf, i18n.language) });
  const overdueLink = (row: (typeof overdueByExecutor)[number]) =>
    row.others
      ? '/appeals?queue=overdue'
      : `/appeals?queue=overdue&mainExecutorId=${row.executorId ?? 'none'}`;
  return (
    <Stack gap="lg">
      <section aria-label={t('dashboard.figures')}>
        <QueueCards linkTo={(key) => `/appeals?queue=${key}`} counts={figures} />
        <Text size="xs" c="dimmed" mt={6} data-testid="figures-as-of">
          {asOfText}
        </Text>
      </section>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="dash-status">
          <Title order={level} size="h4" id="dash-status">
            {t('dashboard.byStatus')}
          </Title>
          <Text size="xs" c="dimmed" mb="md" data-testid="dashboard-as-of">
            {closedAsOfText}
          </Text>
          <Bars
            rows={[...byStatus]
              .sort((a, b) => APPEAL_STATUSES.indexOf(a.status) - APPEAL_STATUSES.indexOf(b.status))
              .map((r) => ({
                key: r.status,
                label: t(`status.${r.status}`),
                count: r.count,
                to: `/appeals?status=${r.status}`,
              }))}
          />
        </Card>
        <Card
          withBorder
          radius="md"
          padding="lg"
          component="section"
          aria-labelledby="dash-overdue"
        >
          <Title order={level} size="h4" id="dash-overdue">
            {t('dashboard.overdueByExecutor')}
          </Title>
          <Text size="xs" c="dimmed" mb="md">
            {asOfText}
          </Text>
          {overdueByExecutor.length === 0 ? (
            <Text c="dimmed">{t('dashboard.noOverdue')}</Text>
          ) : (
            <Table striped={false} highlightOnHover verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.executor')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.overdue')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overdueByExecutor.map((row) => (
                  <Table.Tr key={row.others ? 'others' : (row.executorId ?? 'none')}>
                    <Table.Td>
                      <Link to={overdueLink(row)} className="text-link">
                        {row.others
                          ? t('dashboard.otherExecutors')
                          : (row.name ?? t('dashboard.noExecutor'))}
                      </Link>
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {nf.format(row.count)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Card
          withBorder
          radius="md"
          padding="lg"
          component="section"
          aria-labelledby="dash-channel"
        >
          <Title order={level} size="h4" id="dash-channel" mb="md">
            {t('dashboard.todayByChannel')}
          </Title>
          <Bars
            rows={todayByChannel.map((r) => ({
              key: r.channel,
              label: t(`channel.${r.channel}`),
              count: r.count,
            }))}
          />
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
