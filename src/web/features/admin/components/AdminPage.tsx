import { Group, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { meQuery } from '../../../shared/api/queries.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { PageSuspense } from '../../../shared/ui/LazyPage.js';
import { adminSections } from './admin-sections.js';

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
      <PageSuspense>
        <Outlet />
      </PageSuspense>
    </Stack>
  );
}
