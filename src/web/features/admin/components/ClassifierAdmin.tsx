import {
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TOPICS_858 } from '../../../../domain/classifier-858.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { FormActions } from './FormActions.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import {
  adminClassifierQuery,
  organisationsQuery,
  useCreateKind,
  useCreateQuestionType,
  useUpdateKind,
  useUpdateQuestionType,
  type AdminKind,
  type AdminQuestionType,
} from '../api/admin.js';
import { numberOrNull, organisationOptions } from './options.js';

/** Kinds and question types: create, rename (uk/en), terms and flags, move, deactivate. */
export function ClassifierAdmin() {
  const { t } = useTranslation();
  const classifier = useQuery(adminClassifierQuery);
  const organisations = useQuery(organisationsQuery);
  const [kindId, setKindId] = useState<string | null>(null);
  const [kindForm, setKindForm] = useState<AdminKind | 'new' | null>(null);
  const [typeForm, setTypeForm] = useState<AdminQuestionType | 'new' | null>(null);
  const updateKind = useUpdateKind();
  const updateType = useUpdateQuestionType();
  const kind = classifier.data?.find((k) => String(k.id) === kindId) ?? classifier.data?.[0];
  const executorName = (id: number | null) =>
    id === null ? '—' : (organisations.data?.find((o) => o.id === id)?.name ?? String(id));

  return (
    <Stack gap="md">
      {classifier.isError ? <ErrorNote error={classifier.error} /> : null}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('admin.classifier.kind')}
          data={(classifier.data ?? []).map((k) => ({
            value: String(k.id),
            label: k.active ? k.name : `${k.name} (${t('admin.inactive')})`,
          }))}
          searchable
          value={kind ? String(kind.id) : null}
          onChange={setKindId}
          w={420}
        />
        <Button variant="default" onClick={() => setKindForm('new')}>
          {t('admin.classifier.newKind')}
        </Button>
        {kind ? (
          <>
            <Button variant="default" onClick={() => setKindForm(kind)}>
              {t('admin.classifier.renameKind')}
            </Button>
            <Button
              variant="default"
              onClick={() => updateKind.mutate({ id: kind.id, active: !kind.active })}
            >
              {kind.active
                ? t('admin.classifier.deactivateKind')
                : t('admin.classifier.reactivateKind')}
            </Button>
            <Button onClick={() => setTypeForm('new')}>{t('admin.classifier.newType')}</Button>
          </>
        ) : null}
      </Group>
      <ErrorNote error={updateKind.error ?? updateType.error} />
      {kind ? (
        <TableScroll label={t('admin.section.classifier')} minWidth={900}>
          <Table striped aria-label={t('admin.classifier.typesOf', { kind: kind.name })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.classifier.name')}</Table.Th>
                <Table.Th>{t('admin.classifier.nameEn')}</Table.Th>
                <Table.Th>{t('admin.classifier.term')}</Table.Th>
                <Table.Th>{t('admin.classifier.margin')}</Table.Th>
                <Table.Th>{t('admin.classifier.flags')}</Table.Th>
                <Table.Th>{t('admin.classifier.executor')}</Table.Th>
                <Table.Th>{t('admin.audit.fields.topic858')}</Table.Th>
                <Table.Th>{t('admin.classifier.appeals')}</Table.Th>
                <Table.Th>{t('admin.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kind.questionTypes.map((q) => (
                <Table.Tr key={q.id}>
                  <Table.Td>{q.name}</Table.Td>
                  <Table.Td>{q.nameEn ?? '—'}</Table.Td>
                  <Table.Td>
                    {q.isEmergency && q.termHours !== null
                      ? t('admin.classifier.hours', { count: q.termHours })
                      : t('admin.classifier.days', { count: q.termDays })}
                  </Table.Td>
                  <Table.Td>{t('admin.classifier.days', { count: q.reviewMarginDays })}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {q.isEmergency ? (
                        <Text size="sm" fw={600} span>
                          {t('admin.classifier.emergency')}
                        </Text>
                      ) : null}
                      {q.isPublic ? (
                        <Text size="sm" fw={600} span>
                          {t('admin.classifier.public')}
                        </Text>
                      ) : null}
                      {q.active ? null : (
                        <Text size="sm" fw={600} span>
                          {t('admin.inactive')}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{executorName(q.executorId)}</Table.Td>
                  <Table.Td>{q.topic858 ?? '—'}</Table.Td>
                  <Table.Td>{q.appeals}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="default" onClick={() => setTypeForm(q)}>
                        {t('admin.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => updateType.mutate({ id: q.id, active: !q.active })}
                      >
                        {q.active ? t('admin.deactivate') : t('admin.reactivate')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      ) : null}
      {kindForm !== null ? (
        <KindForm kind={kindForm === 'new' ? null : kindForm} onClose={() => setKindForm(null)} />
      ) : null}
      {typeForm !== null && kind ? (
        <QuestionTypeForm
          kinds={classifier.data ?? []}
          kindId={kind.id}
          questionType={typeForm === 'new' ? null : typeForm}
          onClose={() => setTypeForm(null)}
        />
      ) : null}
    </Stack>
  );
}

function KindForm({ kind, onClose }: { kind: AdminKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateKind();
  const update = useUpdateKind();
  const mutation = kind ? update : create;
  const [name, setName] = useState(kind?.name ?? '');
  const [nameEn, setNameEn] = useState(kind?.nameEn ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name, nameEn: nameEn.trim() || null };
    if (kind) update.mutate({ id: kind.id, ...body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={kind ? t('admin.classifier.renameKind') : t('admin.classifier.newKind')}
    >
      <Stack component="form" onSubmit={submit} gap="sm">
        <TextInput
          label={t('admin.classifier.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label={t('admin.classifier.nameEn')}
          lang="en"
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
        />
        <FormActions error={mutation.error} pending={mutation.isPending} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}

function QuestionTypeForm({
  kinds,
  kindId,
  questionType,
  onClose,
}: {
  kinds: AdminKind[];
  kindId: number;
  questionType: AdminQuestionType | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const organisations = useQuery(organisationsQuery);
  const create = useCreateQuestionType();
  const update = useUpdateQuestionType();
  const mutation = questionType ? update : create;
  const [kind, setKind] = useState<string | null>(String(questionType?.kindId ?? kindId));
  const [name, setName] = useState(questionType?.name ?? '');
  const [nameEn, setNameEn] = useState(questionType?.nameEn ?? '');
  const [termDays, setTermDays] = useState<number>(questionType?.termDays ?? 30);
  const [margin, setMargin] = useState<number>(questionType?.reviewMarginDays ?? 2);
  const [isEmergency, setEmergency] = useState(questionType?.isEmergency ?? false);
  const [isPublic, setPublic] = useState(questionType?.isPublic ?? true);
  const [executorId, setExecutorId] = useState<string | null>(null);
  const [topic, setTopic] = useState<string>(String(questionType?.topic858 ?? ''));
  const english = i18n.language === 'en';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      kindId: Number(kind),
      name,
      nameEn: nameEn.trim() || null,
      termDays,
      reviewMarginDays: margin,
      isEmergency,
      isPublic,
      topic858: topic === '' ? null : Number(topic),
    };
    if (questionType) update.mutate({ id: questionType.id, ...body }, { onSuccess: onClose });
    else create.mutate({ ...body, executorId: numberOrNull(executorId) }, { onSuccess: onClose });
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      size="lg"
      title={questionType ? t('admin.classifier.editType') : t('admin.classifier.newType')}
    >
      <Stack component="form" onSubmit={submit} gap="sm">
        <Select
          label={t('admin.classifier.kind')}
          description={questionType ? t('admin.classifier.moveHint') : undefined}
          data={kinds.map((k) => ({ value: String(k.id), label: k.name }))}
          searchable
          value={kind}
          onChange={setKind}
        />
        <TextInput
          label={t('admin.classifier.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label={t('admin.classifier.nameEn')}
          lang="en"
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
        />
        <Group grow>
          <NumberInput
            label={t('admin.classifier.term')}
            description={t('admin.classifier.termHint')}
            min={1}
            max={45}
            value={termDays}
            onChange={(v) => setTermDays(Number(v) || 30)}
          />
          <NumberInput
            label={t('admin.classifier.margin')}
            description={t('admin.classifier.marginHint')}
            min={0}
            max={30}
            value={margin}
            onChange={(v) => setMargin(Number(v) || 0)}
          />
        </Group>
        <NativeSelect
          label={t('admin.classifier.topic858')}
          description={t('admin.classifier.topic858Hint')}
          value={topic}
          onChange={(e) => setTopic(e.currentTarget.value)}
          data={[
            { value: '', label: t('admin.classifier.topic858None') },
            ...TOPICS_858.map((x) => ({
              value: String(x.number),
              label: `${x.number}. ${english ? x.en : x.uk}`,
            })),
          ]}
        />
        <Checkbox
          label={t('admin.classifier.emergency')}
          checked={isEmergency}
          onChange={(e) => setEmergency(e.currentTarget.checked)}
        />
        <Checkbox
          label={t('admin.classifier.publicHint')}
          checked={isPublic}
          onChange={(e) => setPublic(e.currentTarget.checked)}
        />
        {questionType ? null : (
          <Select
            label={t('admin.classifier.executor')}
            data={organisationOptions(organisations.data)}
            searchable
            clearable
            value={executorId}
            onChange={setExecutorId}
          />
        )}
        <FormActions error={mutation.error} pending={mutation.isPending} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
