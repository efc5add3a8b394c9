import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NativeSelect, Select, Stack, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_ROLES } from '../../../../domain/vocabulary.js';
import { executorsQuery } from '../../../shared/api/queries.js';
import type { AppealCard } from '../../../shared/api/types.js';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import { applyServerErrors } from '../../../shared/lib/server-errors.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { assignSchema, useAssign, type AssignValues } from '../api/appeal.js';
import { only } from './action-fields.js';

/** Route the appeal to an executor (main, or co-executor beside an active main one). */
export function AssignForm({ appeal, onDone }: { appeal: AppealCard; onDone: () => void }) {
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
