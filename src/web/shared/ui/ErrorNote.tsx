import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/server-errors.js';

/** The server's message for a failed request, shown where the request was made. */
export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = errorText(t, error);
  return (
    <Alert color="red" variant="light" title={title ?? t('common.failed')} role="alert">
      {message}
    </Alert>
  );
}
