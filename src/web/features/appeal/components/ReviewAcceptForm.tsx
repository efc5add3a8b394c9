import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { REVIEW_RESULT_CODES } from '../../../../domain/results.js';
import type { AppealCard } from '../../../shared/api/types.js';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import { resultLabel } from '../../../shared/lib/results.js';
import { applyServerErrors } from '../../../shared/lib/server-errors.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { reviewAcceptSchema, useReview, type ReviewAcceptValues } from '../api/appeal.js';
import { only } from './action-fields.js';

/** The controller accepts the answer with a result (the executor's proposal chosen first). */
export function ReviewAcceptForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const review = useReview(appeal.id);
  const latest = appeal.responses.at(-1);
  const proposed = REVIEW_RESULT_CODES.find((c) => c === latest?.proposedResult) ?? '';
  const form = useForm<ReviewAcceptValues>({
    resolver: formResolver(zodResolver(reviewAcceptSchema)),
    defaultValues: { result: proposed, comment: '' },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await review.mutateAsync({
        decision: 'accept',
        result: values.result,
        ...(values.comment ? { comment: values.comment } : {}),
      });
      onDone();
    } catch (failure) {
      applyServerErrors(failure, form.setError, only(['result', 'comment'] as const));
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('action.review_accept')}>
      <Stack gap="sm">
        <NativeSelect
          {...form.register('result')}
          label={t('card.result')}
          required
          data={[
            { value: '', label: t('card.chooseResult') },
            ...REVIEW_RESULT_CODES.map((code) => ({
              value: code,
              label: resultLabel(code, i18n.language),
            })),
          ]}
          error={form.formState.errors.result?.message && t(form.formState.errors.result.message)}
        />
        <Textarea
          {...form.register('comment')}
          label={t('card.commentOptional')}
          autosize
          minRows={2}
          error={form.formState.errors.comment?.message && t(form.formState.errors.comment.message)}
        />
        <ErrorNote error={review.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={review.isPending} color="teal.9">
            {t('card.acceptAndClose')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
