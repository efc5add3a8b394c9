import {
  Alert,
  AppShell,
  Box,
  Burger,
  Button,
  Drawer,
  Group,
  NavLink,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../features/auth/api/auth.js';
import { meQuery } from '../shared/api/queries.js';
import type { Me } from '../shared/api/types.js';
import { NotificationBell } from '../features/notifications/components/NotificationBell.js';
import { LanguageSwitch } from '../shared/layout/LanguageSwitch.js';
import { PresenceControl } from '../features/telephony/components/PresenceControl.js';
import { ScreenPop } from '../features/telephony/components/ScreenPop.js';
import { PageSuspense } from '../shared/ui/LazyPage.js';

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

export function navItems(me: Me, t: (key: string) => string): NavItem[] {
  const can = (p: string) => me.permissions.some((x) => x === p);
  const items: NavItem[] = [{ to: '/', label: t('nav.home'), end: true }];
  if (can('appeal.register')) items.push({ to: '/new-call', label: t('nav.newCall') });
  if (can('submission.moderate')) items.push({ to: '/submissions', label: t('nav.moderation') });
  if (can('assignment.work')) items.push({ to: '/inbox', label: t('nav.inbox') });
  if (can('appeal.review')) items.push({ to: '/review', label: t('nav.review') });
  if (can('appeal.read')) items.push({ to: '/appeals', label: t('nav.registry') });
  if (can('monitoring.read')) {
    items.push({ to: '/dashboard', label: t('nav.dashboard') });
    items.push({ to: '/reports', label: t('nav.reports') });
  }
  if (can('extension.decide'))
    items.push({ to: '/extension-requests', label: t('nav.extensions') });
  if (can('explanation.request') || can('assignment.work')) {
    items.push({ to: '/explanations', label: t('nav.explanations') });
  }
  if (can('calendar.manage')) items.push({ to: '/calendar', label: t('nav.calendar') });
  if (can('classifier.manage')) items.push({ to: '/boilerplate', label: t('nav.boilerplate') });
  if (can('addresses.manage'))
    items.push({ to: '/address-registry', label: t('nav.addressRegistry') });
  if (can('works.manage')) items.push({ to: '/works', label: t('nav.works') }); // issue 16
  if (can('appeal.review')) items.push({ to: '/mass-appeals', label: t('nav.massAppeals') }); // issue 16
  // The administration (issue 14): the administrator's sections; the head of the centre reads the audit log.
  if (can('users.manage') || can('executors.manage') || can('classifier.manage'))
    items.push({ to: '/admin', label: t('nav.admin') });
  else if (can('audit.read')) items.push({ to: '/admin/audit', label: t('nav.audit') });
  // Issue 14: the head's duties; the applicants' records (search, edit, merge).
  if (can('duties.manage')) items.push({ to: '/duties', label: t('nav.duties') });
  if (can('applicant.write') || can('applicant.merge'))
    items.push({ to: '/applicants', label: t('nav.applicants') });
  // Issue 18: live monitoring's alerts.
  if (can('alerts.handle')) items.push({ to: '/alerts', label: t('nav.alerts') });
  // Issue 20: the head's call log and operators' presence.
  if (can('calls.monitor')) {
    items.push({ to: '/calls', label: t('nav.calls') });
    items.push({ to: '/presence', label: t('nav.presence') });
  }
  // Issue 19: the knowledge base and the call-back queue.
  if (can('knowledge.read')) items.push({ to: '/knowledge', label: t('nav.knowledge') });
  if (can('callbacks.work')) items.push({ to: '/callbacks', label: t('nav.callbacks') });
  return items;
}

/** Header with the sections of the signed-in role, the language and sign-out; the page below. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useQuery(meQuery);
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useEffect(close, [location.pathname, close]);
  if (!me.data) return null;
  const items = navItems(me.data, t);
  const takesCalls = me.data.permissions.includes('appeal.register');

  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });

  return (
    <AppShell header={{ height: 60 }} padding={{ base: 'sm', sm: 'lg' }}>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="lg"
              size="sm"
              aria-label={t('nav.menu')}
              aria-expanded={opened}
            />
            <UnstyledButton component={Link} to="/" className="brand">
              {t('app.name')}
            </UnstyledButton>
            <Group
              gap={4}
              visibleFrom="lg"
              wrap="nowrap"
              component="nav"
              aria-label={t('nav.main')}
              className="top-nav"
            >
              {items.map((item) => (
                <RouterNavLink
                  key={item.to}
                  to={item.to}
                  end={item.end ?? false}
                  className="top-nav-link"
                >
                  {item.label}
                </RouterNavLink>
              ))}
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Stack gap={0} visibleFrom="xl" align="flex-end">
              <Text size="sm" fw={600} lh={1.2}>
                {me.data.fullName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {t(`role.${me.data.role}`)}
              </Text>
            </Stack>
            {/* Issue 20: the operator's own presence and extension. */}
            {takesCalls ? (
              <Box visibleFrom="sm">
                <PresenceControl />
              </Box>
            ) : null}
            <NotificationBell />
            <Box visibleFrom="xs">
              <LanguageSwitch />
            </Box>
            <Button variant="subtle" size="xs" onClick={signOut} visibleFrom="xs">
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <Drawer opened={opened} onClose={close} title={t('app.name')} size="xs" hiddenFrom="lg">
        <Stack gap={2} component="nav" aria-label={t('nav.main')}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={RouterNavLink}
              to={item.to}
              end={item.end ?? false}
              label={item.label}
            />
          ))}
          <NavLink component={RouterNavLink} to="/notifications" label={t('nav.notifications')} />
          <NavLink component={RouterNavLink} to="/account/password" label={t('nav.account')} />
          <NavLink component="button" label={t('nav.signOut')} onClick={signOut} />
          <Box hiddenFrom="xs" px="sm" pt="sm">
            <LanguageSwitch size="sm" />
          </Box>
          {takesCalls ? (
            <Box hiddenFrom="sm" px="sm" pt="sm">
              <PresenceControl />
            </Box>
          ) : null}
        </Stack>
      </Drawer>
      <AppShell.Main id="main" tabIndex={-1}>
        <div className="page">
          {me.data?.failedSignIns && me.data.failedSignIns.count > 0 ? (
            <Alert color="orange" role="alert" mb="md" title={t('auth.failedSignInsTitle')}>
              {t('auth.failedSignIns', {
                count: me.data.failedSignIns.count,
                at: new Date(me.data.failedSignIns.lastAt).toLocaleString(i18n.language),
              })}
            </Alert>
          ) : null}
          <PageSuspense>
            <Outlet />
          </PageSuspense>
        </div>
        {/* Issue 20: the screen pop of a call ringing at the operator's extension. */}
        {takesCalls ? <ScreenPop /> : null}
      </AppShell.Main>
    </AppShell>
  );
}
