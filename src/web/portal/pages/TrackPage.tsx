import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { trackingQuerySchema } from '../../../domain/portal-forms.js';
import { REJECTION_REASONS } from '../../../domain/portal.js';
import { ApiError } from '../../shared/api/client.js';
import { formatDate, formatDateTime } from '../../shared/lib/format.js';
import { StatusBadge } from '../../shared/ui/StatusBadge.js';
import { useTrack, type TrackingView } from '../api.js';
import { FeedbackForm } from '../components/FeedbackForm.js';
import { OwnPhotos } from '../components/OwnPhotos.js';
import { fieldErrors, type FieldErrors } from '../lib/form-errors.js';
import { inLanguage, languageOf, localName } from '../../shared/i18n/locale.js';

/**
 * Follow an appeal by its number and access code (the code travels in the body, never the URL):
 * where it stands, until when, who works on it, the result and the answer; after closure, the
 * applicant's verdict and rating.
 */
export function TrackPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const fromReceipt = (location.state as { accessCode?: string } | null)?.accessCode ?? '';
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [accessCode, setAccessCode] = useState(fromReceipt);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [view, setView] = useState<TrackingView | null>(null);
  const track = useTrack();
  const result = useRef<HTMLHeadingElement>(null);

  const lookUp = (input: { number: string; accessCode: string }) => {
    track.mutate(input, {
      onSuccess: (data) => {
        setView(data);
        requestAnimationFrame(() => result.current?.focus());
      },
      onError: () => setView(null),
    });
  };

  // Arriving from the receipt with the code: look it up at once.
  useEffect(() => {
    if (fromReceipt && number) lookUp({ number, accessCode: fromReceipt });
  }, []);

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = trackingQuerySchema.safeParse({ number, accessCode });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    setParams({ number: parsed.data.number }, { replace: true });
    lookUp(parsed.data);
  };

  const failure =
    track.error instanceof ApiError
      ? t(`portal.track.errors.${track.error.code}`, { defaultValue: track.error.message })
      : track.error
        ? t('portal.submit.networkError')
        : null;

  return (
    <Stack gap="md" maw={820}>
      <div>
        <Title order={1}>{t('portal.track.title')}</Title>
        <Text c="dimmed">{t('portal.track.subtitle')}</Text>
      </div>
      <Paper withBorder p="md" radius="md" component="form" onSubmit={onSubmit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ alignItems: 'end' }}>
          <TextInput
            label={t('portal.track.number')}
            placeholder="P-2026-000123"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={errors.number}
            autoComplete="off"
            required
          />
          <TextInput
            label={t('portal.track.code')}
            value={accessCode}
            onChange={(e) => setAccessCode(e.currentTarget.value)}
            error={errors.accessCode}
            autoComplete="off"
            required
          />
          <Button type="submit" loading={track.isPending}>
            {t('portal.track.find')}
          </Button>
        </SimpleGrid>
      </Paper>
      <div aria-live="polite">
        {failure ? (
          <Alert color="red" variant="light">
            {failure}
          </Alert>
        ) : null}
      </div>
      {view ? (
        <TrackingResult
          view={view}
          headingRef={result}
          accessCode={accessCode}
          onChanged={setView}
        />
      ) : null}
    </Stack>
  );
}

