import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppNotification } from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { notificationsQuery, useMarkAllRead, useMarkRead } from '../api/notifications.js';

/** The body as read in the app: the e-mail's link lines go (the app links the appeal itself). */
const LINK_LINE = /^https?:\/\/\S+$/;

function withoutLinkLines(body: string): string {
  return body
    .split('\n')
    .filter((line) => !LINK_LINE.test(line.trim()))
    .join('\n');
}

/**
 * The page a notification without an appeal links to (a summary, an alert, a digest): the path of
 * its last link line, opened inside the app; null when it has none.
 */
function pageOf(body: string): string | null {
  const link = body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => LINK_LINE.test(line))
    .pop();
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.pathname.startsWith('/portal') ? null : url.pathname + url.search;
  } catch {
    return null;
  }
}

function NotificationItem({ item }: { item: AppNotification }) {
  const { t, i18n } = useTranslation();
  const markRead = useMarkRead();
  const headingId = `notification-${item.id}`;
  const page = item.appealId ? null : pageOf(item.body);
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="article"
      aria-labelledby={headingId}
      className={item.read ? undefined : 'notification-unread'}
    >
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text fw={item.read ? 500 : 700} id={headingId}>
            {item.subject}
          </Text>
          <Group gap={6}>
            {item.emergency ? (
              <Badge color="red" variant="filled" radius="sm">
                {t('notifications.emergency')}
              </Badge>
            ) : null}
            {!item.read ? (
              <Badge color="blue" variant="light" radius="sm">
                {t('notifications.unread')}
              </Badge>
            ) : null}
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {formatDateTime(item.createdAt, i18n.language)}
        </Text>
        <Text size="sm" className="description">
          {withoutLinkLines(item.body)}
        </Text>
        <Group gap="sm">
          {item.appealId ? (
            <Anchor
              component={Link}
              to={`/appeals/${item.appealId}`}
              size="sm"
              onClick={() => {
                if (!item.read) markRead.mutate(item.id);
              }}
            >
              {t('notifications.openAppeal')}
            </Anchor>
          ) : page ? (
            <Anchor
              component={Link}
              to={page}
              size="sm"
              onClick={() => {
                if (!item.read) markRead.mutate(item.id);
              }}
            >
              {t('notifications.openPage')}
            </Anchor>
          ) : null}
          {!item.read ? (
            <Button
              size="xs"
              variant="default"
              loading={markRead.isPending}
              onClick={() => markRead.mutate(item.id)}
              aria-describedby={headingId}
            >
              {t('notifications.markRead')}
            </Button>
          ) : null}
        </Group>
        <ErrorNote error={markRead.error} />
      </Stack>
    </Paper>
  );
}

/** The signed-in person's notifications, newest first; unread ones first in view by default. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'unread' | 'all'>('unread');
  const list = useQuery(notificationsQuery(filter === 'unread'));
  const markAll = useMarkAllRead();
  const anyUnread = list.data?.some((n) => !n.read) ?? false;
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.subtitle')}
        actions={
          <>
            {anyUnread ? (
              <Button
                variant="default"
                size="sm"
                loading={markAll.isPending}
                onClick={() => markAll.mutate()}
              >
                {t('notifications.markAllRead')}
              </Button>
            ) : null}
            <Anchor component={Link} to="/me/notifications" size="sm">
              {t('notifications.settingsLink')}
            </Anchor>
          </>
        }
      />
      <Stack gap="md">
        <ErrorNote error={markAll.error} />
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v === 'all' ? 'all' : 'unread')}
          data={[
            { value: 'unread', label: t('notifications.filterUnread') },
            { value: 'all', label: t('notifications.filterAll') },
          ]}
          aria-label={t('notifications.filter')}
          style={{ alignSelf: 'flex-start' }}
        />
        <ErrorNote error={list.error} />
        {list.isPending ? <Skeleton h={120} /> : null}
        {list.data?.length === 0 ? (
          <Text c="dimmed">
            {filter === 'unread' ? t('notifications.noneUnread') : t('notifications.none')}
          </Text>
        ) : null}
        <Stack gap="sm" component="ul" className="plain-list" aria-label={t('notifications.title')}>
          {list.data?.map((item) => (
            <li key={item.id}>
              <NotificationItem item={item} />
            </li>
          ))}
        </Stack>
      </Stack>
    </>
  );
}
