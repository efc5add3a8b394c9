import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../../../shared/api/queries.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { LanguageSwitch } from '../../../shared/layout/LanguageSwitch.js';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import { loginSchema, useLogin, type LoginInput } from '../api/auth.js';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useQuery(meQuery);
  const login = useLogin();
  const form = useForm<LoginInput>({
    resolver: formResolver(zodResolver(loginSchema)),
    defaultValues: { login: '', password: '' },
  });
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me.data) return <Navigate to={from} replace />;

  const onSubmit = form.handleSubmit((values) =>
    login.mutateAsync(values).then(
      () => navigate(from, { replace: true }),
      () => undefined,
    ),
  );

  return (
    <Center component="main" id="main" mih="100vh" p="md" className="login-page">
      <Stack w="100%" maw={380} gap="lg">
        <Stack gap={4} align="center">
          <Title order={1} className="brand-title">
            {t('app.name')}
          </Title>
          <Text c="dimmed" ta="center">
            {t('app.tagline')}
          </Text>
        </Stack>
        <Paper withBorder p="xl" radius="md" shadow="xs">
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="login-title">
            <Stack gap="md">
              <Title order={2} size="h3" id="login-title">
                {t('auth.title')}
              </Title>
              <TextInput
                label={t('auth.login')}
                autoComplete="username"
                autoFocus
                {...form.register('login')}
                error={
                  form.formState.errors.login?.message && t(form.formState.errors.login.message)
                }
              />
              <PasswordInput
                label={t('auth.password')}
                visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
                autoComplete="current-password"
                {...form.register('password')}
                error={
                  form.formState.errors.password?.message &&
                  t(form.formState.errors.password.message)
                }
              />
              <ErrorNote error={login.error} title={t('auth.failed')} />
              <Button type="submit" loading={login.isPending} fullWidth>
                {t('auth.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Center>
          <LanguageSwitch />
        </Center>
      </Stack>
    </Center>
  );
}
