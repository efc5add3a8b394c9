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
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  EXTENSION_STATES,
  type ExtensionRequest,
  type ExtensionState,
} from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDate, formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { extensionRequestsQuery, useDecideExtension } from '../api/deadlines.js';

const STATE_COLOURS: Record<ExtensionState, string> = {
  requested: 'blue',
  approved: 'teal',
  refused: 'red',
};

function ExtensionItem({ item }: { item: ExtensionRequest }) {
  const { t, i18n } = useTranslation();
  const decide = useDecideExtension();
  const [comment, setComment] = useState('');
  const headingId = `extension-${item.id}`;
  const lang = i18n.language;
  const send = (approve: boolean) =>
    decide.mutate({ id: item.id, approve, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Anchor component={Link} to={`/appeals/${item.appealId}`} fw={700} id={headingId}>
            {t('card.title', { number: item.appealNumber })}
          </Anchor>
          <Badge color={STATE_COLOURS[item.state]} variant="light" radius="sm">
            {t(`extension.states.${item.state}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {item.executor ?? '—'} · {t('extension.daysAsked', { count: item.requestedDays })}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(item.createdAt, lang)}
        </Text>
        <Text size="sm" className="quote">
          {item.reason}
        </Text>
        {item.newDeadline ? (
          <Text size="sm">
            {t('extension.newDeadline')}: {formatDate(item.newDeadline, lang)}
          </Text>
        ) : null}
        {item.decisionComment ? (
          <Text size="sm">
            {t('extension.comment')}: {item.decisionComment}
          </Text>
        ) : null}
        {item.state === 'requested' ? (
          <Stack gap="xs">
            <Textarea
              label={t('extension.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={1}
              maxLength={2000}
            />
            <ErrorNote error={decide.error} />
            <Group gap="xs">
              <Button
                color="teal"
                loading={decide.isPending && decide.variables.approve}
                disabled={decide.isPending}
                onClick={() => send(true)}
                aria-describedby={headingId}
              >
                {t('extension.approve')}
              </Button>
              <Button
                color="red"
                variant="outline"
                loading={decide.isPending && !decide.variables.approve}
                disabled={decide.isPending}
                onClick={() => send(false)}
                aria-describedby={headingId}
              >
                {t('extension.refuse')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The head of the centre decides on executors' requests for more time (Art. 20). */
export function ExtensionRequestsPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<ExtensionState>('requested');
  const list = useQuery(extensionRequestsQuery(state));
  return (
    <>
      <PageHeader title={t('extension.title')} description={t('extension.subtitle')} />
      <Stack gap="md">
        <SegmentedControl
          value={state}
          onChange={(v) => setState(v)}
          data={EXTENSION_STATES.map((s) => ({ value: s, label: t(`extension.states.${s}`) }))}
          aria-label={t('extension.filter')}
          style={{ alignSelf: 'flex-start' }}
        />
        <ErrorNote error={list.error} />
        {list.isPending ? <Skeleton h={160} /> : null}
        {list.data?.length === 0 ? <Text c="dimmed">{t('common.nothing')}</Text> : null}
        <Stack gap="sm" component="ul" className="plain-list" aria-label={t('extension.title')}>
          {list.data?.map((item) => (
            <li key={item.id}>
              <ExtensionItem item={item} />
            </li>
          ))}
        </Stack>
      </Stack>
    </>
  );
}
