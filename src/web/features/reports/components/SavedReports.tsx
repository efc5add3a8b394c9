/**
 * The saved reports the user may run (issue 17): their own and those shared with one of their
 * roles, with the owner, the period, the sharing, the schedule and its last sending. A report
 * opens into the form (and runs), downloads as a file of its relative period, and — only for its
 * owner — is edited or, after a confirmation, deleted.
 */
import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedReportView } from '../../../../contract/report-constructor.schemas.js';
import { formatDate, formatDateTime } from '../../../shared/lib/format.js';
import { languageOf } from '../../../shared/i18n/locale.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { FileDownloads } from '../../../shared/ui/FileDownloads.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { savedReportFileUrl, savedReportsQuery, useDeleteReport } from '../api/reports.js';
import { usePivotLayoutText } from './PivotResult.js';

export function SavedReports({
  onOpen,
  onEdit,
  onDeleted,
}: {
  onOpen: (saved: SavedReportView) => void;
  onEdit: (saved: SavedReportView) => void;
  /** After a deletion, with the report's name (the page announces it, one notice at a time). */
  onDeleted: (name: string) => void;
}) {
  const { t } = useTranslation();
  const saved = useQuery(savedReportsQuery);
  const remove = useDeleteReport();
  const [deleting, setDeleting] = useState<SavedReportView | null>(null);
  const caption = t('reports.saved.caption');
  return (
    <Stack>
      <ErrorNote error={saved.error ?? remove.error} />
      {saved.data?.length === 0 ? <Text>{t('reports.saved.none')}</Text> : null}
      {saved.data && saved.data.length > 0 ? (
        <TableScroll label={caption} minWidth={1100}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {(
                  [
                    'name',
                    'what',
                    'period',
                    'shared',
                    'schedule',
                    'owner',
                    'lastSent',
                    'actions',
                    'files',
                  ] as const
                ).map((c) => (
                  <Table.Th key={c} scope="col">
                    {t(`reports.saved.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {saved.data.map((s) => (
                <SavedReportRow
                  key={s.id}
                  saved={s}
                  onOpen={() => onOpen(s)}
                  onEdit={() => onEdit(s)}
                  onDelete={() => setDeleting(s)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      ) : null}
      {deleting ? (
        <Modal
          opened
          onClose={() => setDeleting(null)}
          title={t('reports.saved.deleteTitle')}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          <Stack>
            <Text>{t('reports.saved.deleteText', { name: deleting.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" data-autofocus onClick={() => setDeleting(null)}>
                {t('reports.save.cancel')}
              </Button>
              <Button
                color="red.8"
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate(deleting.id, {
                    onSuccess: () => {
                      onDeleted(deleting.name);
                      setDeleting(null);
                    },
                    onError: () => setDeleting(null),
                  })
                }
              >
                {t('reports.saved.deleteConfirm')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Stack>
  );
}

function SavedReportRow({
  saved,
  onOpen,
  onEdit,
  onDelete,
}: {
  saved: SavedReportView;
  onOpen: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const layoutText = usePivotLayoutText();
  const d = saved.definition;
  const what =
    d.type === 'standard'
      ? t(`reports.keys.${d.key}`)
      : t('reports.saved.pivotWhat', { layout: layoutText(d) });
  const period =
    d.period === 'fixed'
      ? t('reports.saved.fixedPeriod', {
          from: formatDate(d.from, lang),
          to: formatDate(d.to, lang),
        })
      : t(`reports.save.periods.${d.period}`);
  const schedule = saved.schedule
    ? `${t(`reports.save.everyOptions.${saved.schedule.every}`)}, ${saved.schedule.format.toUpperCase()}`
    : t('reports.saved.noSchedule');
  return (
    <Table.Tr>
      {/* A long name without spaces wraps rather than push the actions off the table. */}
      <Table.Th scope="row" fw={600} style={{ overflowWrap: 'anywhere', maxWidth: 320 }}>
        {saved.name}
      </Table.Th>
      <Table.Td>{what}</Table.Td>
      <Table.Td>{period}</Table.Td>
      <Table.Td>
        {saved.sharedWithRoles.length > 0
          ? saved.sharedWithRoles.map((r) => t(`role.${r}`)).join(', ')
          : t('reports.saved.ownerOnly')}
      </Table.Td>
      <Table.Td>{schedule}</Table.Td>
      <Table.Td>{saved.owner.name}</Table.Td>
      <Table.Td>
        {saved.lastSent
          ? t('reports.saved.lastSentText', {
              at: formatDateTime(saved.lastSent.at, lang),
              from: formatDate(saved.lastSent.from, lang),
              to: formatDate(saved.lastSent.to, lang),
            })
          : t('reports.saved.never')}
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Button
            size="compact-sm"
            onClick={onOpen}
            aria-label={t('reports.saved.openLabel', { name: saved.name })}
          >
            {t('reports.saved.open')}
          </Button>
          {saved.mine ? (
            <>
              <Button
                size="compact-sm"
                variant="default"
                onClick={onEdit}
                aria-label={t('reports.saved.editLabel', { name: saved.name })}
              >
                {t('reports.saved.edit')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                color="red.8"
                onClick={onDelete}
                aria-label={t('reports.saved.deleteLabel', { name: saved.name })}
              >
                {t('reports.saved.delete')}
              </Button>
            </>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <FileDownloads
          compact
          subject={saved.name}
          formats={['xlsx', 'pdf']}
          baseName={`report-${saved.id}`}
          urlOf={(format) => savedReportFileUrl(saved.id, lang, format)}
        />
      </Table.Td>
    </Table.Tr>
  );
}
