import { useTranslation } from 'react-i18next';
import type { AppealCard } from '../../../shared/api/types.js';
import { useCancel } from '../api/appeal.js';
import { CommentForm } from './CommentForm.js';

/** The appeal is cancelled, with the reason recorded. */
export function CancelForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useCancel(appeal.id);
  return (
    <CommentForm
      label={t('card.cancelComment')}
      description={t('card.cancelHint')}
      submitLabel={t('card.cancelAppeal')}
      danger
      pending={mutation.isPending}
      error={mutation.error}
      onSubmit={async (values) => {
        await mutation.mutateAsync(values);
        onDone();
      }}
    />
  );
}
