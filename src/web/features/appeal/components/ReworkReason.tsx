import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealCard } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/lib/format.js';

/**
 * The controller's last return for rework, while it is still to be answered: the appeal is back
 * for rework, or the executor has accepted it again and not yet answered.
 */
export function pendingRework(appeal: AppealCard): AppealCard['reviews'][number] | null {
  if (appeal.status !== 'rework' && appeal.status !== 'in_work') return null;
  const last = appeal.reviews.at(-1);
  if (last?.decision !== 'rework') return null;
  const answeredSince = appeal.responses.some((r) => r.createdAt > last.createdAt);
  return answeredSince ? null : last;
}

/**
 * While an appeal is back for rework (and until the executor answers again), what the controller asked for, at the top of the card (on a
 * phone the executor reads it first, before scrolling to the answer it concerns).
 */
export function ReworkReason({ appeal }: { appeal: AppealCard }) {
  const { t, i18n } = useTranslation();
  const review = pendingRework(appeal);
  if (!review?.comment) return null;
  return (
    <Alert
      variant="light"
      color="yellow"
      title={t('card.reworkReason')}
      styles={{ title: { color: '#5c3c00' } }}
      data-testid="rework-reason"
    >
      <Text size="sm" className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap' }}>
        {review.comment}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {[review.reviewer, formatDateTime(review.createdAt, i18n.language)]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Alert>
  );
}
