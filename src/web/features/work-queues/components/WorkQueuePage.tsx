import { Badge, Button, Card, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { meQuery, queuesQuery } from '../../../shared/api/queries.js';
import type { AppealSummary, QueueKey } from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { PrivilegedBadge, StatusBadge } from '../../../shared/ui/StatusBadge.js';
import { ControlDate } from '../../../shared/ui/TimeLeft.js';
import { useQuestionTypeName } from '../../../shared/lib/use-question-type-name.js';
import { useAcceptFromQueue, workQueueQuery } from '../api/work-queue.js';
import { ReviewPreview } from './ReviewPreview.js';

function QueueItem({ appeal, mode }: { appeal: AppealSummary; mode: 'executor' | 'controller' }) {
  const { t, i18n } = useTranslation();
  const accept = useAcceptFromQueue();
  const questionTypeName = useQuestionTypeName();
  const canAccept =
    mode === 'executor' && (appeal.status === 'registered' || appeal.status === 'rework');
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      aria-labelledby={`item-${appeal.id}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6}>
            <Text
              component={Link}
              to={`/appeals/${appeal.id}`}
              fw={700}
              id={`item-${appeal.id}`}
              className="text-link"
            >
              {appeal.number}
            </Text>
            {appeal.privileged ? <PrivilegedBadge /> : null}
            {appeal.reworkCount > 0 ? (
              <Badge color="warn" variant="outline" radius="sm" className="status-badge">
                {t('card.reworks', { count: appeal.reworkCount })}
              </Badge>
            ) : null}
          </Group>
          <StatusBadge status={appeal.status} />
        </Group>
        <Text size="sm" fw={500}>
          {questionTypeName(appeal.questionType)}
        </Text>
        {appeal.address ? (
          <Text size="sm" c="dimmed">
            {appeal.address}
          </Text>
        ) : null}
        <Text size="sm" lineClamp={3}>
          {appeal.description}
        </Text>
        <Text size="xs" c="dimmed">
          {t('appeal.receivedAt')}: {formatDateTime(appeal.receivedAt, i18n.language)}
          {mode === 'controller' && appeal.mainExecutor ? ` · ${appeal.mainExecutor.name}` : ''}
        </Text>
        {mode === 'controller' && appeal.status === 'on_check' ? (
          <ReviewPreview appealId={appeal.id} />
        ) : null}
        <Text size="sm">
          {t('appeal.controlDate')}:{' '}
          <ControlDate controlDate={appeal.controlDate} closed={appeal.status === 'closed'} />
        </Text>
        <Group gap="xs" mt={4}>
          {canAccept ? (
            <Button size="sm" onClick={() => accept.mutate(appeal.id)} loading={accept.isPending}>
              {t('action.accept')}
            </Button>
          ) : null}
          <Button size="sm" variant="default" component={Link} to={`/appeals/${appeal.id}`}>
            {mode === 'controller'
              ? t('queuePage.review')
              : appeal.status === 'in_work'
                ? t('queuePage.answer')
                : t('queuePage.open')}
          </Button>
        </Group>
        <ErrorNote error={accept.error} />
      </Stack>
    </Card>
  );
}

/** The controller's queue: "mine" (the executors they watch, regulation 5.4.3) first, then the rest. */
function ControllerQueue({ queue }: { queue: QueueKey }) {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  // Only controllers hold duties; the head of the centre sees one list.
  if (me.data?.role !== 'controller') return <QueueList queue={queue} mode="controller" />;
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {t('queuePage.mine')}
      </Title>
      <QueueList queue={queue} mode="controller" mine="true" />
      <Title order={2} size="h4">
        {t('queuePage.others')}
      </Title>
      <QueueList queue={queue} mode="controller" mine="false" />
    </Stack>
  );
}

function QueueList({
  queue,
  mode,
  mine,
}: {
  queue: QueueKey;
  mode: 'executor' | 'controller';
  mine?: 'true' | 'false';
}) {
  const { t } = useTranslation();
  const list = useInfiniteQuery(workQueueQuery(queue, mine));
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) {
    return (
      <Stack>
        <Skeleton h={140} radius="md" />
        <Skeleton h={140} radius="md" />
      </Stack>
    );
  }
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <Text c="dimmed" ta="center" p="xl">
        {t('queuePage.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {items.map((appeal) => (
        <QueueItem key={appeal.id} appeal={appeal} mode={mode} />
      ))}
      {list.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t('queuePage.more')}
        </Button>
      ) : null}
    </Stack>
  );
}

/**
 * A worklist in tabs, one tab per queue with its count: the executor's inbox or the controller's
 * review queue. The open tab is in the URL (`?tab=overdue`).
 */
export function WorkQueuePage({
  queues,
  mode,
  title,
  description,
}: {
  queues: readonly QueueKey[];
  mode: 'executor' | 'controller';
  title: string;
  description: string;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const counts = useQuery(queuesQuery);
  const requested = params.get('tab');
  const tab = queues.find((q) => q === requested) ?? queues[0] ?? 'open';
  const countOf = (key: QueueKey) => counts.data?.queues.find((q) => q.key === key)?.count;
  return (
    <>
      <PageHeader title={title} description={description} />
      <Tabs
        value={tab}
        onChange={(value) => value && setParams({ tab: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List className="queue-tabs">
          {queues.map((key) => {
            const count = countOf(key);
            return (
              <Tabs.Tab
                key={key}
                value={key}
                rightSection={
                  count !== undefined ? (
                    <Badge
                      size="sm"
                      variant={key === 'overdue' && count > 0 ? 'filled' : 'light'}
                      color={key === 'overdue' && count > 0 ? 'red.9' : 'gray'}
                      className="tab-count"
                    >
                      {count}
                    </Badge>
                  ) : null
                }
              >
                {t(`queue.${key}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {queues.map((key) => (
          <Tabs.Panel key={key} value={key} pt="md">
            {mode === 'controller' ? (
              <ControllerQueue queue={key} />
            ) : (
              <QueueList queue={key} mode={mode} />
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
