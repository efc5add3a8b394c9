import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../../shared/api/queries.js';
import { EXPLANATION_STATES, type ExplanationRequest } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { explanationRequestsQuery, useAnswerExplanation } from '../api/deadlines.js';
import { RequestHeading, RequestListPage } from './RequestListPage.js';

function AnswerForm({ item }: { item: ExplanationRequest }) {
  const { t } = useTranslation();
  const answer = useAnswerExplanation();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const valid = text.trim().length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (valid) answer.mutate({ id: item.id, answer: text.trim() });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('explanation.answer')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={5000}
          required
          error={touched && !valid ? t('validation.required') : undefined}
        />
        <ErrorNote error={answer.error} />
        <Button type="submit" loading={answer.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('explanation.sendAnswer')}
        </Button>
      </Stack>
    </form>
  );
}

function ExplanationItem({ item, canAnswer }: { item: ExplanationRequest; canAnswer: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = `explanation-${item.id}`;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="article"
      aria-labelledby={headingId}
      className={item.overdue ? 'overdue-card' : undefined}
    >
      <Stack gap="xs">
        <RequestHeading
          appealId={item.appealId}
          appealNumber={item.appealNumber}
          headingId={headingId}
        >
          <Group gap={6}>
            {item.overdue ? (
              <Badge color="red" variant="filled" radius="sm">
                {t('explanation.overdue')}
              </Badge>
            ) : null}
            <Badge color={item.state === 'answered' ? 'teal' : 'blue'} variant="light" radius="sm">
              {t(`explanation.states.${item.state}`)}
            </Badge>
          </Group>
        </RequestHeading>
        <Text size="sm">{item.executor}</Text>
        <Text size="sm" c={item.overdue ? 'red.9' : undefined}>
          {t('explanation.dueAt')}: {formatDateTime(item.dueAt, lang)}
        </Text>
        <Text size="sm" className="quote">
          {item.question}
        </Text>
        {item.answer ? (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('explanation.answeredAt')}: {formatDateTime(item.answeredAt, lang)}
            </Text>
            <Text size="sm" className="description">
              {item.answer}
            </Text>
          </Stack>
        ) : null}
        {canAnswer && item.state === 'requested' ? <AnswerForm item={item} /> : null}
      </Stack>
    </Paper>
  );
}

/**
 * Written explanations of overdue appeals: the executor answers its organisation's; the controller
 * and the head follow them, late ones marked.
 */
export function ExplanationsPage() {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const canAnswer = me.data?.permissions.includes('assignment.work') ?? false;
  return (
    <RequestListPage
      section="explanation"
      description={canAnswer ? t('explanation.subtitleExecutor') : t('explanation.subtitle')}
      states={EXPLANATION_STATES}
      query={explanationRequestsQuery}
      renderItem={(item) => <ExplanationItem item={item} canAnswer={canAnswer} />}
    />
  );
}
