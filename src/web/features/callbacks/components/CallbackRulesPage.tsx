/**
 * The head's call-back rules (regulation 3.1.7; issue 19, item 6): which closed appeals enter the
 * call-back queue — every privileged applicant's, every one rated at or below a mark, a share of
 * the rest — and how many unanswered tries, how many hours apart, before a survey is dropped.
 * Applicants who refused contact are never called (recorded in the answers dialog).
 */
import { Alert, Button, Checkbox, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { callbackRulesSchema } from '../../../../contract/knowledge.schemas.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { type CallbackRules, callbackRulesQuery, useSaveCallbackRules } from '../api/callbacks.js';

export function CallbackRulesPage() {
  const { t } = useTranslation();
  const rules = useQuery(callbackRulesQuery);
  const save = useSaveCallbackRules();
  const [draft, setDraft] = useState<CallbackRules | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (rules.data && draft === null) setDraft(rules.data);
  }, [rules.data, draft]);

  const change = <K extends keyof CallbackRules>(key: K, value: CallbackRules[K]) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, [key]: value } : d));
  };
  const number = (value: string | number) => (typeof value === 'number' ? value : Number.NaN);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = callbackRulesSchema.safeParse(draft);
    if (!parsed.success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    save.mutate(parsed.data, { onSuccess: () => setSaved(true) });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('callbacks.rules.title')}
        description={t('callbacks.rules.subtitle')}
        actions={
          <Button component={Link} to="/callbacks" variant="default">
            {t('callbacks.rules.toQueue')}
          </Button>
        }
      />
      <ErrorNote error={rules.error ?? save.error} />
      {draft ? (
        <Paper withBorder p="md" radius="md" maw={640}>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Checkbox
                label={t('callbacks.rules.allPrivileged')}
                checked={draft.allPrivileged}
                onChange={(e) => change('allPrivileged', e.currentTarget.checked)}
              />
              <NumberInput
                label={t('callbacks.rules.maxLowRating')}
                description={t('callbacks.rules.maxLowRatingHint')}
                min={0}
                max={5}
                allowDecimal={false}
                value={draft.maxLowRating}
                onChange={(v) => change('maxLowRating', number(v))}
              />
              <NumberInput
                label={t('callbacks.rules.samplePercent')}
                description={t('callbacks.rules.samplePercentHint')}
                min={0}
                max={100}
                decimalScale={2}
                suffix=" %"
                value={draft.samplePercent}
                onChange={(v) => change('samplePercent', number(v))}
              />
              <NumberInput
                label={t('callbacks.rules.maxTries')}
                description={t('callbacks.rules.maxTriesHint')}
                min={1}
                max={10}
                allowDecimal={false}
                value={draft.maxTries}
                onChange={(v) => change('maxTries', number(v))}
              />
              <NumberInput
                label={t('callbacks.rules.hoursBetweenTries')}
                min={0}
                max={24}
                allowDecimal={false}
                value={draft.hoursBetweenTries}
                onChange={(v) => change('hoursBetweenTries', number(v))}
              />
              <Text size="sm" c="dimmed">
                {t('callbacks.rules.refusalsNote')}
              </Text>
              {invalid ? (
                <Alert color="red" variant="light" role="alert">
                  {t('callbacks.rules.invalid')}
                </Alert>
              ) : null}
              <div role="status">
                {saved ? (
                  <Text size="sm" c="teal.9">
                    {t('callbacks.rules.saved')}
                  </Text>
                ) : null}
              </div>
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('callbacks.rules.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Stack>
  );
}
