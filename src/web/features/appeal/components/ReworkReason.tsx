import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealCard } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/lib/format.js';

/**
 * While an appeal is back for rework, what the controller asked for, at the top of the card (on a
 * phone the executor reads it first, before scrolling to the answer it concerns).
 */
export function ReworkReason({ appeal }: { appeal: AppealCard }) {
  const { t, i18n } = useTranslation();
  if (appeal.status !== 'rework') return null;
  const review = appeal.reviews.filter((r) => r.decision === 'rework').at(-1);
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
