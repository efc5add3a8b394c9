import { createBrowserRouter } from 'react-router';
import { AppealCardPage } from '../features/appeal/components/AppealCardPage.js';
import { AddressRegistryPage } from '../features/address-registry/components/AddressRegistryPage.js';
import { WorksPage } from '../features/works/components/WorksPage.js';
import { MonitoringPage } from '../features/monitoring/components/MonitoringPage.js';
import { MassAppealsPage } from '../features/mass-appeals/components/MassAppealsPage.js';
import { KnowledgePage } from '../features/knowledge/components/KnowledgePage.js';
import { ArticlePage } from '../features/knowledge/components/ArticlePage.js';
import { ArticleEditorPage } from '../features/knowledge/components/ArticleEditorPage.js';
import { CallbacksPage } from '../features/callbacks/components/CallbacksPage.js';
import { CallbackRulesPage } from '../features/callbacks/components/CallbackRulesPage.js';
import { ScriptsPage } from '../features/knowledge/components/ScriptsPage.js';
import { CalendarPage } from '../features/calendar/components/CalendarPage.js';
import { BoilerplatePage } from '../features/formal-answers/components/BoilerplatePage.js';
import { ExplanationsPage } from '../features/deadlines/components/ExplanationsPage.js';
import { ReportsPage } from '../features/reports/components/ReportsPage.js';
import { ExtensionRequestsPage } from '../features/deadlines/components/ExtensionRequestsPage.js';
import { NotificationsPage } from '../features/notifications/components/NotificationsPage.js';
import { NotificationSettingsPage } from '../features/notifications/components/NotificationSettingsPage.js';
import { LoginPage } from '../features/auth/components/LoginPage.js';
import { ModerationPage } from '../features/moderation/components/ModerationPage.js';
import { NewCallPage } from '../features/new-call/components/NewCallPage.js';
import { RegistryPage } from '../features/registry/components/RegistryPage.js';
import { AdminPage } from '../features/admin/components/AdminPage.js';
import { AuditAdmin } from '../features/admin/components/AuditAdmin.js';
import { ClassifierAdmin } from '../features/admin/components/ClassifierAdmin.js';
import { OrganisationsAdmin } from '../features/admin/components/OrganisationsAdmin.js';
import { RoutingAdmin } from '../features/admin/components/RoutingAdmin.js';
import { SettingsAdmin } from '../features/admin/components/SettingsAdmin.js';
import { UsersAdmin } from '../features/admin/components/UsersAdmin.js';
import { Open311KeysAdmin } from '../features/admin/components/Open311KeysAdmin.js';
import { TemplatesAdmin } from '../features/admin/components/TemplatesAdmin.js';
import { DutiesPage } from '../features/duties/components/DutiesPage.js';
import { ApplicantsPage } from '../features/applicants/components/ApplicantsPage.js';
import { OwnPasswordPage } from '../features/account/components/OwnPasswordPage.js';
import { CallLogPage } from '../features/telephony/components/CallLogPage.js';
import { PresencePage } from '../features/telephony/components/PresencePage.js';
import { AppLayout } from './AppLayout.js';
import { AdminIndex } from './AdminIndex.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequireAuth } from './RequireAuth.js';
import { DashboardPage, StartPage } from './StartPage.js';
import { InboxPage, ReviewPage } from './WorkPages.js';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <StartPage /> },
      {
        path: 'new-call',
        element: (
          <RequireAuth permission="appeal.register">
            <NewCallPage />
          </RequireAuth>
        ),
      },
      {
        path: 'submissions',
        element: (
          <RequireAuth permission="submission.moderate">
            <ModerationPage />
          </RequireAuth>
        ),
      },
      { path: 'appeals', element: <RegistryPage /> },
      { path: 'appeals/:id', element: <AppealCardPage /> },
      {
        path: 'inbox',
        element: (
          <RequireAuth permission="assignment.work">
            <InboxPage />
          </RequireAuth>
        ),
      },
      {
        path: 'review',
        element: (
          <RequireAuth permission="appeal.review">
            <ReviewPage />
          </RequireAuth>
        ),
      },
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
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'me/notifications', element: <NotificationSettingsPage /> },
      {
        path: 'extension-requests',
        element: (
          <RequireAuth permission="extension.decide">
            <ExtensionRequestsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'explanations',
        element: (
          <RequireAuth permission={['explanation.request', 'assignment.work']}>
            <ExplanationsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'calendar',
        element: (
          <RequireAuth permission="calendar.manage">
            <CalendarPage />
          </RequireAuth>
        ),
      },
      {
        path: 'boilerplate',
        element: (
          <RequireAuth permission="classifier.manage">
            <BoilerplatePage />
          </RequireAuth>
        ),
      },
      {
        path: 'address-registry',
        element: (
          <RequireAuth permission="addresses.manage">
            <AddressRegistryPage />
          </RequireAuth>
        ),
      },
      {
        // issue 16: the registry of emergencies and planned works
        path: 'works',
        element: (
          <RequireAuth permission="works.manage">
            <WorksPage />
          </RequireAuth>
        ),
      },
      {
        // issue 16: mass appeals proposed for the controller to confirm
        path: 'mass-appeals',
        element: (
          <RequireAuth permission="appeal.review">
            <MassAppealsPage />
          </RequireAuth>
        ),
      },
      // Issue 19: the knowledge base and the call-back queue.
      ...(
        [
          ['knowledge', 'knowledge.read', <KnowledgePage />],
          ['knowledge/new', 'knowledge.edit', <ArticleEditorPage />],
          ['knowledge/scripts', 'knowledge.edit', <ScriptsPage />],
          ['knowledge/:id', 'knowledge.read', <ArticlePage />],
          ['knowledge/:id/edit', 'knowledge.edit', <ArticleEditorPage />],
          ['callbacks', 'callbacks.work', <CallbacksPage />],
          ['callbacks/rules', 'callbacks.manage', <CallbackRulesPage />],
        ] as const
      ).map(([path, permission, page]) => ({
        path,
        element: <RequireAuth permission={permission}>{page}</RequireAuth>,
      })),
      { path: 'account/password', element: <OwnPasswordPage /> },
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
      {
        path: 'presence',
        element: (
          <RequireAuth permission="calls.monitor">
            <PresencePage />
          </RequireAuth>
        ),
      },
      {
        path: 'admin',
        element: (
          <RequireAuth
            permission={[
              'users.manage',
              'executors.manage',
              'classifier.manage',
              'settings.manage',
              'open311.keys.manage',
              'audit.read',
            ]}
          >
            <AdminPage />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <AdminIndex /> },
          {
            path: 'users',
            element: (
              <RequireAuth permission="users.manage">
                <UsersAdmin />
              </RequireAuth>
            ),
          },
          {
            path: 'organisations',
            element: (
              <RequireAuth permission="executors.manage">
                <OrganisationsAdmin />
              </RequireAuth>
            ),
          },
          {
            path: 'classifier',
            element: (
              <RequireAuth permission="classifier.manage">
                <ClassifierAdmin />
              </RequireAuth>
            ),
          },
          {
            path: 'routing',
            element: (
              <RequireAuth permission="executors.manage">
                <RoutingAdmin />
              </RequireAuth>
            ),
          },
          {
            path: 'settings',
            element: (
              <RequireAuth permission="settings.manage">
                <SettingsAdmin />
              </RequireAuth>
            ),
          },
          {
            path: 'templates',
            element: (
              <RequireAuth permission="settings.manage">
                <TemplatesAdmin />
              </RequireAuth>
            ),
          },
          {
            path: 'open311-keys',
            element: (
              <RequireAuth permission="open311.keys.manage">
                <Open311KeysAdmin />
              </RequireAuth>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequireAuth permission="audit.read">
                <AuditAdmin />
              </RequireAuth>
            ),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
