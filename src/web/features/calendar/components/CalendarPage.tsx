import { Skeleton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { calendarQuery } from '../api/calendar.js';
import { CalendarForm } from './CalendarForm.js';

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
