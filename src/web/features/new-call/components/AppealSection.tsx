/**
 * The intake form's appeal section: the question type (with the executor registration would
 * choose), the address from the registry and the works there, the text (with question types it
 * suggests), and the kind, channel, subject and receipt sign.
 */
import { NativeSelect, Paper, SimpleGrid, Stack, Textarea, Title } from '@mantine/core';
import type { RefObject } from 'react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { APPEAL_KINDS, APPEAL_SUBJECTS, RECEIPT_SIGNS } from '../../../../domain/vocabulary.js';
import type { QuestionType } from '../../../shared/api/types.js';
import { QuestionTypePicker } from '../../../shared/ui/QuestionTypePicker.js';
import { QuestionTypeSuggestions } from '../../../shared/ui/QuestionTypeSuggestions.js';
import { WorksAtAddress } from '../../../shared/ui/WorksAtAddress.js';
import { INTAKE_CHANNELS, type NewCallValues } from '../api/new-call.js';
import { RegistryAddressField } from './RegistryAddressField.js';
import { useExecutorNote } from './useExecutorNote.js';

interface Props {
  form: UseFormReturn<NewCallValues>;
  /** Bumped when the form is cleared, so the question-type search starts empty. */
  generation: number;
  questionType: QuestionType | null;
  setQuestionType: (type: QuestionType | null) => void;
  /** The operator picked a question type in the search (a refused repeat no longer applies). */
  onPicked: () => void;
  questionTypeRef: RefObject<HTMLInputElement | null>;
}

export function AppealSection({
  form,
  generation,
  questionType,
  setQuestionType,
  onPicked,
  questionTypeRef,
}: Props) {
  const { t } = useTranslation();
  const { register, control, setValue, watch, formState } = form;
  const errors = formState.errors;
  const fieldError = (message: string | undefined) => (message ? t(message) : undefined);
  const buildingId = watch('buildingId') ?? null;
  const executorNote = useExecutorNote({
    questionTypeId: questionType?.id ?? null,
    buildingId,
    address: watch('address'),
    kind: watch('kind'),
  });

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="appeal-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="appeal-heading">
          {t('newCall.appeal')}
        </Title>
        <Controller
          control={control}
          name="questionTypeId"
          render={({ field }) => (
            <QuestionTypePicker
              key={generation}
              inputRef={(el) => {
                field.ref(el);
                questionTypeRef.current = el;
              }}
              value={questionType}
              onChange={(type) => {
                setQuestionType(type);
                onPicked();
                field.onChange(type?.id ?? null);
              }}
              error={fieldError(errors.questionTypeId?.message)}
              executorNote={executorNote}
            />
          )}
        />
        <RegistryAddressField control={control} error={fieldError(errors.address?.message)} />
        <WorksAtAddress buildingId={buildingId} scope="staff" />
        <Textarea
          {...register('description')}
          label={t('newCall.description')}
          description={t('newCall.descriptionHint')}
          required
          autosize
          minRows={4}
          maxRows={12}
          error={fieldError(errors.description?.message)}
        />
        <QuestionTypeSuggestions
          text={watch('description')}
          chosenId={questionType?.id ?? null}
          onChoose={(type) => {
            setQuestionType(type);
            setValue('questionTypeId', type.id);
            form.clearErrors('questionTypeId');
          }}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NativeSelect
            {...register('kind')}
            label={t('appeal.kind')}
            data={APPEAL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            error={fieldError(errors.kind?.message)}
          />
          <NativeSelect
            {...register('channel')}
            label={t('appeal.channel')}
            data={INTAKE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            error={fieldError(errors.channel?.message)}
          />
          <NativeSelect
            {...register('subject')}
            label={t('appeal.subject')}
            data={APPEAL_SUBJECTS.map((s) => ({ value: s, label: t(`subject.${s}`) }))}
            error={fieldError(errors.subject?.message)}
          />
          <NativeSelect
            {...register('receiptSign')}
            label={t('appeal.receiptSign')}
            data={RECEIPT_SIGNS.map((s) => ({ value: s, label: t(`receiptSign.${s}`) }))}
            error={fieldError(errors.receiptSign?.message)}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
