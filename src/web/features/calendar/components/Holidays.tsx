import {
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Holiday } from '../../../shared/api/types.js';
import { DayInput } from '../../../shared/ui/DayInput.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { dayLabel, isDay } from './calendar-days.js';
import { RemoveButton, Section } from './CalendarSection.js';

/** The public holidays, a year at a time (this year first), with add and remove. */
export function Holidays({
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
