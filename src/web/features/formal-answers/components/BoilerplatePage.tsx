import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { boilerplateQuery, useSaveBoilerplate } from '../api/boilerplate.js';

/**
 * The administrator's list of boilerplate phrases, one a line: an executor's answer made of them,
 * with little else, is flagged as formal for the controller (Regulation 3.1.3).
 */
export function BoilerplatePage() {
  const { t } = useTranslation();
  const list = useQuery(boilerplateQuery);
  const save = useSaveBoilerplate();
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (list.data && text === null) setText(list.data.map((p) => p.phrase).join('\n'));
  }, [list.data, text]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const phrases = (text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    save.mutate(phrases, { onSuccess: (saved) => setText(saved.map((p) => p.phrase).join('\n')) });
  };

  return (
    <Stack gap="md" maw={800}>
      <PageHeader title={t('boilerplate.title')} description={t('boilerplate.subtitle')} />
      {list.isError ? <ErrorNote error={list.error} /> : null}
      <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit}>
        {text === null ? (
          <Skeleton height={200} />
        ) : (
          <Stack gap="sm">
            <Textarea
              label={t('boilerplate.phrases')}
              description={t('boilerplate.phrasesHint')}
              autosize
              minRows={8}
              maxRows={24}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                save.reset();
              }}
            />
            {save.isError ? <ErrorNote error={save.error} /> : null}
            {save.isSuccess ? (
              <Alert color="green" variant="light" role="status">
                {t('boilerplate.saved', { count: save.data.length })}
              </Alert>
            ) : null}
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('boilerplate.count', { count: list.data?.length ?? 0 })}
              </Text>
              <Button type="submit" loading={save.isPending}>
                {t('boilerplate.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
