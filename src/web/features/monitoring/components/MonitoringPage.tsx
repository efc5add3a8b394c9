import { Anchor, Badge, Button, Checkbox, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { useLiveEvents } from '../../../shared/live/useLiveEvents.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { EmptyRow } from '../../../shared/ui/EmptyRow.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { meQuery } from '../../../shared/api/queries.js';
import { ALERT_TOPICS } from '../../../../contract/monitoring.schemas.js';
import { alertsQuery, useAcknowledgeAlert } from '../api/monitoring.js';
import { LivePicture } from './LivePicture.js';

/**
 * The head's and dispatchers' alerts (issue 18, ADR 048; `alerts.handle`): spikes of appeals by
 * question type × district — what, where, how many against how many expected, since when, how many
 * appeals, whether works explain it — with acknowledgement. Live: every `alerts.*` event on the bus
 * re-reads the list; so does every reconnection and a minute's timer. With `monitoring.read` (the
 * head) the live picture follows (issue 18 item 4), re-read on the same events.
 */
export function MonitoringPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const queryClient = useQueryClient();
  const [showAll, setShowAll] = useState(false);
  const alerts = useQuery(alertsQuery(showAll ? 'all' : 'open'));
  const acknowledge = useAcknowledgeAlert();
  const me = useQuery(meQuery);
  const withPicture = me.data?.permissions.includes('monitoring.read') ?? false;
  // Both the alerts and the picture (`['monitoring', …]`).
  const reread = () => void queryClient.invalidateQueries({ queryKey: ['monitoring'] });
  useLiveEvents(ALERT_TOPICS, { onEvent: reread, onConnect: reread });
  const items = alerts.data ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('monitoring.title')}
        description={t('monitoring.subtitle')}
        actions={
          withPicture ? (
            <Anchor component={Link} to="/alerts/digests">
              {t('digests.open')}
            </Anchor>
          ) : null
        }
      />
      <ErrorNote error={alerts.error ?? acknowledge.error} />
      <Checkbox
        label={t('monitoring.showAll')}
        checked={showAll}
        onChange={(e) => setShowAll(e.currentTarget.checked)}
      />
      <TableScroll label={t('monitoring.alerts')} minWidth={760}>
        <Table striped aria-label={t('monitoring.alerts')} data-testid="monitoring-alerts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('monitoring.col.what')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.col.where')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.col.count')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.col.since')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.col.explained')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.col.acknowledged')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Th scope="row" fw={500}>
                  {(en ? a.questionTypeEn : null) ?? a.questionType}
                </Table.Th>
                <Table.Td>
                  {a.districtId === null
                    ? t('monitoring.cityWide')
                    : ((en ? a.districtEn : null) ?? a.district)}
                </Table.Td>
                <Table.Td>
                  {t('monitoring.countAgainst', {
                    observed: a.observed,
                    expected: a.expected.toFixed(1),
                    hours: a.windowHours,
                  })}
                </Table.Td>
                <Table.Td>{formatDateTime(a.since, i18n.language)}</Table.Td>
                <Table.Td>
                  {a.explainedByWorkId !== null ? (
                    <Badge color="teal" variant="light">
                      {t('monitoring.explainedBy', { id: a.explainedByWorkId })}
                    </Badge>
                  ) : (
                    <Text size="sm">{t('monitoring.notExplained')}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.acknowledgedAt ? (
                    <Text size="sm">
                      {t('monitoring.acknowledgedBy', {
                        who: a.acknowledgedBy ?? '—',
                        at: formatDateTime(a.acknowledgedAt, i18n.language),
                      })}
                    </Text>
                  ) : (
                    <Button
                      size="xs"
                      onClick={() => acknowledge.mutate(a.id)}
                      loading={acknowledge.isPending && acknowledge.variables === a.id}
                      aria-label={t('monitoring.acknowledgeOne', {
                        what: (en ? a.questionTypeEn : null) ?? a.questionType,
                      })}
                    >
                      {t('monitoring.acknowledge')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {alerts.data && items.length === 0 ? (
              <EmptyRow columns={6}>{t('monitoring.none')}</EmptyRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {withPicture ? <LivePicture /> : null}
    </Stack>
  );
}
