import {
  Anchor,
  Badge,
  Box,
  Button,
  FileButton,
  Grid,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { AddressPlaceNote } from './AddressPlaceNote.js';
import { AppealWorksNote } from './AppealWorksNote.js';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { executorsQuery, meQuery } from '../../../shared/api/queries.js';
import { AnswerFlags } from './AnswerFlags.js';
import type { AppealCard, Attachment, HistoryEvent } from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatBytes, formatDateTime } from '../../../shared/lib/format.js';
import { resultLabel } from '../../../shared/lib/results.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { PrivilegedBadge, StatusBadge } from '../../../shared/ui/StatusBadge.js';
import { ControlDate } from '../../../shared/ui/TimeLeft.js';
import { useQuestionTypeName } from '../../../shared/lib/use-question-type-name.js';
import { appealQuery } from '../../../shared/api/queries.js';
import { useUpload } from '../api/appeal.js';
import { DeadlineActions } from './DeadlineActions.js';
import { AppealActions } from './AppealActions.js';
import { AssignmentsList } from './AssignmentsList.js';
import { CoExecutors } from './CoExecutors.js';
import {
  AUTHOR_CATEGORIES,
  AUTHOR_SEXES,
  SOCIAL_STATUSES,
  classifierName,
} from '../../../../domain/classifier-858.js';
import { ReworkReason } from './ReworkReason.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" className="field-label">
        {label}
      </Text>
      <Text component="div" size="sm">
        {children}
      </Text>
    </div>
  );
}

