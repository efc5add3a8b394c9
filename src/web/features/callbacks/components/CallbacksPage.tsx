/**
 * The call-back operator's queue (regulation 3.1.7; issue 19, item 6): closed appeals to call
 * about, whom to call and why; for each call, not reached (another try later, dropped after the
 * last) or the answers — solved or not (not solved returns the appeal for check), satisfaction
 * 1–5, would call again, a comment.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallbackSurveyView } from '../../../../contract/knowledge.schemas.js';
import { meQuery } from '../../../shared/api/queries.js';
import { localName } from '../../../shared/i18n/locale.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { callbackQueueQuery, type CallbackState, useRecordAttempt } from '../api/callbacks.js';

function AnswerDialog({
  survey,
  onClose,
}: {
  survey: CallbackSurveyView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordAttempt();
  const [solved, setSolved] = useState<'yes' | 'no' | ''>('');
  const [satisfaction, setSatisfaction] = useState('');
  const [again, setAgain] = useState<'yes' | 'no' | ''>('');
  const [comment, setComment] = useState('');
  const [refuses, setRefuses] = useState(false);
  const [missing, setMissing] = useState(false);
  const close = () => {
    setSolved('');
    setSatisfaction('');
    setAgain('');
    setComment('');
    setRefuses(false);
    setMissing(false);
    record.reset();
    onClose();
  };
  const save = () => {
    if (!survey) return;
    if (!solved || !satisfaction || !again) {
      setMissing(true);
      return;
    }
    record.mutate(
      {
        id: survey.id,
        body: {
          reached: true,
          solved: solved === 'yes',
          satisfaction: Number(satisfaction),
          wouldCallAgain: again === 'yes',
          comment: comment.trim() || null,
          refusesContact: refuses,
        },
      },
      { onSuccess: close },
    );
  };
  return (
    <Modal
      opened={survey !== null}
      onClose={close}
      title={t('callbacks.answerTitle', { number: survey?.appealNumber ?? '' })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <Stack gap="md">
        <Radio.Group
          label={t('callbacks.solved')}
          required
          value={solved}
          onChange={(v) => setSolved(v)}
        >
          <Group mt="xs">
            <Radio value="yes" label={t('callbacks.solvedYes')} />
            <Radio value="no" label={t('callbacks.solvedNo')} />
          </Group>
        </Radio.Group>
        <Radio.Group
          label={t('callbacks.satisfaction')}
          required
          value={satisfaction}
          onChange={setSatisfaction}
        >
          <Group mt="xs">
            {['1', '2', '3', '4', '5'].map((v) => (
              <Radio key={v} value={v} label={v} />
            ))}
          </Group>
        </Radio.Group>
        <Radio.Group
          label={t('callbacks.wouldCallAgain')}
          required
          value={again}
          onChange={(v) => setAgain(v)}
        >
          <Group mt="xs">
            <Radio value="yes" label={t('callbacks.yes')} />
            <Radio value="no" label={t('callbacks.no')} />
          </Group>
        </Radio.Group>
        <Textarea
          label={t('callbacks.comment')}
          description={solved === 'no' ? t('callbacks.notSolvedHint') : undefined}
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Checkbox
          label={t('callbacks.refusesContact')}
          checked={refuses}
          onChange={(e) => setRefuses(e.currentTarget.checked)}
        />
        {missing ? (
          <Alert color="red" variant="light" role="alert">
            {t('callbacks.answerAll')}
          </Alert>
        ) : null}
        <ErrorNote error={record.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('callbacks.cancel')}
          </Button>
          <Button onClick={save} loading={record.isPending}>
            {t('callbacks.saveAnswer')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function CallbacksPage() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<CallbackState>('queued');
  const queue = useQuery(callbackQueueQuery(state));
  const me = useQuery(meQuery);
  const record = useRecordAttempt();
  const [answering, setAnswering] = useState<CallbackSurveyView | null>(null);
  const rows = queue.data ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title={t('callbacks.title')}
        description={t('callbacks.subtitle')}
        actions={
          me.data?.permissions.includes('callbacks.manage') ? (
            <Button component={Link} to="/callbacks/rules" variant="default">
              {t('callbacks.rules.title')}
            </Button>
          ) : null
        }
      />
      <SegmentedControl
        aria-label={t('callbacks.stateLabel')}
        value={state}
        onChange={(v) => setState(v)}
        data={(['queued', 'completed', 'dropped'] as const).map((s) => ({
          value: s,
          label: t(`callbacks.state.${s}`),
        }))}
      />
      <ErrorNote error={queue.error ?? record.error} />
      <TableScroll label={t('callbacks.title')} minWidth={720}>
        <Table striped aria-label={t('callbacks.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('callbacks.appeal')}</Table.Th>
              <Table.Th>{t('callbacks.applicant')}</Table.Th>
              <Table.Th>{t('callbacks.reasonLabel')}</Table.Th>
              <Table.Th>{t('callbacks.tries')}</Table.Th>
              <Table.Th>
                {state === 'queued' ? t('callbacks.actions') : t('callbacks.result')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id} data-testid={`callback-${s.appealNumber}`}>
                <Table.Td>
                  <Stack gap={2}>
                    <Link to={`/appeals/${s.appealId}`}>{s.appealNumber}</Link>
                    <Text size="sm">
                      {localName(i18n.language, s.questionType, s.questionTypeEn)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('callbacks.closedAt', { date: formatDateTime(s.closedAt, i18n.language) })}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">{s.applicantName ?? '—'}</Text>
                    {s.phones.map((p) => (
                      <a key={p} href={`tel:${p.replace(/[^\d+]/g, '')}`}>
                        {p}
                      </a>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>{t(`callbacks.reason.${s.reason}`)}</Table.Td>
                <Table.Td>
                  {s.tries}
                  {s.lastTryAt ? (
                    <Text size="xs" c="dimmed">
                      {formatDateTime(s.lastTryAt, i18n.language)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {state === 'queued' ? (
                    s.due ? (
                      <Group gap="xs">
                        <Button size="xs" onClick={() => setAnswering(s)}>
                          {t('callbacks.reached')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          loading={record.isPending}
                          onClick={() => record.mutate({ id: s.id, body: { reached: false } })}
                        >
                          {t('callbacks.noAnswer')}
                        </Button>
                      </Group>
                    ) : (
                      <Text size="sm">{t('callbacks.later')}</Text>
                    )
                  ) : state === 'completed' ? (
                    <Text size="sm">
                      {s.solved ? t('callbacks.solvedYes') : t('callbacks.solvedNo')} ·{' '}
                      {t('callbacks.satisfactionShort', { value: s.satisfaction ?? '—' })}
                    </Text>
                  ) : (
                    <Text size="sm">{t('callbacks.state.dropped')}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {queue.data && rows.length === 0 ? <Text c="dimmed">{t('callbacks.empty')}</Text> : null}
      <AnswerDialog survey={answering} onClose={() => setAnswering(null)} />
    </Stack>
  );
}
