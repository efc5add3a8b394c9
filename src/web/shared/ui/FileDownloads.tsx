/**
 * Download buttons for a file in several formats, with the download's progress under them: an
 * indeterminate bar while the server computes, bytes received (and percent when the size is
 * known) while the file arrives, a Cancel, then the saved file's name. Every report download
 * (standard, constructor, saved) goes through it, so the page never waits on a plain link.
 */
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../lib/format.js';
import { percentOf } from '../lib/stream-download.js';
import { ErrorNote } from './ErrorNote.js';
import { useFileDownload, type DownloadState } from './useFileDownload.js';

export type FileFormat = 'xlsx' | 'csv' | 'pdf';

export function FileDownloads({
  urlOf,
  baseName,
  formats = ['xlsx', 'csv', 'pdf'],
  disabled = false,
  compact = false,
  subject,
}: {
  /** The file's URL in a format. */
  urlOf: (format: FileFormat) => string;
  /** The name the file gets when the server names none (the extension is added). */
  baseName: string;
  formats?: readonly FileFormat[];
  disabled?: boolean;
  /** Small buttons named by their format alone (in a table's row; give `subject`). */
  compact?: boolean;
  /** What the file is of, added to the buttons' names where several lists of them stand. */
  subject?: string;
}) {
  const { t } = useTranslation();
  const download = useFileDownload();
  const running = download.state.status === 'running';
  return (
    <Stack gap="xs">
      <Group gap={compact ? 6 : 'sm'} wrap={compact ? 'nowrap' : 'wrap'}>
        {formats.map((format) => (
          <Button
            key={format}
            variant="default"
            size={compact ? 'compact-sm' : 'sm'}
            disabled={disabled || running}
            aria-label={
              subject
                ? t('download.buttonFor', { format: format.toUpperCase(), subject })
                : undefined
            }
            onClick={() => void download.start(urlOf(format), `${baseName}.${format}`)}
          >
            {compact
              ? format.toUpperCase()
              : t('download.button', { format: format.toUpperCase() })}
          </Button>
        ))}
      </Group>
      <DownloadProgressNote state={download.state} onCancel={download.cancel} />
    </Stack>
  );
}

/** Where the download is; the phase is announced (a status region), the bytes are not. */
export function DownloadProgressNote({
  state,
  onCancel,
}: {
  state: DownloadState;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  if (state.status === 'failed') return <ErrorNote error={state.error} />;
  const phase =
    state.status === 'running'
      ? t(state.progress.phase === 'waiting' ? 'download.waiting' : 'download.receiving')
      : state.status === 'done'
        ? t('download.done', {
            name: state.fileName,
            size: formatBytes(state.size, i18n.language),
          })
        : state.status === 'cancelled'
          ? t('download.cancelled')
          : '';
  const progress = state.status === 'running' ? state.progress : null;
  const percent = progress ? percentOf(progress) : null;
  return (
    <Stack gap={4}>
      <Text size="sm" role="status">
        {phase}
      </Text>
      {progress ? (
        <Group gap="sm" wrap="nowrap">
          {/* A native bar: without a value it is indeterminate (the server still computes). */}
          {percent === null ? (
            <progress className="download-progress" aria-label={t('download.progress')} />
          ) : (
            <progress
              className="download-progress"
              aria-label={t('download.progress')}
              max={100}
              value={percent}
            />
          )}
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {progress.phase === 'waiting'
              ? ''
              : percent === null
                ? t('download.received', { size: formatBytes(progress.received, i18n.language) })
                : t('download.receivedOf', {
                    size: formatBytes(progress.received, i18n.language),
                    total: formatBytes(progress.total ?? 0, i18n.language),
                    percent,
                  })}
          </Text>
          <Button size="compact-sm" variant="default" onClick={onCancel}>
            {t('download.cancel')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
