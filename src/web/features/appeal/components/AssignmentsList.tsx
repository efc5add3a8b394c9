import { Box, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealCard } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/lib/format.js';

type Assignment = AppealCard['assignments'][number];

/**
 * The appeal's assignments: a table on a wide screen; on a phone (below 48em) one block per
 * assignment, so nothing scrolls sideways at 360 px.
 */
export function AssignmentsList({ assignments }: { assignments: Assignment[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (assignments.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('card.noAssignments')}
      </Text>
    );
  }
  return (
    <>
      <Box visibleFrom="sm">
        <Table verticalSpacing="xs" fz="sm" data-testid="assignments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('card.executor')}</Table.Th>
              <Table.Th>{t('card.assignmentRole')}</Table.Th>
              <Table.Th>{t('card.assignmentState')}</Table.Th>
              <Table.Th>{t('appeal.controlDate')}</Table.Th>
              <Table.Th>{t('card.instruction')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assignments.map((as) => (
              <Table.Tr key={as.id}>
                <Table.Td className="wrap-anywhere">{as.executor.name}</Table.Td>
                <Table.Td>{t(`assignmentRole.${as.role}`)}</Table.Td>
                <Table.Td>{t(`assignmentState.${as.state}`)}</Table.Td>
                <Table.Td>{formatDateTime(as.controlDate, lang)}</Table.Td>
                <Table.Td className="wrap-anywhere">{as.instruction ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <Stack
        hiddenFrom="sm"
        gap="sm"
        component="ul"
        className="plain-list"
        data-testid="assignments-list"
      >
        {assignments.map((as) => (
          <li key={as.id} className="assignment-item">
            <Text size="sm" fw={600} className="wrap-anywhere">
              {as.executor.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`assignmentRole.${as.role}`)} · {t(`assignmentState.${as.state}`)}
            </Text>
            <Text size="xs">
              {t('appeal.controlDate')}: {formatDateTime(as.controlDate, lang)}
            </Text>
            {as.instruction ? (
              <Text size="sm" className="wrap-anywhere">
                {t('card.instruction')}: {as.instruction}
              </Text>
            ) : null}
          </li>
        ))}
      </Stack>
    </>
  );
}
