import { Alert, Anchor, Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SUBMISSION_STATES, type SubmissionState } from '../../../../domain/portal.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import {
  submissionsQuery,
  type ModerationOutcome,
  type SubmissionView,
} from '../api/moderation.js';
import { SubmissionCard } from './SubmissionCard.js';

/**
 * The moderator's queue: submissions from the portal and Open311, oldest first. A pending one is
 * registered (question type corrected if need be), merged into an open appeal, or rejected with
 * the reason the applicant is told (Law 393/96-ВР Art. 5, 8).
 */
export function ModerationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('state') as SubmissionState | null;
  const state: SubmissionState = asked && SUBMISSION_STATES.includes(asked) ? asked : 'pending';
  const pages = useInfiniteQuery(submissionsQuery(state));
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const [last, setLast] = useState<{
    outcome: ModerationOutcome;
    submission: SubmissionView;
  } | null>(null);

  return (
    <Stack gap="md" className="page">
      <div>
        <Title order={1}>{t('moderation.title')}</Title>
        <Text c="dimmed">{t('moderation.subtitle')}</Text>
      </div>
      <Tabs
        value={state}
        onChange={(v) => setParams(v && v !== 'pending' ? { state: v } : {}, { replace: true })}
      >
        <Tabs.List>
          {SUBMISSION_STATES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`moderation.state.${s}`)}
              {s === state && pages.data ? (
                <Badge ml={6} size="sm" variant="light">
                  {items.length}
                  {pages.hasNextPage ? '+' : ''}
                </Badge>
              ) : null}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <div aria-live="polite">
        {last ? (
          <Alert
            color="green"
            variant="light"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setLast(null)}
            data-testid="moderation-done"
          >
            {t(`moderation.done.${last.outcome.state}`, {
              tracking: last.submission.trackingNumber,
            })}
            {last.outcome.appeal ? (
              <>
                {' '}
                <Anchor component={Link} to={`/appeals/${last.outcome.appeal.id}`}>
                  {last.outcome.appeal.number}
                </Anchor>
              </>
            ) : null}
          </Alert>
        ) : null}
      </div>
      {pages.isError ? <ErrorNote error={pages.error} /> : null}
      {pages.isPending ? <Text c="dimmed">{t('common.loading')}</Text> : null}
      {pages.data && items.length === 0 ? (
        <Text>{t(state === 'pending' ? 'moderation.emptyPending' : 'moderation.empty')}</Text>
      ) : null}
      <Stack gap="md" component="ul" className="plain-list" aria-busy={pages.isFetching}>
        {items.map((s) => (
          <li key={s.id}>
            <SubmissionCard
              submission={s}
              onDone={(outcome, submission) => setLast({ outcome, submission })}
            />
          </li>
        ))}
      </Stack>
      {pages.hasNextPage ? (
        <Group>
          <Button
            variant="default"
            onClick={() => void pages.fetchNextPage()}
            loading={pages.isFetchingNextPage}
          >
            {t('queuePage.more')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
