import { useTranslation } from 'react-i18next';
import type { AppealCard } from '../../../shared/api/types.js';
import { useReview } from '../api/appeal.js';
import { CommentForm } from './CommentForm.js';

/** The controller returns the answer for rework, saying what is missing. */
export function ReworkForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
  const { t } = useTranslation();
  const review = useReview(appeal.id);
  return (
    <CommentForm
      label={t('card.reworkComment')}
      description={t('card.reworkCount', { count: appeal.reworkCount })}
      submitLabel={t('card.returnForRework')}
      pending={review.isPending}
      error={review.error}
      onSubmit={async ({ comment }) => {
        await review.mutateAsync({ decision: 'rework', comment });
        onDone();
      }}
    />
  );
}
