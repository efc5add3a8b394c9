import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueueCards } from '../features/queues/components/QueueCards.js';
import { DashboardPanel } from '../features/queues/components/DashboardPanel.js';
import { ModerationSummary } from '../features/moderation/components/ModerationSummary.js';
import { WorkQueuePage } from '../features/work-queues/components/WorkQueuePage.js';
import { meQuery } from '../shared/api/queries.js';
import type { QueueKey } from '../shared/api/types.js';
import { PageHeader } from '../shared/layout/PageHeader.js';

export const EXECUTOR_QUEUES = ['new', 'in_work', 'due_soon', 'overdue', 'rework'] as const;
export const REVIEW_QUEUES = ['on_check', 'overdue', 'rework'] as const;

const toRegistry = (key: QueueKey) => `/appeals?queue=${key}`;

/** The first page after sign-in: the role's queues with counts, and its main way in. */
export function StartPage() {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  if (!me.data) return null;
  const { role, fullName } = me.data;

  if (role === 'executor') {
    return (
      <WorkQueuePage
        queues={EXECUTOR_QUEUES}
        mode="executor"
        title={t('inbox.title')}
        description={t('inbox.subtitle')}
      />
    );
  }

  const withDashboard =
    me.data.permissions.includes('monitoring.read') &&
    (role === 'supervisor' || role === 'analyst');
  return (
    <Stack gap="xl">
      <PageHeader
        title={t('start.title', { name: fullName })}
        description={t(`start.${role}`)}
        actions={
          <>
            {me.data.permissions.includes('appeal.register') ? (
              <Button component={Link} to="/new-call" size="md">
                {t('nav.newCall')}
              </Button>
            ) : null}
            {me.data.permissions.includes('submission.moderate') ? (
              <Button component={Link} to="/submissions" variant="default" size="md">
                {t('nav.moderation')}
              </Button>
            ) : null}
            {me.data.permissions.includes('appeal.review') ? (
              <Button component={Link} to="/review" variant="default" size="md">
                {t('nav.review')}
              </Button>
            ) : null}
          </>
        }
      />
      {/* A moderator's own work first: the Internet submissions waiting. */}
      {me.data.permissions.includes('submission.moderate') && role === 'moderator' ? (
        <ModerationSummary />
      ) : null}
      {withDashboard ? null : (
        // The supervisor's figures come with the dashboard, from the same snapshot.
        <section aria-labelledby="queues-heading">
          <Title order={2} size="h4" id="queues-heading" mb="sm">
            {t('start.queues')}
          </Title>
          <QueueCards linkTo={toRegistry} />
        </section>
      )}
      {withDashboard ? (
        <section aria-labelledby="dashboard-heading">
          <Title order={2} size="h4" id="dashboard-heading" mb="sm">
            {t('dashboard.title')}
          </Title>
          <DashboardPanel level={3} />
        </section>
      ) : null}
      {role === 'operator' || role === 'moderator' ? (
        <Card withBorder radius="md" padding="lg" className="hint-card">
          <Group gap="md">
            <Text fw={600}>{t('start.tipTitle')}</Text>
            <Text size="sm">{t('start.tip')}</Text>
          </Group>
        </Card>
      ) : null}
    </Stack>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.subtitle')} />
      <DashboardPanel />
    </>
  );
}
