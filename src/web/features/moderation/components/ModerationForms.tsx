import {
  Alert,
  Button,
  Checkbox,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REJECTION_REASON_CODES,
  REJECTION_REASONS,
  type MergeReceiptSign,
  type RejectionReason,
} from '../../../../domain/portal.js';
import { ApiError } from '../../../shared/api/client.js';
import { classifierQuery, executorsQuery } from '../../../shared/api/queries.js';
import { errorText } from '../../../shared/lib/server-errors.js';
import type { QuestionType } from '../../../shared/api/types.js';
import { QuestionTypePicker } from '../../../shared/ui/QuestionTypePicker.js';
import { QuestionTypeSuggestions } from '../../../shared/ui/QuestionTypeSuggestions.js';
import { AddressPicker, type PickedAddress } from '../../../shared/ui/AddressPicker.js';
import {
  findAppealByNumber,
  searchStaffAddresses,
  useMergeSubmission,
  useRegisterSubmission,
  useRejectSubmission,
  type ModerationOutcome,
  type SubmissionView,
} from '../api/moderation.js';

export type OnModerated = (outcome: ModerationOutcome, submission: SubmissionView) => void;

function Failure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {errorText(t, error)}
    </Alert>
  );
}

/** Register as an appeal: the question type (corrected if need be), subject, address, instruction. */
export function RegisterForm({
  submission: s,
  onDone,
}: {
  submission: SubmissionView;
  onDone: OnModerated;
}) {
  const { t } = useTranslation();
  const classifier = useQuery(classifierQuery);
  const chosenAtSubmission = useMemo(
    () =>
      classifier.data?.flatMap((k) => k.questionTypes).find((q) => q.id === s.questionType.id) ??
      null,
    [classifier.data, s.questionType.id],
  );
  const [questionType, setQuestionType] = useState<QuestionType | null>(null);
  const [subject, setSubject] = useState<'individual' | 'collective'>('individual');
  const [address, setAddress] = useState<PickedAddress>({
    text: s.address ?? '',
    buildingId: s.building?.id ?? null,
    building: null,
  });
  const [instruction, setInstruction] = useState('');
  const [executorId, setExecutorId] = useState<string | null>(null);
  const executors = useQuery(executorsQuery);
  const [acknowledgeRepeat, setAcknowledgeRepeat] = useState(false);
  const register = useRegisterSubmission();
  const repeat =
    register.error instanceof ApiError && register.error.code === 'repeat_of_decided_appeal';
  const current = questionType ?? chosenAtSubmission;

  const send = (event: React.FormEvent) => {
    event.preventDefault();
    register.mutate(
      {
        id: s.id,
        input: {
          ...(current && current.id !== s.questionType.id ? { questionTypeId: current.id } : {}),
          subject,
          address: address.text.trim() || null,
          buildingId: address.buildingId,
          ...(instruction.trim() ? { instruction: instruction.trim() } : {}),
          ...(executorId ? { executorId: Number(executorId) } : {}),
          acknowledgeRepeat,
        },
      },
      { onSuccess: (outcome) => onDone(outcome, s) },
    );
  };

  return (
    <Stack gap="sm" component="form" onSubmit={send}>
      {classifier.data ? (
        <QuestionTypePicker key={current?.id ?? 0} value={current} onChange={setQuestionType} />
      ) : null}
      <QuestionTypeSuggestions
        text={s.description}
        chosenId={current?.id ?? null}
        onChoose={setQuestionType}
      />
      <Group grow align="start">
        <Select
          label={t('appeal.subject')}
          data={(['individual', 'collective'] as const).map((v) => ({
            value: v,
            label: t(`subject.${v}`),
          }))}
          value={subject}
          onChange={(v) => setSubject(v === 'collective' ? 'collective' : 'individual')}
          allowDeselect={false}
        />
      </Group>
      <AddressPicker
        label={t('appeal.address')}
        description={t('addressPicker.hint')}
        value={address}
        onChange={setAddress}
        search={searchStaffAddresses}
        scope="staff"
      />
      <Select
        label={t('appeal.executor')}
        placeholder={t('moderation.executorByRule')}
        data={(executors.data ?? [])
          .filter((e) => e.active)
          .map((e) => ({ value: String(e.id), label: e.name }))}
        searchable
        clearable
        value={executorId}
        onChange={setExecutorId}
      />
      <Textarea
        label={t('moderation.instruction')}
        autosize
        minRows={2}
        value={instruction}
        onChange={(e) => setInstruction(e.currentTarget.value)}
      />
      {repeat ? (
        <Alert color="orange" variant="light" title={t('moderation.repeatTitle')}>
          <Text size="sm">
            {t('moderation.repeatText', {
              number: /\d{4}-\d{6,}/.exec(register.error?.message ?? '')?.[0] ?? '—',
            })}
          </Text>
          <Checkbox
            mt="xs"
            label={t('moderation.acknowledgeRepeat')}
            checked={acknowledgeRepeat}
            onChange={(e) => setAcknowledgeRepeat(e.currentTarget.checked)}
          />
        </Alert>
      ) : (
        <Failure error={register.error} />
      )}
      <Group>
        <Button type="submit" loading={register.isPending} disabled={!current}>
          {t('moderation.registerSubmit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Merge into an open appeal on the same problem (a duplicate, or another person's). */
export function MergeForm({
  submission: s,
  onDone,
}: {
  submission: SubmissionView;
  onDone: OnModerated;
}) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [sign, setSign] = useState<MergeReceiptSign>('multiple');
  const [comment, setComment] = useState('');
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const merge = useMergeSubmission();

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setLookupError(null);
    setLooking(true);
    const appeal = await findAppealByNumber(number).catch(() => null);
    setLooking(false);
    if (!appeal) {
      setLookupError(t('moderation.appealNotFound', { number: number.trim() }));
      return;
    }
    merge.mutate(
      {
        id: s.id,
        input: { appealId: appeal.id, receiptSign: sign, ...(comment.trim() ? { comment } : {}) },
      },
      { onSuccess: (outcome) => onDone(outcome, s) },
    );
  };

  return (
    <Stack gap="sm" component="form" onSubmit={(e) => void send(e)}>
      <TextInput
        label={t('moderation.mergeInto')}
        description={t('moderation.mergeIntoHint')}
        placeholder="2026-000123"
        value={number}
        onChange={(e) => setNumber(e.currentTarget.value)}
        error={lookupError}
        required
      />
      <Radio.Group label={t('appeal.receiptSign')} value={sign} onChange={(v) => setSign(v)}>
        <Stack gap={4} mt={4}>
          <Radio value="multiple" label={t('moderation.signMultiple')} />
          <Radio value="duplicate" label={t('moderation.signDuplicate')} />
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('card.commentOptional')}
        autosize
        minRows={1}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      <Failure error={merge.error} />
      <Group>
        <Button type="submit" loading={looking || merge.isPending} disabled={!number.trim()}>
          {t('moderation.mergeSubmit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Reject with a reason of the Law; the applicant receives its explanation (and the comment). */
export function RejectForm({
  submission: s,
  onDone,
}: {
  submission: SubmissionView;
  onDone: OnModerated;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<RejectionReason | null>(null);
  const [comment, setComment] = useState('');
  const reject = useRejectSubmission();
  // What the applicant reads, in the language they wrote in.
  const explanation = reason ? REJECTION_REASONS[reason][s.locale] : null;

  const send = (event: React.FormEvent) => {
    event.preventDefault();
    if (!reason) return;
    reject.mutate(
      { id: s.id, input: { reason, ...(comment.trim() ? { comment } : {}) } },
      { onSuccess: (outcome) => onDone(outcome, s) },
    );
  };

  return (
    <Stack gap="sm" component="form" onSubmit={send}>
      <Select
        label={t('moderation.reasonLabel')}
        data={REJECTION_REASON_CODES.map((r) => ({
          value: r,
          label: `${t(`moderation.reason.${r}`)} (${REJECTION_REASONS[r].article})`,
        }))}
        value={reason}
        onChange={(v) => setReason(v)}
        required
      />
      {explanation ? (
        <Alert variant="light" color="gray" title={t('moderation.applicantReads')}>
          <Text size="sm">{explanation}</Text>
        </Alert>
      ) : null}
      <Textarea
        label={t('moderation.rejectComment')}
        autosize
        minRows={1}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      <Failure error={reject.error} />
      <Group>
        <Button type="submit" color="red" loading={reject.isPending} disabled={!reason}>
          {t('moderation.rejectSubmit')}
        </Button>
      </Group>
    </Stack>
  );
}
