import { useTranslation } from 'react-i18next';
import type { AppealCard } from '../../../shared/api/types.js';
import { useNotInCompetence } from '../api/appeal.js';
import { CommentForm } from './CommentForm.js';

/** The executor sends the appeal back to the centre as not in its competence. */
export function NotInCompetenceForm({
  appeal,
  onDone,
}: {
  appeal: AppealCard;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const mutation = useNotInCompetence(appeal.id);
  return (
    <CommentForm
      label={t('card.notInCompetenceComment')}
      description={t('card.notInCompetenceHint')}
      submitLabel={t('card.returnToCentre')}
      pending={mutation.isPending}
      error={mutation.error}
      onSubmit={async (values) => {
        await mutation.mutateAsync(values);
        onDone();
      }}
    />
  );
}
