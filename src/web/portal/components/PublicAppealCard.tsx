import { Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/lib/format.js';
import { StatusBadge } from '../../shared/ui/StatusBadge.js';
import type { PublicAppealView } from '../api.js';
import { inLanguage, localName } from '../../shared/i18n/locale.js';

/** One appeal of the public list. */
export function PublicAppealCard({ appeal }: { appeal: Omit<PublicAppealView, 'location'> }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" h="100%" className="public-appeal wrap-anywhere">
      <Group justify="space-between" wrap="nowrap" align="start">
        <Text fw={650}>{appeal.number}</Text>
        <StatusBadge status={appeal.status} />
      </Group>
      <Text size="sm" mt={4}>
        {localName(i18n.language, appeal.questionType.name, appeal.questionType.nameEn)}
      </Text>
      {appeal.address ? (
        <Text size="sm" c="dimmed">
          {appeal.address}
          {appeal.district ? ` · ${appeal.district.name}` : ''}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt={4}>
        {t('portal.appeals.received', { date: formatDate(appeal.receivedAt, i18n.language) })}
        {appeal.controlDate && appeal.status !== 'closed'
          ? ` · ${t('portal.appeals.until', { date: formatDate(appeal.controlDate, i18n.language) })}`
          : ''}
      </Text>
      {appeal.executor ? (
        <Text size="xs" c="dimmed">
          {appeal.executor}
        </Text>
      ) : null}
      {appeal.result ? (
        <Text size="xs" mt={4}>
          {inLanguage(i18n.language, appeal.result)}
        </Text>
      ) : null}
    </Card>
  );
}
