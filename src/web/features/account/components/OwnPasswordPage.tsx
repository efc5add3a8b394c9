import { Alert, Button, Paper, PasswordInput, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../../shared/api/queries.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { useChangeOwnPassword } from '../api/account.js';

/** Change one's own password (NIST SP 800-63B: length and a breached-list check, no composition rules). */
export function OwnPasswordPage() {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const change = useChangeOwnPassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const mismatch = repeat !== '' && repeat !== newPassword;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
          setRepeat('');
        },
      },
    );
  };
  return (
    <Stack gap="md" maw={520}>
      <PageHeader title={t('account.title')} description={t('admin.passwordRules')} />
      {me.data?.mustChangePassword ? (
        <Alert color="orange" role="alert">
          {t('account.mustChange')}
        </Alert>
      ) : null}
      {change.isSuccess ? (
        <Alert color="green" role="status">
          {t('account.changed')}
        </Alert>
      ) : null}
      <Paper withBorder p="lg" component="form" onSubmit={submit}>
        <Stack gap="sm">
          <PasswordInput
            label={t('account.current')}
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('account.new')}
            required
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('account.repeat')}
            required
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={mismatch ? t('account.mismatch') : undefined}
          />
          <ErrorNote error={change.error} />
          <Button type="submit" loading={change.isPending}>
            {t('account.save')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
