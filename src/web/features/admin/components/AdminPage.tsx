import { Group, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { meQuery } from '../../../shared/api/queries.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';

/** The sections of the administration an actor's permissions open. */
export function adminSections(permissions: readonly string[]): { to: string; key: string }[] {
  const can = (p: string) => permissions.includes(p);
  return [
    can('users.manage') ? { to: '/admin/users', key: 'users' } : null,
    can('executors.manage') ? { to: '/admin/organisations', key: 'organisations' } : null,
    can('classifier.manage') ? { to: '/admin/classifier', key: 'classifier' } : null,
    can('executors.manage') ? { to: '/admin/routing', key: 'routing' } : null,
    can('settings.manage') ? { to: '/admin/settings', key: 'settings' } : null,
    can('settings.manage') ? { to: '/admin/templates', key: 'templates' } : null,
    can('open311.keys.manage') ? { to: '/admin/open311-keys', key: 'open311' } : null,
    can('audit.read') ? { to: '/admin/audit', key: 'audit' } : null,
  ].filter((s): s is { to: string; key: string } => s !== null);
}

/** The administration: a row of section links and the section below. */
export function AdminPage() {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const sections = adminSections(me.data?.permissions ?? []);
  return (
    <Stack gap="md">
      <PageHeader title={t('admin.title')} description={t('admin.subtitle')} />
      <Group gap={4} component="nav" aria-label={t('admin.sections')} wrap="wrap">
        {sections.map((s) => (
          <NavLink key={s.to} to={s.to} className="top-nav-link">
            {t(`admin.section.${s.key}`)}
          </NavLink>
        ))}
      </Group>
      <Outlet />
    </Stack>
  );
}
