/**
 * Art. 8 of the Law «Про звернення громадян» at the operator's hand: while the call goes on, the
 * earlier appeal of the same applicant on the same question (and address) with its status; when
 * the server refuses a repeat of one decided on the merits, the rule in plain words, the earlier
 * appeal, and registering anyway with the reason (kept in the history).
 */
import { Alert, Anchor, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppealStatus } from '../../../../domain/vocabulary.js';
import { api } from '../../../shared/api/client.js';
import { formatDate } from '../../../shared/lib/format.js';
import { resultLabel } from '../../../shared/lib/results.js';
import { StatusBadge } from '../../../shared/ui/StatusBadge.js';

/** The earlier appeal a new one would repeat (`GET /appeals/repeat-check`). */
export interface RepeatOf {
  id: number;
  number: string;
  status: string;
  result: string | null;
  receivedAt: string;
  decidedOnMerits: boolean;
}

/** Title colours with at least 4.5:1 on the light orange and blue alert backgrounds. */
const DARK_ORANGE = '#7a2e00';
const DARK_BLUE = '#0b4a80';

function repeatCheckQuery(
  applicantId: number | null,
  questionTypeId: number | null,
  address: string,
) {
  return queryOptions({
    queryKey: ['appeals', 'repeat-check', applicantId, questionTypeId, address],
    queryFn: ({ signal }) =>
      api.get<{ repeatOf: RepeatOf | null }>(
        '/appeals/repeat-check',
        { applicantId, questionTypeId, address },
        signal,
      ),
    enabled: applicantId !== null && questionTypeId !== null,
    staleTime: 30_000,
  });
}

function EarlierAppeal({ repeatOf }: { repeatOf: RepeatOf }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Anchor component={Link} to={`/appeals/${repeatOf.id}`} target="_blank" fw={600} c="blue.9">
        {repeatOf.number}
      </Anchor>
      <Text size="sm">
        {t('newCall.repeat.of', { date: formatDate(repeatOf.receivedAt, i18n.language) })}
      </Text>
      <StatusBadge status={repeatOf.status as AppealStatus} />
      {repeatOf.result ? (
        <Text size="sm">{resultLabel(repeatOf.result, i18n.language)}</Text>
      ) : null}
    </Group>
  );
}

/** Shown while the operator types: the same applicant, question type and address as an earlier appeal. */
export function RepeatWarning({
  applicantId,
  questionTypeId,
  address,
}: {
  applicantId: number | null;
  questionTypeId: number | null;
  address: string;
}) {
  const { t } = useTranslation();
  const [settledAddress] = useDebouncedValue(address.trim(), 400);
  const check = useQuery(repeatCheckQuery(applicantId, questionTypeId, settledAddress));
  const repeatOf = check.data?.repeatOf;
  if (!repeatOf) return null;
  return (
    <Alert
      color={repeatOf.decidedOnMerits ? 'orange' : 'blue'}
      variant="light"
      styles={{ title: { color: repeatOf.decidedOnMerits ? DARK_ORANGE : DARK_BLUE } }}
      title={t(repeatOf.decidedOnMerits ? 'newCall.repeat.decidedTitle' : 'newCall.repeat.title')}
      data-testid="repeat-warning"
    >
      <Stack gap={6}>
        <EarlierAppeal repeatOf={repeatOf} />
        <Text size="sm">
          {t(repeatOf.decidedOnMerits ? 'newCall.repeat.decidedText' : 'newCall.repeat.text')}
        </Text>
      </Stack>
    </Alert>
  );
}

/** The server refused a repeat of an appeal decided on the merits: explain, show it, allow registering with a reason. */
export function RepeatRefusal({
  repeatOf,
  sending,
  onRegisterAnyway,
}: {
  repeatOf: RepeatOf;
  sending: boolean;
  onRegisterAnyway: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Alert
      color="orange"
      variant="light"
      styles={{ title: { color: DARK_ORANGE } }}
      role="alert"
      title={t('newCall.repeat.refusedTitle')}
      data-testid="repeat-refusal"
    >
      <Stack gap="sm">
        <Text size="sm">{t('errors.repeat_of_decided_appeal', { number: repeatOf.number })}</Text>
        <EarlierAppeal repeatOf={repeatOf} />
        <Textarea
          label={t('newCall.repeat.reason')}
          description={t('newCall.repeat.reasonHint')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
          autosize
          minRows={2}
          maxLength={1000}
          error={missing ? t('newCall.repeat.reasonRequired') : undefined}
        />
        <Group>
          <Button
            type="button"
            loading={sending}
            onClick={() => {
              if (reason.trim() === '') setMissing(true);
              else onRegisterAnyway(reason.trim());
            }}
          >
            {t('newCall.repeat.registerAnyway')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
