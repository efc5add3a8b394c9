import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import {
  templatesQuery,
  usePreviewTemplate,
  useResetTemplate,
  useSaveTemplate,
  type NotificationTemplate,
} from '../api/templates.js';

/**
 * Notification templates (issue 14, item 6): choose a notification and a language, edit its
 * subject and text with `{{placeholders}}`, preview it on a sample appeal, save (a broken template
 * is refused by the server with its reason), or go back to the built-in text.
 */
export function TemplatesAdmin() {
  const { t } = useTranslation();
  const templates = useQuery(templatesQuery);
  const [kind, setKind] = useState<string | null>('assignment_new');
  const [locale, setLocale] = useState<string | null>('uk');
  const current = templates.data?.find((x) => x.kind === kind && x.locale === locale);
  const kinds = [...new Set((templates.data ?? []).map((x) => x.kind))];
  return (
    <Stack gap="md">
      <Text c="dimmed">{t('admin.templates.intro')}</Text>
      <ErrorNote error={templates.error} />
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('admin.templates.kind')}
          data={kinds.map((k) => ({ value: k, label: t(`admin.templates.kinds.${k}`) }))}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
          w={340}
          maw="100%"
        />
        <Select
          label={t('admin.templates.locale')}
          data={[
            { value: 'uk', label: t('language.uk') },
            { value: 'en', label: t('language.en') },
          ]}
          value={locale}
          onChange={setLocale}
          allowDeselect={false}
          w={160}
        />
      </Group>
      {current ? (
        <TemplateEditor key={`${current.kind}/${current.locale}`} template={current} />
      ) : null}
    </Stack>
  );
}

function TemplateEditor({ template }: { template: NotificationTemplate }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const preview = usePreviewTemplate();
  const save = useSaveTemplate();
  const reset = useResetTemplate();
  useEffect(() => {
    setSubject(template.subject);
    setBody(template.body);
  }, [template.subject, template.body]);
  const draft = { kind: template.kind, locale: template.locale, subject, body };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  return (
    <Stack gap="sm" component="form" onSubmit={submit}>
      <Group gap="xs">
        <Badge color={template.isDefault ? 'gray' : 'blue'} variant="light">
          {template.isDefault ? t('admin.templates.builtIn') : t('admin.templates.own')}
        </Badge>
      </Group>
      <TextInput
        label={t('admin.templates.subject')}
        value={subject}
        onChange={(e) => setSubject(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('admin.templates.body')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={5}
        required
        description={t('admin.templates.placeholders', {
          list: template.placeholders.map((p) => `{{${p}}}`).join(', '),
        })}
      />
      <Group gap="xs" wrap="wrap">
        <Button
          type="button"
          variant="default"
          onClick={() => {
            save.reset();
            preview.mutate(draft);
          }}
        >
          {t('admin.templates.preview')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('admin.save')}
        </Button>
        {!template.isDefault ? (
          <Button
            type="button"
            variant="subtle"
            color="red.9"
            onClick={() => reset.mutate({ kind: template.kind, locale: template.locale })}
          >
            {t('admin.templates.reset')}
          </Button>
        ) : null}
        {save.isSuccess ? (
          <Text size="sm" c="green.9" role="status">
            {t('admin.saved')}
          </Text>
        ) : null}
      </Group>
      <ErrorNote error={save.error ?? preview.error ?? reset.error} />
      {preview.data ? (
        <Paper withBorder p="sm" aria-label={t('admin.templates.previewTitle')}>
          <Text size="sm" c="dimmed">
            {t('admin.templates.previewTitle')}
          </Text>
          <Text fw={600}>{preview.data.subject}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{preview.data.body}</Text>
        </Paper>
      ) : null}
    </Stack>
  );
}
