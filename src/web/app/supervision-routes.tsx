/**
 * The staff app's routes for the head and the supervisors: the dashboard and reports, the
 * head's duties and the applicants' records, the call log, live monitoring's alerts and
 * morning digests, and the operators' presence.
 */
import type { RouteObject } from 'react-router';
import { RequireAuth } from './RequireAuth.js';
import { DashboardPage } from './StartPage.js';
import {
  ApplicantsPage,
  CallLogPage,
  DigestsPage,
  DutiesPage,
  MonitoringPage,
  PresencePage,
  ReportsPage,
} from './lazy-pages.js';

export const supervisionRoutes: RouteObject[] = [
  {
    path: 'dashboard',
    element: (
      <RequireAuth permission="monitoring.read">
        <DashboardPage />
      </RequireAuth>
    ),
  },
  {
    path: 'reports',
    element: (
      <RequireAuth permission="monitoring.read">
        <ReportsPage />
      </RequireAuth>
    ),
  },
  // Issue 14: the head's duties (regulation 5.4.3) and the applicants' records.
  {
    path: 'duties',
    element: (
      <RequireAuth permission="duties.manage">
        <DutiesPage />
      </RequireAuth>
    ),
  },
  {
    path: 'applicants',
    element: (
      <RequireAuth permission="applicant.read">
        <ApplicantsPage />
      </RequireAuth>
    ),
  },
  // Issue 20: the head's call log and operators' presence.
  {
    path: 'calls',
    element: (
      <RequireAuth permission="calls.monitor">
        <CallLogPage />
      </RequireAuth>
    ),
  },
  // Issue 18: live monitoring's alerts (the head and dispatchers).
  {
    path: 'alerts',
    element: (
      <RequireAuth permission="alerts.handle">
        <MonitoringPage />
      </RequireAuth>
    ),
  },
  // Issue 18 item 5: the morning digests (the head, analysts: monitoring.read).
  {
    path: 'alerts/digests',
    element: (
      <RequireAuth permission="monitoring.read">
        <DigestsPage />
      </RequireAuth>
    ),
  },
  {
    path: 'alerts/digests/:day',
    element: (
      <RequireAuth permission="monitoring.read">
        <DigestsPage />
      </RequireAuth>
    ),
  },
  {
    path: 'presence',
    element: (
      <RequireAuth permission="calls.monitor">
        <PresencePage />
      </RequireAuth>
    ),
  },
];
