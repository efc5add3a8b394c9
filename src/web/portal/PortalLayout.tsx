import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../shared/layout/LanguageSwitch.js';
import { PageSuspense } from '../shared/ui/LazyPage.js';

const SECTIONS = [
  { to: '/submit', key: 'portal.nav.submit' },
  { to: '/track', key: 'portal.nav.track' },
  { to: '/appeals', key: 'portal.nav.appeals' },
  { to: '/statistics', key: 'portal.nav.statistics' },
  { to: '/faq', key: 'portal.nav.faq' }, // issue 19
  { to: '/works', key: 'portal.nav.works' }, // issue 16
] as const;

/** Header with the portal's four sections and the language; the page; a footer with open data. */
export function PortalLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  // A new page: its heading is announced and focus does not stay on a link of the old one.
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <Box className="portal">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="portal-header">
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap" py="xs">
            <Anchor component={Link} to="/" className="brand" underline="never">
              {t('app.name')}
              <span className="portal-tagline">{t('portal.tagline')}</span>
            </Anchor>
            <LanguageSwitch />
          </Group>
          <nav aria-label={t('portal.nav.label')} className="portal-nav">
            {SECTIONS.map((s) => (
              <NavLink key={s.to} to={s.to}>
                {t(s.key)}
              </NavLink>
            ))}
          </nav>
        </Container>
      </header>
      <Container size="lg" component="main" id="main" tabIndex={-1} py="md" className="portal-main">
        <PageSuspense>
          <Outlet />
        </PageSuspense>
      </Container>
      <footer className="portal-footer">
        <Container size="lg">
          <Text size="sm">{t('portal.footer.law')}</Text>
          <Group gap="md" mt={4}>
            <Anchor size="sm" href="/api/docs#/portal">
              {t('portal.footer.api')}
            </Anchor>
            <Anchor size="sm" href="/open311/v2/discovery.json">
              Open311 GeoReport v2
            </Anchor>
            <Anchor size="sm" href="/login">
              {t('portal.footer.staff')}
            </Anchor>
          </Group>
        </Container>
      </footer>
    </Box>
  );
}
