import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '../../domain/policy.js';
import { meQuery } from '../shared/api/queries.js';
import { ErrorNote } from '../shared/ui/ErrorNote.js';

/** Signed-in people only (and, when given, only those holding `permission`, or one of a list). */
export function RequireAuth({
  children,
  permission,
}: {
  children: ReactNode;
  permission?: Permission | readonly Permission[];
}) {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center mih="50vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.error) return <ErrorNote error={me.error} />;
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  // A one-time password from an administrator's reset: the own-password page first (ADR 025).
  if (me.data.mustChangePassword && location.pathname !== '/account/password') {
    return <Navigate to="/account/password" replace />;
  }
  const needed =
    permission === undefined ? [] : typeof permission === 'string' ? [permission] : permission;
  if (needed.length > 0 && !needed.some((p) => me.data?.permissions.includes(p))) {
    return (
      <ErrorNote error={new Error(t('common.forbidden'))} title={t('common.forbiddenTitle')} />
    );
  }
  return children;
}
