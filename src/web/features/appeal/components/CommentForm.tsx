import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import { applyServerErrors } from '../../../shared/lib/server-errors.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { commentSchema, type CommentValues } from '../api/appeal.js';
import { only } from './action-fields.js';

/** One required comment and a button: the form of rework, return to the centre and cancel. */
export function CommentForm({
  label,
  description,
  submitLabel,
  danger,
  pending,
  error,
  onSubmit,
}: {
  label: string;
  description?: string;
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (values: CommentValues) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const form = useForm<CommentValues>({
    resolver: formResolver(zodResolver(commentSchema)),
    defaultValues: { comment: '' },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
      form.reset();
    } catch (failure) {
      applyServerErrors(failure, form.setError, only(['comment'] as const));
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={submitLabel}>
      <Stack gap="sm">
        <Textarea
          {...form.register('comment')}
          label={label}
          description={description}
          required
          autosize
          minRows={3}
          error={form.formState.errors.comment?.message && t(form.formState.errors.comment.message)}
        />
        <ErrorNote error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending} color={danger ? 'red.9' : undefined}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
