/**
 * Save a report (issue 17): its name, its period relative to the day it runs, the roles it is
 * shared with (only those that read reports) and an optional e-mail schedule. Validated by the
 * contract's own schema before it is sent; the server's refusal is shown in the page's language.
 */
import {
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RELATIVE_PERIODS,
  savedReportInput,
  type RelativePeriod,
  type SavedReportDefinition,
  type SavedReportView,
} from '../../../../contract/report-constructor.schemas.js';
import { can } from '../../../../domain/policy.js';
import { resolvePeriod } from '../../../../domain/report-periods.js';
import { ROLES, type Role } from '../../../../domain/vocabulary.js';
import { cityToday } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { useSaveReport } from '../api/reports.js';

/** Besides the owner, only roles that read reports may see one. */
const SHAREABLE_ROLES = ROLES.filter((r) => can(r, 'monitoring.read'));

/** The relative period whose days today are these, else `fixed`. */
function periodOf(from: string | undefined, to: string | undefined): RelativePeriod {
  const today = cityToday();
  return (
    RELATIVE_PERIODS.find((p) => {
      if (p === 'fixed') return false;
      const days = resolvePeriod(p, today);
      return days !== null && days.from === from && days.to === to;
    }) ?? 'fixed'
  );
}

const splitEmails = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);

export function SaveReportModal({
  definition,
  existing,
  onClose,
  onSaved,
}: {
  /** What is saved: the screen's current report (new) or the saved one's own (edit). */
  definition: SavedReportDefinition;
  existing: SavedReportView | null;
  onClose: () => void;
  onSaved: (saved: SavedReportView) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveReport();
  const [name, setName] = useState(existing?.name ?? '');
  const [period, setPeriod] = useState<RelativePeriod>(
    existing ? definition.period : periodOf(definition.from, definition.to),
  );
  // Fixed days: the report's own, else the days its relative period covers today.
  const today = cityToday();
  const initialDays = resolvePeriod(definition.period, today, definition) ?? {
    from: today,
    to: today,
  };
  const [fixedFrom, setFixedFrom] = useState(definition.from ?? initialDays.from);
  const [fixedTo, setFixedTo] = useState(definition.to ?? initialDays.to);
  const [roles, setRoles] = useState<string[]>(existing?.sharedWithRoles ?? []);
  const [scheduled, setScheduled] = useState(Boolean(existing?.schedule));
  const [every, setEvery] = useState(existing?.schedule?.every ?? 'week');
  const [format, setFormat] = useState(existing?.schedule?.format ?? 'xlsx');
  const [lang, setLang] = useState(existing?.schedule?.lang ?? 'uk');
  const [emails, setEmails] = useState((existing?.schedule?.emails ?? []).join(', '));
  const [problems, setProblems] = useState<{
    name?: string;
    emails?: string;
    from?: string;
    to?: string;
  }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A refusal of the last attempt is not shown beside this attempt's own problems.
    save.reset();
    const fixed = period === 'fixed';
    const parsed = savedReportInput.safeParse({
      name,
      definition: {
        ...definition,
        period,
        from: fixed ? fixedFrom : undefined,
        to: fixed ? fixedTo : undefined,
      },
      sharedWithRoles: roles,
      schedule: scheduled ? { every, format, lang, emails: splitEmails(emails) } : null,
    });
    if (!parsed.success) {
      const at = (field: string) => parsed.error.issues.some((i) => i.path.includes(field));
      const bad = splitEmails(emails).filter((e) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e));
      setProblems({
        ...(at('name') ? { name: t('validation.required') } : {}),
        ...(at('from') ? { from: t('validation.required') } : {}),
        ...(at('to') ? { to: t('validation.required') } : {}),
        ...(at('emails')
          ? { emails: t('reports.save.badEmails', { emails: bad.join(', ') || emails }) }
          : {}),
      });
      return;
    }
    setProblems({});
    save.mutate(
      { id: existing?.id ?? null, input: parsed.data },
      { onSuccess: (saved) => onSaved(saved) },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(existing ? 'reports.save.editTitle' : 'reports.save.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('reports.save.name')}
            required
            data-autofocus
            value={name}
            error={problems.name}
            maxLength={200}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('reports.save.period')}
            description={period === 'fixed' ? undefined : t('reports.save.periodHint')}
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value as RelativePeriod)}
            data={RELATIVE_PERIODS.map((p) => ({
              value: p,
              label: t(`reports.save.periods.${p}`),
            }))}
          />
          {period === 'fixed' ? (
            <SimpleGrid cols={2}>
              <TextInput
                type="date"
                label={t('reports.from')}
                required
                value={fixedFrom}
                error={problems.from}
                onChange={(e) => setFixedFrom(e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label={t('reports.to')}
                required
                value={fixedTo}
                error={problems.to}
                onChange={(e) => setFixedTo(e.currentTarget.value)}
              />
            </SimpleGrid>
          ) : null}
          <Checkbox.Group
            label={t('reports.save.share')}
            description={t('reports.save.shareHint')}
            value={roles}
            onChange={setRoles}
          >
            <Group mt={6}>
              {SHAREABLE_ROLES.map((r: Role) => (
                <Checkbox key={r} value={r} label={t(`role.${r}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox
            label={t('reports.save.schedule')}
            checked={scheduled}
            onChange={(e) => setScheduled(e.currentTarget.checked)}
          />
          {scheduled ? (
            <>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect
                  label={t('reports.save.every')}
                  value={every}
                  onChange={(e) => setEvery(e.currentTarget.value as 'week' | 'month')}
                  data={(['week', 'month'] as const).map((v) => ({
                    value: v,
                    label: t(`reports.save.everyOptions.${v}`),
                  }))}
                />
                <NativeSelect
                  label={t('reports.save.format')}
                  value={format}
                  onChange={(e) => setFormat(e.currentTarget.value as 'xlsx' | 'pdf')}
                  data={[
                    { value: 'xlsx', label: 'XLSX' },
                    { value: 'pdf', label: 'PDF' },
                  ]}
                />
                <NativeSelect
                  label={t('reports.save.lang')}
                  value={lang}
                  onChange={(e) => setLang(e.currentTarget.value as 'uk' | 'en')}
                  data={(['uk', 'en'] as const).map((v) => ({
                    value: v,
                    label: t(`reports.save.langs.${v}`),
                  }))}
                />
              </SimpleGrid>
              <Textarea
                label={t('reports.save.emails')}
                description={t('reports.save.emailsHint')}
                value={emails}
                error={problems.emails}
                autosize
                minRows={2}
                onChange={(e) => setEmails(e.currentTarget.value)}
              />
            </>
          ) : null}
          <ErrorNote error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('reports.save.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('reports.save.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
