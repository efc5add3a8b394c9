import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealAction } from '../../../../domain/appeal-lifecycle.js';
import type { AppealCard } from '../../../shared/api/types.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { useAccept } from '../api/appeal.js';
import { ActionSection } from './ActionSection.js';
import { AssignForm } from './AssignForm.js';
import { CancelForm } from './CancelForm.js';
import { NotInCompetenceForm } from './NotInCompetenceForm.js';
import { RespondForm } from './RespondForm.js';
import { ReviewAcceptForm } from './ReviewAcceptForm.js';
import { ReworkForm } from './ReworkForm.js';

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
