/**
 * Intake scripts (issue 19, item 3): per question type, what the operator says and asks the caller,
 * shown on the new-call screen when that type is chosen. Editors of the knowledge base choose a
 * question type, write the script (Ukrainian, optionally English; plain text) and save or remove
 * it; the table lists the types that have one.
 */
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { questionTypeScriptInput } from '../../../../contract/knowledge.schemas.js';
import { classifierQuery } from '../../../shared/api/queries.js';
import { localName } from '../../../shared/i18n/locale.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { EmptyRow } from '../../../shared/ui/EmptyRow.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { scriptsQuery, useSaveScript } from '../api/knowledge.js';

export function ScriptsPage() {
  const { t, i18n } = useTranslation();
  const classifier = useQuery(classifierQuery);
  const scripts = useQuery(scriptsQuery());
  const save = useSaveScript();
  const [typeId, setTypeId] = useState<string | null>(null);
  const [scriptUk, setScriptUk] = useState('');
  const [scriptEn, setScriptEn] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);

  const existing = (scripts.data ?? []).find((s) => String(s.questionTypeId) === typeId) ?? null;
  useEffect(() => {
    setScriptUk(existing?.scriptUk ?? '');
    setScriptEn(existing?.scriptEn ?? '');
    // Only when another type is chosen (or its script arrives), not on every keystroke.
  }, [typeId, existing?.updatedAt]);

  const typeOptions = (classifier.data ?? []).map((k) => ({
    group: localName(i18n.language, k.name, k.nameEn),
    items: k.questionTypes.map((q) => ({
      value: String(q.id),
      label: localName(i18n.language, q.name, q.nameEn),
    })),
  }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const parsed = questionTypeScriptInput.safeParse({
      scriptUk,
      scriptEn: scriptEn.trim() || null,
    });
    if (typeId === null || !parsed.success) {
      setInvalid(t('knowledge.scripts.invalid'));
      return;
    }
    setInvalid(null);
    save.mutate(
      { questionTypeId: Number(typeId), script: parsed.data },
      { onSuccess: () => setNotice(t('knowledge.scripts.saved')) },
    );
  };
  const remove = () => {
    if (typeId === null) return;
    setNotice(null);
    save.mutate(
      { questionTypeId: Number(typeId), script: null },
      { onSuccess: () => setNotice(t('knowledge.scripts.removed')) },
    );
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('knowledge.scripts.title')}
        description={t('knowledge.scripts.subtitle')}
      />
      <ErrorNote error={scripts.error ?? save.error} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="script-form-h">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Title order={2} size="h4" id="script-form-h">
              {existing ? t('knowledge.scripts.edit') : t('knowledge.scripts.write')}
            </Title>
            <Select
              label={t('knowledge.scripts.questionType')}
              data={typeOptions}
              value={typeId}
              onChange={(v) => {
                setTypeId(v);
                setNotice(null);
              }}
              searchable
              limit={50}
              required
              nothingFoundMessage={t('knowledge.nothingFound')}
            />
            <Textarea
              label={t('knowledge.scripts.scriptUk')}
              description={t('knowledge.scripts.hint')}
              required
              autosize
              minRows={4}
              value={scriptUk}
              onChange={(e) => setScriptUk(e.currentTarget.value)}
            />
            <Textarea
              label={t('knowledge.scripts.scriptEn')}
              autosize
              minRows={2}
              value={scriptEn}
              onChange={(e) => setScriptEn(e.currentTarget.value)}
            />
            {invalid ? (
              <Alert color="red" variant="light" role="alert">
                {invalid}
              </Alert>
            ) : null}
            <div role="status">
              {notice ? (
                <Text size="sm" c="teal.9">
                  {notice}
                </Text>
              ) : null}
            </div>
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('knowledge.scripts.save')}
              </Button>
              {existing ? (
                <Button variant="default" color="red" onClick={remove} disabled={save.isPending}>
                  {t('knowledge.scripts.remove')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </form>
      </Paper>
      <TableScroll label={t('knowledge.scripts.list')} minWidth={560}>
        <Table striped aria-label={t('knowledge.scripts.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('knowledge.scripts.questionType')}</Table.Th>
              <Table.Th>{t('knowledge.scripts.scriptUk')}</Table.Th>
              <Table.Th>{t('knowledge.updated')}</Table.Th>
              <Table.Th>{t('knowledge.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(scripts.data ?? []).length === 0 ? (
              <EmptyRow columns={4}>{t('knowledge.scripts.none')}</EmptyRow>
            ) : (
              (scripts.data ?? []).map((s) => {
                const name = localName(i18n.language, s.questionType, s.questionTypeEn);
                return (
                  <Table.Tr key={s.questionTypeId}>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-line' }}>
                      {(i18n.language === 'en' && s.scriptEn) || s.scriptUk}
                    </Table.Td>
                    <Table.Td>{formatDateTime(s.updatedAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={`${t('knowledge.edit')}: ${name}`}
                        onClick={() => {
                          setTypeId(String(s.questionTypeId));
                          setNotice(null);
                        }}
                      >
                        {t('knowledge.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })
            )}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
