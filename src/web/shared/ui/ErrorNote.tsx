import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

/** The server's message for a failed request, shown where the request was made. */
export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? error.message
      : error instanceof Error
        ? error.message
        : t('common.failed');
  return (
    <Alert color="red" variant="light" title={title ?? t('common.failed')} role="alert">
      {message}
    </Alert>
  );
}
