import {
  Alert,
  Button,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/lib/server-errors.js';
import { formatDateTime } from '../../shared/lib/format.js';
import { useFeedback, type TrackingView } from '../api.js';

/**
 * After closure: the applicant confirms the problem is solved or disputes it (a dispute sends the
 * appeal back to the controller), and rates the result 1–5. Feedback already given is listed.
 */
export function FeedbackForm({
  view,
  number,
  accessCode,
  onChanged,
}: {
  view: TrackingView;
  number: string;
  accessCode: string;
  onChanged: (view: TrackingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [verdict, setVerdict] = useState<'confirm' | 'dispute' | null>(null);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const given = view.feedback.given.map((g) => (
    <Text size="sm" key={g.at} data-testid="feedback-given">
      {t(`portal.feedback.given.${g.verdict}`, {
        rating: g.rating,
        at: formatDateTime(g.at, i18n.language),
      })}
    </Text>
  ));

  if (!view.feedback.canGive) {
    const refusal = view.feedback.refusal;
    if (given.length === 0 && (!refusal || refusal === 'appeal_not_registered')) return null;
    return (
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4">
          {t('portal.feedback.title')}
        </Title>
        <Stack gap={4} mt="xs">
          {given}
          {refusal ? (
            <Text size="sm" c="dimmed">
              {t(`portal.feedback.refusal.${refusal}`, { defaultValue: refusal })}
            </Text>
          ) : null}
        </Stack>
      </Paper>
    );
  }

  const send = (event: React.FormEvent) => {
    event.preventDefault();
    if (!verdict) return setProblem(t('portal.feedback.chooseVerdict'));
    if (rating < 1) return setProblem(t('portal.feedback.chooseRating'));
    setProblem(null);
    feedback.mutate(
      { number, accessCode, verdict, rating, comment: comment.trim() || null },
      {
        onSuccess: onChanged,
        onError: (error) => setProblem(errorText(t, error)),
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={send} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('portal.feedback.title')}
        </Title>
        {given}
        <Radio.Group
          label={t('portal.feedback.question')}
          value={verdict}
          onChange={(v) => setVerdict(v)}
          required
        >
          <Stack gap={6} mt={4}>
            <Radio value="confirm" label={t('portal.feedback.confirm')} />
            <Radio value="dispute" label={t('portal.feedback.dispute')} />
          </Stack>
        </Radio.Group>
        <div>
          <Text size="sm" fw={500} id="rating-label">
            {t('portal.feedback.rating')}
          </Text>
          {/* Radios: Tab reaches the group, the arrows choose (a star widget would not). */}
          <SegmentedControl
            aria-labelledby="rating-label"
            value={rating ? String(rating) : ''}
            onChange={(v) => {
              setRating(Number(v));
              setProblem(null);
            }}
            data={['1', '2', '3', '4', '5']}
            size="md"
          />
        </div>
        <Textarea
          label={t('portal.feedback.comment')}
          description={verdict === 'dispute' ? t('portal.feedback.disputeHint') : undefined}
          autosize
          minRows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <div aria-live="polite">
          {problem ? (
            <Alert color="red" variant="light">
              {problem}
            </Alert>
          ) : null}
        </div>
        <Button type="submit" loading={feedback.isPending} w="fit-content">
          {t('portal.feedback.send')}
        </Button>
      </Stack>
    </Paper>
  );
}
