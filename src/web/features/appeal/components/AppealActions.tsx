import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  FileInput,
  Group,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AppealAction } from '../../../../domain/appeal-lifecycle.js';
import { REVIEW_RESULT_CODES } from '../../../../domain/results.js';
import { ASSIGNMENT_ROLES } from '../../../../domain/vocabulary.js';
import { executorsQuery } from '../../../shared/api/queries.js';
import type { AppealCard } from '../../../shared/api/types.js';
import { resultLabel } from '../../../shared/lib/results.js';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import { applyServerErrors } from '../../../shared/lib/server-errors.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import {
  assignSchema,
  commentSchema,
  respondSchema,
  reviewAcceptSchema,
  uploadAttachment,
  useAccept,
  useAssign,
  useCancel,
  useNotInCompetence,
  useRespond,
  useReview,
  type AssignValues,
  type CommentValues,
  type RespondValues,
  type ReviewAcceptValues,
} from '../api/appeal.js';
import { FilePreviews } from './FilePreviews.js';

/** The steps this screen has a form for (others, like the applicant's dispute, happen elsewhere). */
const STAFF_ACTIONS = [
  'accept',
  'respond',
  'return_not_in_competence',
  'review_accept',
  'review_rework',
  'assign',
  'cancel',
] as const satisfies readonly AppealAction[];
type StaffAction = (typeof STAFF_ACTIONS)[number];
type FormAction = Exclude<StaffAction, 'accept'>;

/** The action opened first: the one the person most likely came to do. */
const PRIMARY: FormAction[] = ['respond', 'review_accept', 'assign'];

const only =
  <T extends string>(fields: readonly T[]) =>
  (field: string) =>
    (fields as readonly string[]).includes(field) ? (field as T) : null;

/**
 * Only the steps the signed-in person may take now (`allowedActions` of the card). Each step
 * opens a small form in place; what was typed stays there if the server refuses it.
 */
