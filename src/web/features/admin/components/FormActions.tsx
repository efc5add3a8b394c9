import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';

/** The foot of an administration form in a modal: the request's error, then Cancel and Save. */
export function FormActions({
  error,
  pending,
  onCancel,
}: {
  error: unknown;
  pending: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorNote error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('admin.cancel')}
        </Button>
        <Button type="submit" loading={pending}>
          {t('admin.save')}
        </Button>
      </Group>
    </>
  );
}