/** The author by Classifier No. 858 (issue 17): sex, category, social status as the intake recorded them. */
function AuthorFields({ author }: { author: NonNullable<AppealCard['author']> }) {
  const { t, i18n } = useTranslation();
  const name = (items: Parameters<typeof classifierName>[0], key: string | null) =>
    classifierName(items, key, i18n.language) ?? '—';
  return (
    <>
      <Field label={t('appeal.authorSex')}>{name(AUTHOR_SEXES, author.sex)}</Field>
      <Field label={t('appeal.authorCategory')}>{name(AUTHOR_CATEGORIES, author.category)}</Field>
      <Field label={t('appeal.authorSocialStatus')}>
        {name(SOCIAL_STATUSES, author.socialStatus)}
      </Field>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Files({ files }: { files: Attachment[] }) {
  const { t, i18n } = useTranslation();
  if (files.length === 0) return null;
  const images = files.filter((f) => f.mediaType.startsWith('image/'));
  const others = files.filter((f) => !f.mediaType.startsWith('image/'));
  return (
    <Stack gap="xs" mt="sm">
      {images.length > 0 ? (
        <Group gap="sm" component="ul" className="plain-list">
          {images.map((file) => (
            <li key={file.id}>
              <a href={file.url} target="_blank" rel="noreferrer" className="thumb-link">
                <Image
                  src={file.url}
                  alt={t('card.imageAlt', { name: file.fileName })}
                  w={140}
                  h={100}
                  fit="cover"
                  radius="sm"
                />
              </a>
            </li>
          ))}
        </Group>
      ) : null}
      <Stack gap={2} component="ul" className="plain-list">
        {[...images, ...others].map((file) => (
          <li key={file.id}>
            <Anchor href={file.url} download={file.fileName} size="sm">
              {file.fileName}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              ({formatBytes(file.sizeBytes, i18n.language)})
            </Text>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

function HistoryItem({ event }: { event: HistoryEvent }) {
  const { t, i18n } = useTranslation();
  const executors = useQuery(executorsQuery);
  const executorId = typeof event.data.executorId === 'number' ? event.data.executorId : null;
  const executor = executorId ? executors.data?.find((e) => e.id === executorId)?.name : null;
  const result = typeof event.data.result === 'string' ? event.data.result : null;
  const change =
    event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus
      ? `${t(`status.${event.fromStatus}`, { defaultValue: event.fromStatus })} → ${t(`status.${event.toStatus}`, { defaultValue: event.toStatus })}`
      : null;
  return (
    <>
      <Text size="xs" c="dimmed">
        {formatDateTime(event.at, i18n.language)} · {event.actor}
      </Text>
      {change ? <Text size="sm">{change}</Text> : null}
      {executor ? <Text size="sm">{executor}</Text> : null}
      {result ? <Text size="sm">{resultLabel(result, i18n.language)}</Text> : null}
      {event.comment ? (
        <Text size="sm" className="quote">
          {event.comment}
        </Text>
      ) : null}
    </>
  );
}

/** The history as a timeline (on a phone it comes last, after the details). */
function History({ appeal, id }: { appeal: AppealCard; id: string }) {
  const { t } = useTranslation();
  return (
    <Section id={id} title={t('card.history')}>
      <Timeline bulletSize={14} lineWidth={2} active={appeal.history.length}>
        {appeal.history.map((event) => (
          <Timeline.Item
            key={event.id}
            title={t(`event.${event.type}`, { defaultValue: event.type })}
          >
            <HistoryItem event={event} />
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}

function UploadButton({ appeal }: { appeal: AppealCard }) {
  const { t } = useTranslation();
  const upload = useUpload(appeal.id);
  return (
    <Stack gap="xs" align="flex-start">
      <FileButton onChange={(file) => file && upload.mutate(file)} accept="image/*,application/pdf">
        {(props) => (
          <Button {...props} variant="default" size="xs" loading={upload.isPending}>
            {t('card.addFile')}
          </Button>
        )}
      </FileButton>
      <ErrorNote error={upload.error} />
    </Stack>
  );
}

/** Everything about one appeal, and the steps the signed-in person may take now. */
export function AppealCardPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const appeal = useQuery({ ...appealQuery(id), enabled: Number.isInteger(id) && id > 0 });
  const me = useQuery(meQuery);
  const questionTypeName = useQuestionTypeName();

  if (appeal.error) return <ErrorNote error={appeal.error} title={t('card.notFound')} />;
  if (!appeal.data) {
    return (
      <Stack>
        <Skeleton h={40} w="40%" />
        <Skeleton h={240} />
      </Stack>
    );
  }
  const a = appeal.data;
  const lang = i18n.language;
  const closed = a.status === 'closed';
  const looseFiles = a.attachments.filter((f) => !f.responseId);
  const canUpload = me.data?.permissions.includes('attachment.upload') && !closed;
  const mainExecutor =
    a.mainExecutor?.name ?? a.assignments.findLast((x) => x.role === 'main')?.executor.name;
  const reviewFor = (createdAt: string) => a.reviews.filter((r) => r.createdAt >= createdAt);

  return (
    <>
      <PageHeader
        title={t('card.title', { number: a.number })}
        description={questionTypeName(a.questionType)}
        actions={
          <Group gap="xs">
            <StatusBadge status={a.status} />
            {a.privileged ? <PrivilegedBadge /> : null}
            {a.confidential ? (
              <Badge color="dark" variant="outline" radius="sm" className="status-badge">
                {t('card.confidential')}
              </Badge>
            ) : null}
            {a.reworkCount > 0 ? (
              <Badge color="warn" variant="outline" radius="sm" className="status-badge">
                {t('card.reworks', { count: a.reworkCount })}
              </Badge>
            ) : null}
          </Group>
        }
      />
      <Grid gap="lg">
        {/* On a phone the appeal's text (and a rework reason) come first, the actions after. */}
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 2, md: 2 }}>
          <Stack gap="lg">
            <AppealActions appeal={a} key={a.id} />
            <DeadlineActions appeal={a} key={`deadline-${a.id}`} />
            <Box visibleFrom="md">
              <History appeal={a} id="history-heading" />
            </Box>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 1, md: 1 }}>
          <Stack gap="lg">
            <ReworkReason appeal={a} />
            <AppealWorksNote appealId={a.id} />
            <Section id="details-heading" title={t('card.details')}>
              <Stack gap="md">
                <Text className="description">{a.description}</Text>
                <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" verticalSpacing="md">
                  <Field label={t('appeal.controlDate')}>
                    <ControlDate controlDate={a.controlDate} closed={closed} />
                  </Field>
                  <Field label={t('appeal.legalDeadline')}>
                    {a.legalDeadline ? formatDateTime(a.legalDeadline, lang) : '—'}
                  </Field>
                  <Field label={t('appeal.address')}>
                    {a.address ?? '—'}
                    <AddressPlaceNote place={a.addressPlace} part="address" address={a.address} />
                  </Field>
                  <Field label={t('appeal.executor')}>
                    {mainExecutor ?? '—'}
                    <AddressPlaceNote place={a.addressPlace} part="routing" />
                  </Field>
                  <Field label={t('appeal.questionKind')}>{a.questionType.kind}</Field>
                  <Field label={t('appeal.receivedAt')}>{formatDateTime(a.receivedAt, lang)}</Field>
                  <Field label={t('appeal.registeredAt')}>
                    {formatDateTime(a.registeredAt, lang)}
                  </Field>
                  <Field label={t('appeal.channel')}>{t(`channel.${a.channel}`)}</Field>
                  <Field label={t('appeal.kind')}>{t(`kind.${a.kind}`)}</Field>
                  <Field label={t('appeal.subject')}>{t(`subject.${a.subject}`)}</Field>
                  <Field label={t('appeal.receiptSign')}>{t(`receiptSign.${a.receiptSign}`)}</Field>
                  <Field label={t('appeal.reworkCount')}>{a.reworkCount}</Field>
                  <Field label={t('appeal.result')}>{resultLabel(a.result, lang)}</Field>
                  {a.closedAt ? (
                    <Field label={t('appeal.closedAt')}>{formatDateTime(a.closedAt, lang)}</Field>
                  ) : null}
                </SimpleGrid>
              </Stack>
            </Section>
            {a.applicant ? (
              <Section id="applicant-heading" title={t('card.applicant')}>
                <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
                  <Field label={t('applicant.fullName')}>
                    <Anchor
                      component={Link}
                      to={`/appeals?applicantId=${a.applicant.id}`}
                      size="sm"
                    >
                      {a.applicant.fullName}
                    </Anchor>
                  </Field>
                  <Field label={t('applicant.phones')}>
                    {a.applicant.phones.join(', ') || '—'}
                  </Field>
                  <Field label={t('applicant.address')}>{a.applicant.address ?? '—'}</Field>
                  {a.applicant.email !== undefined ? (
                    <Field label={t('applicant.email')}>{a.applicant.email ?? '—'}</Field>
                  ) : null}
                  {a.applicant.privilegedCategory !== undefined ? (
                    <Field label={t('applicant.privilegedCategory')}>
                      {a.applicant.privilegedCategory ?? '—'}
                    </Field>
                  ) : null}
                  {a.author ? <AuthorFields author={a.author} /> : null}
                </SimpleGrid>
              </Section>
            ) : null}
            <Section id="assignments-heading" title={t('card.assignments')}>
              <AssignmentsList assignments={a.assignments} />
              <CoExecutors appeal={a} />
            </Section>
            <Section id="responses-heading" title={t('card.responses')}>
              {a.responses.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('card.noResponses')}
                </Text>
              ) : (
                <Stack gap="lg" component="ol" className="plain-list">
                  {a.responses.map((response, index) => {
                    const next = a.responses[index + 1];
                    const reviews = reviewFor(response.createdAt).filter(
                      (r) => !next || r.createdAt < next.createdAt,
                    );
                    return (
                      <li key={response.id} className="response">
                        <Text size="xs" c="dimmed">
                          {formatDateTime(response.createdAt, lang)} · {response.executor}
                          {response.author ? ` · ${response.author}` : ''}
                        </Text>
                        <Text size="sm" className="description" mt={4}>
                          {response.text}
                        </Text>
                        <AnswerFlags appealId={a.id} responseId={response.id} />
                        {response.proposedResult ? (
                          <Text size="sm" mt={4}>
                            {t('card.proposed')}: {resultLabel(response.proposedResult, lang)}
                          </Text>
                        ) : null}
                        <Files files={a.attachments.filter((f) => f.responseId === response.id)} />
                        {reviews.map((review) => (
                          <Paper key={review.id} mt="sm" p="sm" radius="sm" className="review-note">
                            <Text size="sm" fw={600}>
                              {review.decision === 'accept'
                                ? t('card.reviewAccepted', {
                                    result: resultLabel(review.result, lang),
                                  })
                                : t('card.reviewRework')}
                            </Text>
                            {review.comment ? <Text size="sm">{review.comment}</Text> : null}
                            <Text size="xs" c="dimmed">
                              {formatDateTime(review.createdAt, lang)}
                              {review.reviewer ? ` · ${review.reviewer}` : ''}
                            </Text>
                          </Paper>
                        ))}
                      </li>
                    );
                  })}
                </Stack>
              )}
            </Section>
            <Section id="files-heading" title={t('card.otherFiles')}>
              {looseFiles.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('card.noFiles')}
                </Text>
              ) : (
                <Files files={looseFiles} />
              )}
              {canUpload ? (
                <div style={{ marginTop: 12 }}>
                  <UploadButton appeal={a} />
                </div>
              ) : null}
            </Section>
            <Box hiddenFrom="md">
              <History appeal={a} id="history-heading-narrow" />
            </Box>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