function TrackingResult({
  view,
  headingRef,
  accessCode,
  onChanged,
}: {
  view: TrackingView;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  accessCode: string;
  onChanged: (view: TrackingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const appeal = view.appeal;
  return (
    <Stack gap="md">
      <Title order={2} ref={headingRef} tabIndex={-1}>
        {appeal ? t('portal.track.appeal', { number: appeal.number }) : view.trackingNumber}
      </Title>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Field label={t('portal.track.state')}>
            {appeal ? (
              <StatusBadge status={appeal.status} />
            ) : (
              <Badge
                variant="light"
                color={view.state === 'rejected' ? 'red' : 'gray'}
                className="status-badge"
              >
                {t(`portal.submissionState.${view.state}`)}
              </Badge>
            )}
          </Field>
          <Field label={t('portal.track.questionType')}>
            {localName(i18n.language, view.questionType.name, view.questionType.nameEn)}
          </Field>
          <Field label={t('portal.track.submittedAt')}>
            {formatDateTime(view.submittedAt, i18n.language)}
          </Field>
          {appeal ? (
            <>
              <Field label={t('appeal.registeredAt')}>
                {formatDateTime(appeal.registeredAt, i18n.language)}
              </Field>
              <Field label={t('appeal.controlDate')}>
                {formatDate(appeal.controlDate, i18n.language)}
              </Field>
              <Field label={t('appeal.executor')}>{appeal.executor ?? '—'}</Field>
              {appeal.result ? (
                <Field label={t('appeal.result')}>
                  <span data-testid="appeal-result">
                    {inLanguage(i18n.language, appeal.result)}
                  </span>
                </Field>
              ) : null}
              {appeal.closedAt ? (
                <Field label={t('appeal.closedAt')}>
                  {formatDateTime(appeal.closedAt, i18n.language)}
                </Field>
              ) : null}
            </>
          ) : null}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="own-text-heading">
        <Title order={3} size="h4" id="own-text-heading">
          {t('portal.track.yourAppeal')}
        </Title>
        {view.address ? (
          <Text size="sm" c="dimmed">
            {view.address}
          </Text>
        ) : null}
        <Text
          mt="xs"
          className="wrap-anywhere"
          style={{ whiteSpace: 'pre-wrap' }}
          data-testid="own-text"
        >
          {view.description}
        </Text>
        <OwnPhotos photos={view.photoFiles} number={view.trackingNumber} accessCode={accessCode} />
      </Paper>
      {view.state === 'pending' ? (
        <Alert variant="light" color="blue">
          {t('portal.track.pending')}
        </Alert>
      ) : null}
      {view.rejection ? (
        <Alert variant="light" color="red" title={t('portal.track.rejected')}>
          <Text size="sm">
            {REJECTION_REASONS[view.rejection.reason][languageOf(i18n.language)]}
          </Text>
          {view.rejection.comment ? (
            <Text size="sm" mt="xs" className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap' }}>
              {t('portal.track.moderatorComment', { comment: view.rejection.comment })}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      {appeal?.works ? (
        // Issue 16: the emergency or planned works this appeal is linked to.
        <Alert
          color="yellow"
          data-testid="tracked-works"
          title={
            <Text span fw={700} c="#5c3d00">
              {t(`works.kind.${appeal.works.kind}`)}: {t(`works.service.${appeal.works.service}`)} (
              {t(`works.status.${appeal.works.status}`)})
            </Text>
          }
        >
          <Text size="sm">
            {languageOf(i18n.language) === 'en' && appeal.works.publicTextEn
              ? appeal.works.publicTextEn
              : appeal.works.publicTextUk}
          </Text>
          <Text size="sm">
            {t('works.expectedEnd', {
              at: formatDateTime(appeal.works.expectedEndAt, i18n.language),
            })}
          </Text>
        </Alert>
      ) : null}
      {appeal?.answer ? (
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h4">
            {t('portal.track.answer')}
          </Title>
          <Text size="sm" c="dimmed">
            {formatDateTime(appeal.answer.at, i18n.language)}
          </Text>
          <Text
            mt="xs"
            className="wrap-anywhere"
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="appeal-answer"
          >
            {appeal.answer.text}
          </Text>
        </Paper>
      ) : null}
      {appeal && appeal.timeline.length > 0 ? (
        <section aria-labelledby="timeline-heading">
          <Title order={3} size="h4" id="timeline-heading" mb="sm">
            {t('portal.track.timeline')}
          </Title>
          <Timeline bulletSize={14} lineWidth={2} active={appeal.timeline.length}>
            {appeal.timeline.map((step, i) => (
              <Timeline.Item
                key={`${step.at}-${i}`}
                title={t(`event.${step.event}`, { defaultValue: step.event })}
              >
                <Text size="xs" c="dimmed">
                  {formatDateTime(step.at, i18n.language)} · {t(`status.${step.status}`)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </section>
      ) : null}
      <FeedbackForm
        view={view}
        accessCode={accessCode}
        number={appeal?.number ?? view.trackingNumber}
        onChanged={onChanged}
      />
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group gap={6}>{children}</Group>
    </div>
  );
}
