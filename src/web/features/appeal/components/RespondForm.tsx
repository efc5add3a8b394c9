import { zodResolver } from '@hookform/resolvers/zod';
import { Button, FileInput, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { REVIEW_RESULT_CODES } from '../../../../domain/results.js';
import type { AppealCard } from '../../../shared/api/types.js';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import { resultLabel } from '../../../shared/lib/results.js';
import { applyServerErrors } from '../../../shared/lib/server-errors.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { respondSchema, uploadAttachment, useRespond, type RespondValues } from '../api/appeal.js';
import { only } from './action-fields.js';
import { FilePreviews } from './FilePreviews.js';

/** The executor's answer: text, a proposed result and files (uploaded once, even on a retry). */
export function RespondForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const respond = useRespond(appeal.id);
  const uploaded = useRef(new Map<File, number>());
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<RespondValues>({
    resolver: formResolver(zodResolver(respondSchema)),
    defaultValues: { text: '', proposedResult: '', files: [] },
  });
  const files = form.watch('files');

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      setUploading(true);
      const ids: number[] = [];
      for (const file of values.files) {
        let id = uploaded.current.get(file);
        if (id === undefined) {
          try {
            id = (await uploadAttachment(appeal.id, file)).id;
          } catch (uploadError) {
            form.setError('files', {
              type: 'server',
              message: `${file.name}: ${uploadError instanceof Error ? uploadError.message : String(uploadError)}`,
            });
            return;
          }
          uploaded.current.set(file, id);
        }
        ids.push(id);
      }
      setUploading(false);
      await respond.mutateAsync({
        text: values.text,
        ...(values.proposedResult ? { proposedResult: values.proposedResult } : {}),
        attachmentIds: ids,
      });
      form.reset();
      uploaded.current.clear();
      onDone();
    } catch (failure) {
      const { unplaced } = applyServerErrors(failure, form.setError, (field) =>
        field.startsWith('attachmentIds')
          ? 'files'
          : only(['text', 'proposedResult'] as const)(field),
      );
      setError(unplaced ? failure : null);
    } finally {
      setUploading(false);
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('action.respond')}>
      <Stack gap="sm">
        <Textarea
          {...form.register('text')}
          label={t('card.responseText')}
          required
          autosize
          minRows={4}
          error={form.formState.errors.text?.message && t(form.formState.errors.text.message)}
        />
        <NativeSelect
          {...form.register('proposedResult')}
          label={t('card.proposedResult')}
          data={[
            { value: '', label: t('card.noProposedResult') },
            ...REVIEW_RESULT_CODES.map((code) => ({
              value: code,
              label: resultLabel(code, i18n.language),
            })),
          ]}
        />
        <Controller
          control={form.control}
          name="files"
          render={({ field, fieldState }) => (
            <FileInput
              label={t('card.files')}
              description={t('card.filesHint')}
              placeholder={t('card.chooseFiles')}
              multiple
              clearable
              accept="image/*,application/pdf,.doc,.docx,.odt,.txt"
              value={field.value}
              onChange={(value) => field.onChange(value)}
              onBlur={field.onBlur}
              error={fieldState.error?.message && t(fieldState.error.message)}
            />
          )}
        />
        <FilePreviews files={files} />
        <ErrorNote error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={uploading || respond.isPending}>
            {t('card.sendResponse')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
