import {
  Alert,
  Anchor,
  Badge,
  Group,
  Image,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/lib/format.js';
import {
  AUTHOR_CATEGORIES,
  AUTHOR_SEXES,
  SOCIAL_STATUSES,
  classifierName,
} from '../../../../domain/classifier-858.js';
import type { SubmissionView } from '../api/moderation.js';
import { MergeForm, RegisterForm, RejectForm, type OnModerated } from './ModerationForms.js';

type Step = 'register' | 'merge' | 'reject';

/**
 * The author's sex, category and social status the portal form stated (Classifier No. 858; the
 * registered appeal carries them), or nothing when none was stated.
 */
function AuthorLine({ author }: { author: SubmissionView['author'] }) {
  const { t, i18n } = useTranslation();
  const names = [
    classifierName(AUTHOR_SEXES, author.sex, i18n.language),
    classifierName(AUTHOR_CATEGORIES, author.category, i18n.language),
    classifierName(SOCIAL_STATUSES, author.socialStatus, i18n.language),
  ].filter(Boolean);
  if (names.length === 0) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="submission-author">
      {t('appeal.author858')}: {names.join(' · ')}
    </Text>
  );
}

/**
 * The appeals already on the submission's building (issue 15): a duplicate to merge into, or an
 * Art. 8 repeat of the same person — found by building, however the address was written.
 */
function SameBuilding({ submission: s }: { submission: SubmissionView }) {
  const { t, i18n } = useTranslation();
  if (!s.building || s.sameBuilding.length === 0) return null;
  return (
    <Alert
      color={s.sameBuilding.some((a) => a.sameApplicant && a.decidedOnMerits) ? 'red' : 'yellow'}
      variant="light"
      title={t('moderation.sameBuilding', { count: s.sameBuilding.length })}
      data-testid="same-building"
    >
      <Stack gap={4} component="ul" className="plain-list">
        {s.sameBuilding.map((a) => (
          <Group key={a.id} gap={6} component="li" wrap="wrap">
            <Anchor component={Link} to={`/appeals/${a.id}`} size="sm">
              {a.number}
            </Anchor>
            <Text size="sm">
              {formatDateTime(a.receivedAt, i18n.language)} · {a.questionType} ·{' '}
              {t(`status.${a.status}`)}
            </Text>
            {a.sameQuestionType ? (
              <Badge size="xs" variant="light">
                {t('moderation.sameQuestion')}
              </Badge>
            ) : null}
            {a.sameApplicant ? (
              <Badge size="xs" color={a.decidedOnMerits ? 'red' : 'blue'} variant="light">
                {a.decidedOnMerits ? t('moderation.art8Repeat') : t('moderation.sameApplicant')}
              </Badge>
            ) : null}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

/** One submission as the moderator needs it: what, where, who, photos; and the three decisions. */
export function SubmissionCard({
  submission: s,
  onDone,
}: {
  submission: SubmissionView;
  onDone: OnModerated;
}) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<Step>('register');
  const headingId = `submission-${s.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="start">
          <div>
            <Title order={2} size="h4" id={headingId}>
              {s.trackingNumber} · {s.questionType.name}
            </Title>
            <Text size="sm" c="dimmed">
              {s.questionType.kind} · {t(`channel.${s.channel}`)} ·{' '}
              {formatDateTime(s.receivedAt, i18n.language)}
              {s.apiClient ? ` · ${s.apiClient}` : ''}
            </Text>
          </div>
          <Group gap={6}>
            <Badge variant="light">{t(`kind.${s.kind}`)}</Badge>
            {s.confidential ? (
              <Badge color="red" variant="outline">
                {t('moderation.confidential')}
              </Badge>
            ) : null}
          </Group>
        </Group>
        <Text className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap' }}>
          {s.description}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <div>
            <Text size="sm" fw={600}>
              {t('moderation.where')}
            </Text>
            <Text size="sm">{s.address ?? '—'}</Text>
            {s.latitude != null && s.longitude != null ? (
              <Text size="xs" c="dimmed">
                {s.latitude.toFixed(5)}, {s.longitude.toFixed(5)}
              </Text>
            ) : null}
            <Text size="xs" c={s.building ? 'teal.9' : 'dimmed'} data-testid="submission-building">
              {s.building
                ? t('moderation.building', { label: s.building.label })
                : t('moderation.noBuilding')}
            </Text>
          </div>
          <div>
            <Text size="sm" fw={600}>
              {t('moderation.applicant')}
            </Text>
            <Text size="sm">{s.applicant.name}</Text>
            <Text size="sm" c="dimmed">
              {[s.applicant.phone, s.applicant.email, s.applicant.address]
                .filter(Boolean)
                .join(' · ') || '—'}
            </Text>
            <AuthorLine author={s.author} />
          </div>
        </SimpleGrid>
        <SameBuilding submission={s} />
        {s.photos.length > 0 ? (
          <Group gap="sm" component="ul" className="plain-list">
            {s.photos.map((p) => (
              <li key={p.id}>
                <Anchor href={p.url} target="_blank" rel="noreferrer">
                  <Image
                    src={p.url}
                    alt={t('card.imageAlt', { name: p.fileName })}
                    w={112}
                    h={84}
                    fit="cover"
                    radius="sm"
                  />
                </Anchor>
              </li>
            ))}
          </Group>
        ) : null}
        {s.state === 'pending' ? (
          <Stack gap="sm" mt="xs">
            <SegmentedControl
              value={step}
              onChange={(v) => setStep(v)}
              aria-label={t('moderation.decision')}
              data={[
                { value: 'register', label: t('moderation.register') },
                { value: 'merge', label: t('moderation.merge') },
                { value: 'reject', label: t('moderation.reject') },
              ]}
              w="fit-content"
            />
            {step === 'register' ? <RegisterForm submission={s} onDone={onDone} /> : null}
            {step === 'merge' ? <MergeForm submission={s} onDone={onDone} /> : null}
            {step === 'reject' ? <RejectForm submission={s} onDone={onDone} /> : null}
          </Stack>
        ) : (
          <Text size="sm" data-testid="moderation-outcome">
            {t(`moderation.outcome.${s.state}`)}
            {s.moderatedBy ? ` · ${s.moderatedBy}` : ''}
            {s.moderatedAt ? ` · ${formatDateTime(s.moderatedAt, i18n.language)}` : ''}
            {s.rejectionReason ? ` · ${t(`moderation.reason.${s.rejectionReason}`)}` : ''}
            {s.moderationComment ? ` · «${s.moderationComment}»` : ''}
            {s.appeal ? (
              <>
                {' · '}
                <Anchor component={Link} to={`/appeals/${s.appeal.id}`}>
                  {s.appeal.number}
                </Anchor>
              </>
            ) : null}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
