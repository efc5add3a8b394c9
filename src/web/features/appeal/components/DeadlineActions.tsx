import { Button, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVE_ASSIGNMENT_STATES } from '../../../../domain/appeal-lifecycle.js';
import { meQuery } from '../../../shared/api/queries.js';
import type { AppealCard, Me } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { useDeadlineRequest } from '../api/deadline-requests.js';

/** The executor's own main assignment is still being worked on. */
export function ownsActiveMainAssignment(appeal: AppealCard, me: Me): boolean {
  if (!me.permissions.includes('assignment.work') || me.organisationId === null) return false;
  return appeal.assignments.some(
    (a) =>
      a.role === 'main' &&
      a.executor.id === me.organisationId &&
      (ACTIVE_ASSIGNMENT_STATES as readonly string[]).includes(a.state),
  );
}

/**
 * The executor may ask for more time while it still works on the appeal: its own main assignment
 * is pending, in work or back for rework. Once it has answered (on check, closed) the question is
 * the controller's, and the form goes away.
 */
export function mayAskForExtension(appeal: AppealCard, me: Me): boolean {
  if (!ownsActiveMainAssignment(appeal, me)) return false;
  if (appeal.status === 'on_check' || appeal.status === 'closed') return false;
  return !appeal.assignments.some(
    (a) => a.role === 'main' && a.executor.id === me.organisationId && a.state === 'responded',
  );
}

/** Open and past its control date. */
export function isOverdue(appeal: AppealCard, now: Date = new Date()): boolean {
  return (
    appeal.status !== 'closed' &&
    appeal.controlDate !== null &&
    new Date(appeal.controlDate).getTime() < now.getTime()
  );
}

const MAX_EXTENSION_DAYS = 30;

function ExtensionForm({ appeal }: { appeal: AppealCard }) {
  const { t } = useTranslation();
  const request = useDeadlineRequest(appeal.id, 'extension-requests');
  const [days, setDays] = useState<number | string>(15);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const daysValid = typeof days === 'number' && Number.isInteger(days) && days >= 1;
  const reasonValid = reason.trim().length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!daysValid || !reasonValid) return;
    request.mutate(
      { days, reason: reason.trim() },
      {
        onSuccess: () => {
          setReason('');
          setTouched(false);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="extension-heading">
      <Stack gap="sm">
        <Title order={3} size="h5" id="extension-heading">
          {t('extension.askTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('extension.askHint')}
        </Text>
        <NumberInput
          label={t('extension.days')}
          value={days}
          onChange={setDays}
          min={1}
          max={MAX_EXTENSION_DAYS}
          allowDecimal={false}
          allowNegative={false}
          required
          error={touched && !daysValid ? t('validation.required') : undefined}
        />
        <Textarea
          label={t('extension.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          required
          error={touched && !reasonValid ? t('validation.required') : undefined}
        />
        <ErrorNote error={request.error} />
        {request.isSuccess ? (
          <Text size="sm" c="teal.8" role="status">
            {t('extension.sent')}
          </Text>
        ) : null}
        <Button type="submit" loading={request.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('extension.send')}
        </Button>
      </Stack>
    </form>
  );
}

function ExplanationForm({ appeal }: { appeal: AppealCard }) {
  const { t, i18n } = useTranslation();
  const request = useDeadlineRequest(appeal.id, 'explanation-requests');
  const [question, setQuestion] = useState('');
  const [touched, setTouched] = useState(false);
  const valid = question.trim().length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!valid) return;
    request.mutate(
      { question: question.trim() },
      {
        onSuccess: () => {
          setQuestion('');
          setTouched(false);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="explanation-heading">
      <Stack gap="sm">
        <Title order={3} size="h5" id="explanation-heading">
          {t('explanation.askTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('explanation.askHint')}
        </Text>
        <Textarea
          label={t('explanation.question')}
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          required
          error={touched && !valid ? t('validation.required') : undefined}
        />
        <ErrorNote error={request.error} />
        {request.data ? (
          <Text size="sm" c="teal.8" role="status">
            {t('explanation.sent', { due: formatDateTime(request.data.dueAt, i18n.language) })}
          </Text>
        ) : null}
        <Button type="submit" loading={request.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('explanation.send')}
        </Button>
      </Stack>
    </form>
  );
}

/** The extension form opens on request, so it does not stand between the executor and the answer. */
function ExtensionBehindButton({ appeal }: { appeal: AppealCard }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="default" onClick={() => setOpen(true)} aria-expanded={false}>
        {t('extension.open')}
      </Button>
    );
  }
  return <ExtensionForm appeal={appeal} />;
}

/** On the appeal card: asking for more time (executor) or for an explanation (control). */
export function DeadlineActions({ appeal }: { appeal: AppealCard }) {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  if (!me.data) return null;
  const extension = mayAskForExtension(appeal, me.data);
  const explanation = me.data.permissions.includes('explanation.request') && isOverdue(appeal);
  if (!extension && !explanation) return null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="deadline-heading">
      <Stack gap="lg">
        <Title order={2} size="h4" id="deadline-heading">
          {t('card.deadline')}
        </Title>
        {extension ? <ExtensionBehindButton appeal={appeal} /> : null}
        {explanation ? <ExplanationForm appeal={appeal} /> : null}
      </Stack>
    </Paper>
  );
}
