import { Card, SimpleGrid, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queuesQuery } from '../../../shared/api/queries.js';
import type { QueueKey } from '../../../shared/api/types.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { intlLocale } from '../../../shared/i18n/locale.js';

/**
 * The signed-in role's queues with their counts; each card opens the list of that queue
 * (`linkTo` decides where: the registry, the inbox or the review queue). `counts` given (the
 * supervisor's snapshot) are shown instead of the live counts, so one page shows one moment.
 */
export function QueueCards({
  linkTo,
  counts,
}: {
  linkTo: (key: QueueKey) => string;
  counts?: { key: QueueKey; count: number }[];
}) {
  const { t, i18n } = useTranslation();
  const live = useQuery({ ...queuesQuery, enabled: !counts });
  const queues = counts ? { error: null, data: { queues: counts } } : live;
  if (queues.error) return <ErrorNote error={queues.error} />;
  if (!queues.data) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={104} radius="md" />
        ))}
      </SimpleGrid>
    );
  }
  const nf = new Intl.NumberFormat(intlLocale(i18n.language));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} component="ul" className="plain-list">
      {queues.data.queues.map((queue) => (
        <li key={queue.key}>
          <UnstyledButton component={Link} to={linkTo(queue.key)} className="queue-card-link">
            <Card withBorder radius="md" padding="lg" className="queue-card">
              <Text size="sm" c="dimmed" fw={500}>
                {t(`queue.${queue.key}`)}
              </Text>
              <Text
                className="queue-count"
                data-overdue={queue.key === 'overdue' && queue.count > 0}
              >
                {nf.format(queue.count)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('common.appealWord', { count: queue.count })}
              </Text>
            </Card>
          </UnstyledButton>
        </li>
      ))}
    </SimpleGrid>
  );
}
