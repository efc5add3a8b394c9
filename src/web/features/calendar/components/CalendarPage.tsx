import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocalDate, serviceHoursSchema } from '../../../../domain/calendar/work-calendar.js';
import { ApiError, detailField } from '../../../shared/api/client.js';
import type { Holiday, WorkCalendar } from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDate } from '../../../shared/lib/format.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { DayInput } from '../../../shared/ui/DayInput.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { calendarQuery, useSaveCalendar } from '../api/calendar.js';
import { intlLocale } from '../../../shared/i18n/locale.js';

// The calendar's own rules (domain/calendar/work-calendar.ts), as the server applies them.
const isDay = isLocalDate;
const isStart = (time: string) => serviceHoursSchema.shape.start.safeParse(time).success;
const isEnd = (time: string) => serviceHoursSchema.shape.end.safeParse(time).success;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** ISO weekday 1…7 → its name in the language (1 Jan 2024 was a Monday). */
function weekdayName(day: number, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2024, 0, day)));
}

/** A day as people read it (the date is a calendar day, not an instant). */
function dayLabel(day: string, language: string): string {
  return isDay(day) ? formatDate(`${day}T12:00:00Z`, language) : day;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby={id}
    >
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
      <svg
        width="16"
        height="16"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        aria-hidden="true"
      >
        <path d="M18 6 6 18M6 6l12 12" />
      </svg>
    </ActionIcon>
  );
}

