import { Group, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { useLiveEvents } from '../../../shared/live/useLiveEvents.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { EmptyRow } from '../../../shared/ui/EmptyRow.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { PRESENCE_TOPIC, presenceQuery } from '../api/telephony.js';
import { PresenceDot } from './PresenceControl.js';

/**
 * Every operator's presence for the head (issue 20, item 5; `calls.monitor`): state, since when,
 * extension. Live: each change on the bus (topic `telephony.presence`, set by the operator or by a
 * call) re-reads the board; it is also re-read every 30 s and on every reconnection.
 */
export function PresencePage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const presence = useQuery(presenceQuery);
  useLiveEvents([PRESENCE_TOPIC], {
    onEvent: () => void queryClient.invalidateQueries({ queryKey: presenceQuery.queryKey }),
    onConnect: () => void queryClient.invalidateQueries({ queryKey: presenceQuery.queryKey }),
  });
  const items = presence.data?.items ?? [];
  const counts = new Map<string, number>();
  for (const p of items) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);

  return (
    <Stack gap="md">
      <PageHeader title={t('telephony.board.title')} description={t('telephony.board.subtitle')} />
      <ErrorNote error={presence.error} />
      {items.length ? (
        <Group gap="lg" aria-label={t('telephony.board.summary')} role="group">
          {(['available', 'on_call', 'after_call', 'break', 'signed_out'] as const).map((s) => (
            <Group gap={6} key={s} wrap="nowrap">
              <PresenceDot state={s} />
              <Text size="sm">
                {t(`telephony.presence.${s}`)}: <strong>{counts.get(s) ?? 0}</strong>
              </Text>
            </Group>
          ))}
        </Group>
      ) : null}
      <TableScroll label={t('telephony.board.title')} minWidth={560}>
        <Table striped aria-label={t('telephony.board.title')} data-testid="presence-board">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('telephony.col.operator')}</Table.Th>
              <Table.Th scope="col">{t('telephony.col.extension')}</Table.Th>
              <Table.Th scope="col">{t('telephony.col.state')}</Table.Th>
              <Table.Th scope="col">{t('telephony.col.since')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.userId}>
                <Table.Th scope="row" fw={500}>
                  {p.fullName}
                </Table.Th>
                <Table.Td>{p.extension ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <PresenceDot state={p.state} />
                    <Text size="sm">{t(`telephony.presence.${p.state}`)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>{formatDateTime(p.since, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
            {presence.data && items.length === 0 ? (
              <EmptyRow columns={4}>{t('telephony.board.none')}</EmptyRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