export function AppealActions({ appeal }: { appeal: AppealCard }) {
  const { t } = useTranslation();
  const allowed = appeal.allowedActions.filter((a): a is StaffAction =>
    (STAFF_ACTIONS as readonly string[]).includes(a),
  );
  const formActions = allowed.filter((a): a is FormAction => a !== 'accept');
  const [open, setOpen] = useState<FormAction | null>(
    PRIMARY.find((a) => formActions.includes(a)) ?? null,
  );
  const accept = useAccept(appeal.id);

  useEffect(() => {
    if (open && !formActions.includes(open)) {
      setOpen(PRIMARY.find((a) => formActions.includes(a)) ?? null);
    } else if (!open) {
      const primary = PRIMARY.find((a) => formActions.includes(a));
      if (primary) setOpen(primary);
    }
  }, [allowed.join(',')]);

  const reworkLimitReached =
    appeal.status === 'on_check' &&
    allowed.includes('review_accept') &&
    !allowed.includes('review_rework');

  if (allowed.length === 0) {
    return (
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="actions-heading">
        <Title order={2} size="h4" id="actions-heading" mb="xs">
          {t('card.actions')}
        </Title>
        <Text c="dimmed" size="sm">
          {appeal.status === 'closed' ? t('card.closedNoActions') : t('card.noActions')}
        </Text>
      </Paper>
    );
  }

  const close = () => setOpen(null);

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="actions-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="actions-heading">
          {t('card.actions')}
        </Title>
        {allowed.includes('accept') ? (
          <Stack gap="xs">
            <Button onClick={() => accept.mutate()} loading={accept.isPending} size="md">
              {t('action.accept')}
            </Button>
            <ErrorNote error={accept.error} />
          </Stack>
        ) : null}
        {formActions.length > 0 ? (
          <Group gap="xs" role="group" aria-label={t('card.chooseAction')}>
            {formActions.map((action) => (
              <Button
                key={action}
                variant={open === action ? 'filled' : 'default'}
                color={action === 'cancel' ? 'red' : undefined}
                size="sm"
                aria-expanded={open === action}
                aria-controls={`action-${action}`}
                onClick={() => setOpen(open === action ? null : action)}
              >
                {t(`action.${action}`)}
              </Button>
            ))}
          </Group>
        ) : null}
        {reworkLimitReached ? (
          <Text size="sm" c="warn.8">
            {t('card.reworkLimitReached', { count: appeal.reworkCount })}
          </Text>
        ) : null}
        {formActions.includes('respond') ? (
          <ActionSection id="respond" open={open === 'respond'}>
            <RespondForm appeal={appeal} onDone={close} />
          </ActionSection>
        ) : null}
        {formActions.includes('review_accept') ? (
          <ActionSection id="review_accept" open={open === 'review_accept'}>
            <ReviewAcceptForm appeal={appeal} onDone={close} />
          </ActionSection>
        ) : null}
        {formActions.includes('review_rework') ? (
          <ActionSection id="review_rework" open={open === 'review_rework'}>
            <ReworkForm appeal={appeal} onDone={close} />
          </ActionSection>
        ) : null}
        {formActions.includes('return_not_in_competence') ? (
          <ActionSection id="return_not_in_competence" open={open === 'return_not_in_competence'}>
            <NotInCompetenceForm appeal={appeal} onDone={close} />
          </ActionSection>
        ) : null}
        {formActions.includes('assign') ? (
          <ActionSection id="assign" open={open === 'assign'}>
            <AssignForm appeal={appeal} onDone={close} />
          </ActionSection>
        ) : null}
        {formActions.includes('cancel') ? (
          <ActionSection id="cancel" open={open === 'cancel'}>
            <CancelForm appeal={appeal} onDone={close} />
          </ActionSection>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Kept mounted while hidden, so switching between steps never loses typed text. */
function ActionSection({ id, open, children }: { id: string; open: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (open) ref.current?.querySelector<HTMLElement>('textarea, input, select')?.focus();
  }, [open]);
  return (
    <div id={`action-${id}`} ref={ref} hidden={!open}>
      {children}
    </div>
  );
}

function RespondForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
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

function ReviewAcceptForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
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

function CommentForm({
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

function ReworkForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
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

function NotInCompetenceForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
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

function CancelForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
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

function AssignForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
  const { t } = useTranslation();
  const executors = useQuery(executorsQuery);
  const assign = useAssign(appeal.id);
  const hasMain = appeal.assignments.some(
    (a) => a.role === 'main' && !['returned', 'withdrawn', 'done'].includes(a.state),
  );
  const form = useForm<AssignValues>({
    resolver: formResolver(zodResolver(assignSchema)),
    defaultValues: { executorId: '', role: hasMain ? 'co' : 'main', instruction: '' },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await assign.mutateAsync({
        executorId: Number(values.executorId),
        role: values.role,
        ...(values.instruction ? { instruction: values.instruction } : {}),
      });
      form.reset();
      onDone();
    } catch (failure) {
      applyServerErrors(
        failure,
        form.setError,
        only(['executorId', 'role', 'instruction'] as const),
      );
    }
  });
  const options = (executors.data ?? [])
    .filter((e) => e.active && e.type !== 'contact_centre')
    .map((e) => ({ value: String(e.id), label: e.name }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('action.assign')}>
      <Stack gap="sm">
        <Controller
          control={form.control}
          name="executorId"
          render={({ field, fieldState }) => (
            <Select
              label={t('card.executor')}
              required
              searchable
              data={options}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              nothingFoundMessage={t('common.nothing')}
              error={fieldState.error?.message && t(fieldState.error.message)}
              comboboxProps={{ withinPortal: false }}
            />
          )}
        />
        <NativeSelect
          {...form.register('role')}
          label={t('card.assignmentRole')}
          data={ASSIGNMENT_ROLES.map((r) => ({ value: r, label: t(`assignmentRole.${r}`) }))}
        />
        <Textarea
          {...form.register('instruction')}
          label={t('card.instruction')}
          autosize
          minRows={2}
          error={
            form.formState.errors.instruction?.message &&
            t(form.formState.errors.instruction.message)
          }
        />
        <ErrorNote error={assign.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={assign.isPending}>
            {t('card.assign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
