import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EXTENSION_STATES,
  type ExtensionRequest,
  type ExtensionState,
} from '../../../shared/api/types.js';
import { formatDate, formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { extensionRequestsQuery, useDecideExtension } from '../api/deadlines.js';
import { RequestHeading, RequestListPage } from './RequestListPage.js';

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
        <RequestHeading
          appealId={item.appealId}
          appealNumber={item.appealNumber}
          headingId={headingId}
        >
          <Badge color={STATE_COLOURS[item.state]} variant="light" radius="sm">
            {t(`extension.states.${item.state}`)}
          </Badge>
        </RequestHeading>
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
  return (
    <RequestListPage
      section="extension"
      description={t('extension.subtitle')}
      states={EXTENSION_STATES}
      query={extensionRequestsQuery}
      renderItem={(item) => <ExtensionItem item={item} />}
    />
  );
}
