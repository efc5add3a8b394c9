import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../shared/api/client.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { intlLocale } from '../../../shared/i18n/locale.js';

const summaryQuery = queryOptions({
  queryKey: ['submissions', 'summary'],
  queryFn: ({ signal }) =>
    api.get<{ pending: number; oldestReceivedAt: string | null }>(
      '/submissions/summary',
      undefined,
      signal,
    ),
  refetchInterval: 60_000,
});

/** "1 h ago", "3 days ago" in the page's language, from the larger of the two units that fits. */
function age(from: string, language: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(from)) / 60_000));
  const rtf = new Intl.RelativeTimeFormat(intlLocale(language), {
    numeric: 'auto',
  });
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  if (minutes < 48 * 60) return rtf.format(-Math.round(minutes / 60), 'hour');
  return rtf.format(-Math.round(minutes / 1440), 'day');
}

/** The moderator's start: how many Internet submissions wait and how long the oldest has waited. */
export function ModerationSummary() {
  const { t, i18n } = useTranslation();
  const summary = useQuery(summaryQuery);
  if (summary.error) return <ErrorNote error={summary.error} />;
  if (!summary.data) return null;
  const { pending, oldestReceivedAt } = summary.data;
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby="moderation-summary"
    >
      <Group justify="space-between" align="center" gap="md">
        <Stack gap={4}>
          <Text fw={600} id="moderation-summary">
            {t('moderation.summary.title')}
          </Text>
          <Text className="queue-count" data-testid="pending-submissions">
            {pending}
          </Text>
          <Text size="sm">
            {pending === 0
              ? t('moderation.summary.none')
              : t('moderation.summary.waiting', { count: pending })}
          </Text>
          {oldestReceivedAt ? (
            <Text size="sm" c="dimmed" data-testid="oldest-submission">
              {t('moderation.summary.oldest', {
                age: age(oldestReceivedAt, i18n.language),
                at: formatDateTime(oldestReceivedAt, i18n.language),
              })}
            </Text>
          ) : null}
        </Stack>
        <Button component={Link} to="/submissions" size="md">
          {t('moderation.summary.open')}
        </Button>
      </Group>
    </Card>
  );
}
