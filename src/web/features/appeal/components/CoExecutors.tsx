import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isActiveAssignment } from '../../../../domain/appeal-lifecycle.js';
import { executorsQuery, meQuery } from '../../../shared/api/queries.js';
import type { AppealCard } from '../../../shared/api/types.js';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import { applyServerErrors } from '../../../shared/lib/server-errors.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import {
  coExecutorSchema,
  useAssign,
  useEndAssignment,
  type CoExecutorValues,
} from '../api/appeal.js';
import { only } from './action-fields.js';

type Assignment = AppealCard['assignments'][number];

/**
 * Co-executors on the card (regulation 3.1.2: an appeal goes to executors, each with its own
 * instruction): the contact centre adds one, or ends one whose part is no longer needed. Shown to
 * those the API lets assign (`appeal.assign`) while the appeal is open.
 */
export function CoExecutors({ appeal }: { appeal: AppealCard }) {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!me.data?.permissions.includes('appeal.assign') || appeal.status === 'closed') return null;
  const active = appeal.assignments.filter((a) => a.role === 'co' && isActiveAssignment(a.state));
  return (
    <Stack gap="sm" mt="md" component="section" aria-labelledby="co-executors-heading">
      <Title order={3} size="h5" id="co-executors-heading">
        {t('card.coExecutors')}
      </Title>
      {active.length > 0 ? (
        <Stack gap="xs" component="ul" className="plain-list">
          {active.map((assignment) => (
            <li key={assignment.id}>
              <EndAssignment appeal={appeal} assignment={assignment} onEnded={setDone} />
            </li>
          ))}
        </Stack>
      ) : null}
      {done ? (
        <Text size="sm" c="teal.9" role="status">
          {done}
        </Text>
      ) : null}
      {adding ? (
        <AddCoExecutorForm
          appeal={appeal}
          onDone={(name) => {
            setAdding(false);
            setDone(name ? t('card.coExecutorAdded', { name }) : null);
          }}
        />
      ) : (
        <Button
          variant="default"
          size="sm"
          style={{ alignSelf: 'flex-start' }}
          aria-expanded={false}
          onClick={() => {
            setDone(null);
            setAdding(true);
          }}
        >
          {t('card.addCoExecutor')}
        </Button>
      )}
    </Stack>
  );
}

function EndAssignment({
  appeal,
  assignment,
  onEnded,
}: {
  appeal: AppealCard;
  assignment: Assignment;
  onEnded: (message: string) => void;
}) {
  const { t } = useTranslation();
  const end = useEndAssignment(appeal.id);
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const name = assignment.executor.name;
  return (
    <Stack gap={4} className="co-executor">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <div style={{ minWidth: 0, flex: '1 1 12rem' }}>
          <Text size="sm" fw={600} className="wrap-anywhere">
            {name}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`assignmentState.${assignment.state}`)}
            {assignment.instruction ? ` · ${assignment.instruction}` : ''}
          </Text>
        </div>
        {open ? null : (
          <Button
            variant="default"
            color="red"
            size="xs"
            aria-label={t('card.endAssignmentOf', { name })}
            onClick={() => setOpen(true)}
          >
            {t('card.endAssignment')}
          </Button>
        )}
      </Group>
      {open ? (
        <form
          aria-label={t('card.endAssignmentOf', { name })}
          onSubmit={(event) => {
            event.preventDefault();
            // The card's refetch removes this form once the assignment has ended, and a
            // mutation's per-call callbacks do not run after their component unmounts; the
            // promise still settles, and the message lives in the parent.
            end
              .mutateAsync({
                assignmentId: assignment.id,
                ...(comment.trim() ? { comment: comment.trim() } : {}),
              })
              .then(
                () => onEnded(t('card.assignmentEnded', { name })),
                () => undefined, // shown by the form's error note
              );
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('card.endComment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              data-autofocus
              autoFocus
            />
            <ErrorNote error={end.error} />
            <Group gap="xs">
              <Button type="submit" size="xs" color="red.9" loading={end.isPending}>
                {t('card.endConfirm')}
              </Button>
              <Button type="button" size="xs" variant="default" onClick={() => setOpen(false)}>
                {t('card.endCancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}

function AddCoExecutorForm({
  appeal,
  onDone,
}: {
  appeal: AppealCard;
  onDone: (name: string | null) => void;
}) {
  const { t } = useTranslation();
  const executors = useQuery(executorsQuery);
  const assign = useAssign(appeal.id);
  const busy = new Set(
    appeal.assignments.filter((a) => isActiveAssignment(a.state)).map((a) => a.executor.id),
  );
  const options = (executors.data ?? [])
    .filter((e) => e.active && e.type !== 'contact_centre' && !busy.has(e.id))
    .map((e) => ({ value: String(e.id), label: e.name }));
  const form = useForm<CoExecutorValues>({
    resolver: formResolver(zodResolver(coExecutorSchema)),
    defaultValues: { executorId: '', instruction: '' },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await assign.mutateAsync({
        executorId: Number(values.executorId),
        role: 'co',
        ...(values.instruction ? { instruction: values.instruction } : {}),
      });
      onDone(options.find((o) => o.value === values.executorId)?.label ?? null);
    } catch (failure) {
      applyServerErrors(failure, form.setError, only(['executorId', 'instruction'] as const));
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('card.addCoExecutor')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('card.coExecutorHint')}
        </Text>
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
              nothingFoundMessage={
                executors.data && options.length === 0
                  ? t('card.noCoExecutorsLeft')
                  : t('common.nothing')
              }
              error={fieldError(t, fieldState.error?.message)}
              comboboxProps={{ withinPortal: false }}
              autoFocus
            />
          )}
        />
        <Textarea
          {...form.register('instruction')}
          label={t('card.coInstruction')}
          description={t('card.coInstructionHint')}
          autosize
          minRows={2}
          error={fieldError(t, form.formState.errors.instruction?.message)}
        />
        <ErrorNote error={assign.error} />
        <Group gap="xs">
          <Button type="submit" size="sm" loading={assign.isPending}>
            {t('card.addCoExecutorSubmit')}
          </Button>
          <Button type="button" size="sm" variant="default" onClick={() => onDone(null)}>
            {t('card.addCoExecutorCancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const fieldError = (t: (key: string) => string, message: string | undefined) =>
  message ? t(message) : undefined;