/** A list of days with add and remove (transferred working days, transferred days off). */
function DayList({
  id,
  title,
  hint,
  days,
  onChange,
}: {
  id: string;
  title: string;
  hint: string;
  days: string[];
  onChange: (days: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    if (!isDay(day)) return setError(t('calendar.badDate'));
    if (days.includes(day)) return setError(t('calendar.duplicate'));
    onChange([...days, day].sort());
    setDay('');
    setError(null);
  };
  return (
    <Section id={id} title={title}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        {days.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('calendar.noDays')}
          </Text>
        ) : (
          <Group gap="xs" component="ul" className="plain-list">
            {days.map((d) => (
              <Group key={d} component="li" gap={2} className="day-chip" wrap="nowrap">
                <Text size="sm">{dayLabel(d, i18n.language)}</Text>
                <RemoveButton
                  label={t('calendar.removeDay', { day: dayLabel(d, i18n.language) })}
                  onClick={() => onChange(days.filter((x) => x !== d))}
                />
              </Group>
            ))}
          </Group>
        )}
        <Group gap="xs" align="flex-end">
          <DayInput label={t('calendar.date')} value={day} onChange={setDay} error={error} />
          <Button variant="default" onClick={add}>
            {t('calendar.add')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function Holidays({
  holidays,
  onChange,
}: {
  holidays: Holiday[];
  onChange: (holidays: Holiday[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const years = [...new Set(holidays.map((h) => h.date.slice(0, 4)))].sort();
  const thisYear = String(new Date().getFullYear());
  const [year, setYear] = useState(years.includes(thisYear) ? thisYear : 'all');
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<{ date?: string; name?: string }>({});
  const shown = holidays
    .filter((h) => year === 'all' || h.date.startsWith(year))
    .sort((a, b) => a.date.localeCompare(b.date));

  const add = () => {
    const next: typeof error = {};
    if (!isDay(date)) next.date = t('calendar.badDate');
    else if (holidays.some((h) => h.date === date)) next.date = t('calendar.duplicate');
    if (!name.trim()) next.name = t('validation.required');
    setError(next);
    if (next.date || next.name) return;
    onChange([...holidays, { date, name: name.trim() }]);
    setDate('');
    setName('');
  };

  return (
    <Section id="holidays-heading" title={t('calendar.holidays')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('calendar.year')}
          value={year}
          onChange={(e) => setYear(e.currentTarget.value)}
          data={[{ value: 'all', label: t('calendar.allYears') }, ...years]}
          w={160}
        />
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('calendar.noDays')}
          </Text>
        ) : (
          <TableScroll label={t('calendar.holidays')} minWidth={280}>
            <Table verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('calendar.date')}</Table.Th>
                  <Table.Th>{t('calendar.holidayName')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('calendar.remove')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((h) => (
                  <Table.Tr key={h.date}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {dayLabel(h.date, i18n.language)}
                    </Table.Td>
                    <Table.Td>{h.name}</Table.Td>
                    <Table.Td>
                      <RemoveButton
                        label={t('calendar.removeHoliday', {
                          day: dayLabel(h.date, i18n.language),
                        })}
                        onClick={() => onChange(holidays.filter((x) => x.date !== h.date))}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <Group gap="xs" align="flex-start" wrap="wrap">
          <DayInput label={t('calendar.date')} value={date} onChange={setDate} error={error.date} />
          <TextInput
            label={t('calendar.holidayName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
            error={error.name}
            style={{ flex: '1 1 200px' }}
          />
          <Button variant="default" onClick={add} mt={{ base: 0, xs: 25 }}>
            {t('calendar.addHoliday')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function CalendarForm({ initial }: { initial: WorkCalendar }) {
  const { t, i18n } = useTranslation();
  const save = useSaveCalendar();
  const [calendar, setCalendar] = useState<WorkCalendar>(initial);
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof WorkCalendar>(key: K, value: WorkCalendar[K]) => {
    setCalendar((c) => ({ ...c, [key]: value }));
    save.reset();
  };
  const { start, end } = calendar.serviceHours;
  const startError = touched && !isStart(start) ? t('calendar.badTime') : undefined;
  const endError = touched && !isEnd(end) ? t('calendar.badTime') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!isStart(start) || !isEnd(end)) return;
    save.mutate(calendar, { onSuccess: (saved) => setCalendar(saved) });
  };
  const details = save.error instanceof ApiError ? save.error.details : [];

  return (
    <form onSubmit={submit} noValidate aria-label={t('calendar.title')}>
      <Stack gap="lg">
        <Section id="mode-heading" title={t('calendar.mode')}>
          <Stack gap="md">
            <Switch
              checked={calendar.martialLaw}
              onChange={(e) => set('martialLaw', e.currentTarget.checked)}
              label={t('calendar.martialLaw')}
              description={t('calendar.martialLawHint')}
              size="md"
            />
            <Text size="sm">
              {t('calendar.timeZone')}: <strong>{calendar.timeZone}</strong>
            </Text>
          </Stack>
        </Section>
        <Section id="hours-heading" title={t('calendar.serviceHours')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('calendar.serviceHoursHint')}
            </Text>
            <Switch
              checked={start === '00:00' && end === '24:00'}
              onChange={(e) =>
                set('serviceHours', {
                  ...calendar.serviceHours,
                  ...(e.currentTarget.checked
                    ? { start: '00:00', end: '24:00' }
                    : { start: '08:00', end: '22:00' }),
                })
              }
              label={t('calendar.roundTheClock')}
            />
            <Switch
              checked={calendar.serviceHours.workingDaysOnly ?? false}
              onChange={(e) =>
                set('serviceHours', {
                  ...calendar.serviceHours,
                  workingDaysOnly: e.currentTarget.checked,
                })
              }
              label={t('calendar.workingDaysOnly')}
              description={t('calendar.workingDaysOnlyHint')}
            />
            <SimpleGrid cols={{ base: 2 }} maw={320}>
              <TextInput
                label={t('calendar.start')}
                value={start}
                placeholder="08:00"
                inputMode="numeric"
                onChange={(e) =>
                  set('serviceHours', { ...calendar.serviceHours, start: e.currentTarget.value })
                }
                error={startError}
              />
              <TextInput
                label={t('calendar.end')}
                value={end}
                placeholder="22:00"
                inputMode="numeric"
                onChange={(e) =>
                  set('serviceHours', { ...calendar.serviceHours, end: e.currentTarget.value })
                }
                error={endError}
              />
            </SimpleGrid>
          </Stack>
        </Section>
        <Section id="weekend-heading" title={t('calendar.weekendDays')}>
          <Checkbox.Group
            value={calendar.weekendDays.map(String)}
            onChange={(v) =>
              set(
                'weekendDays',
                v.map(Number).sort((a, b) => a - b),
              )
            }
            label={t('calendar.weekendDaysHint')}
          >
            <Group gap="md" mt="xs">
              {WEEKDAYS.map((d) => (
                <Checkbox key={d} value={String(d)} label={weekdayName(d, i18n.language)} />
              ))}
            </Group>
          </Checkbox.Group>
        </Section>
        <Holidays holidays={calendar.holidays} onChange={(h) => set('holidays', h)} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <DayList
            id="working-heading"
            title={t('calendar.transferredWorkingDays')}
            hint={t('calendar.transferredWorkingDaysHint')}
            days={calendar.transferredWorkingDays}
            onChange={(d) => set('transferredWorkingDays', d)}
          />
          <DayList
            id="off-heading"
            title={t('calendar.transferredDaysOff')}
            hint={t('calendar.transferredDaysOffHint')}
            days={calendar.transferredDaysOff}
            onChange={(d) => set('transferredDaysOff', d)}
          />
        </SimpleGrid>
        <Paper withBorder p="md" radius="md" className="sticky-actions">
          <Stack gap="xs">
            <ErrorNote error={save.error} title={t('calendar.notSaved')} />
            {details.length > 0 ? (
              <Stack
                gap={2}
                component="ul"
                className="error-details"
                aria-label={t('calendar.problems')}
              >
                {details.map((d, i) => (
                  <Text key={i} component="li" size="sm" c="red.9">
                    {d.path ? `${detailField(d.path)}: ` : ''}
                    {d.message}
                  </Text>
                ))}
              </Stack>
            ) : null}
            {save.isSuccess ? (
              <Text size="sm" c="teal.8" role="status">
                {t('calendar.saved')}
              </Text>
            ) : null}
            <Group gap="sm">
              <Button type="submit" loading={save.isPending} size="md">
                {t('calendar.save')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setCalendar(initial);
                  setTouched(false);
                  save.reset();
                }}
              >
                {t('calendar.reset')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </form>
  );
}

/** The administrator edits the work calendar the deadlines and quiet hours follow. */
export function CalendarPage() {
  const { t } = useTranslation();
  const calendar = useQuery(calendarQuery);
  return (
    <>
      <PageHeader title={t('calendar.title')} description={t('calendar.subtitle')} />
      <ErrorNote error={calendar.error} />
      {calendar.data ? (
        <CalendarForm initial={calendar.data} />
      ) : calendar.isPending ? (
        <Skeleton h={320} />
      ) : null}
    </>
  );
}
