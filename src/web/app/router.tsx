import { createBrowserRouter } from 'react-router';
import { lazyPage } from '../shared/ui/LazyPage.js';
import { LoginPage } from '../features/auth/components/LoginPage.js';
import { AppLayout } from './AppLayout.js';
import { AdminIndex } from './AdminIndex.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequireAuth } from './RequireAuth.js';
import { DashboardPage, StartPage } from './StartPage.js';

// Every screen but the start and sign-in pages loads its code on first visit (LazyPage.tsx).
const AppealCardPage = lazyPage(
  () => import('../features/appeal/components/AppealCardPage.js'),
  'AppealCardPage',
);
const AddressRegistryPage = lazyPage(
  () => import('../features/address-registry/components/AddressRegistryPage.js'),
  'AddressRegistryPage',
);
const WorksPage = lazyPage(() => import('../features/works/components/WorksPage.js'), 'WorksPage');
const MonitoringPage = lazyPage(
  () => import('../features/monitoring/components/MonitoringPage.js'),
  'MonitoringPage',
);
const MassAppealsPage = lazyPage(
  () => import('../features/mass-appeals/components/MassAppealsPage.js'),
  'MassAppealsPage',
);
const KnowledgePage = lazyPage(
  () => import('../features/knowledge/components/KnowledgePage.js'),
  'KnowledgePage',
);
const ArticlePage = lazyPage(
  () => import('../features/knowledge/components/ArticlePage.js'),
  'ArticlePage',
);
const ArticleEditorPage = lazyPage(
  () => import('../features/knowledge/components/ArticleEditorPage.js'),
  'ArticleEditorPage',
);
const CallbacksPage = lazyPage(
  () => import('../features/callbacks/components/CallbacksPage.js'),
  'CallbacksPage',
);
const CallbackRulesPage = lazyPage(
  () => import('../features/callbacks/components/CallbackRulesPage.js'),
  'CallbackRulesPage',
);
const ScriptsPage = lazyPage(
  () => import('../features/knowledge/components/ScriptsPage.js'),
  'ScriptsPage',
);
const CalendarPage = lazyPage(
  () => import('../features/calendar/components/CalendarPage.js'),
  'CalendarPage',
);
const BoilerplatePage = lazyPage(
  () => import('../features/formal-answers/components/BoilerplatePage.js'),
  'BoilerplatePage',
);
const ExplanationsPage = lazyPage(
  () => import('../features/deadlines/components/ExplanationsPage.js'),
  'ExplanationsPage',
);
const ReportsPage = lazyPage(
  () => import('../features/reports/components/ReportsPage.js'),
  'ReportsPage',
);
const ExtensionRequestsPage = lazyPage(
  () => import('../features/deadlines/components/ExtensionRequestsPage.js'),
  'ExtensionRequestsPage',
);
const NotificationsPage = lazyPage(
  () => import('../features/notifications/components/NotificationsPage.js'),
  'NotificationsPage',
);
const NotificationSettingsPage = lazyPage(
  () => import('../features/notifications/components/NotificationSettingsPage.js'),
  'NotificationSettingsPage',
);
const ModerationPage = lazyPage(
  () => import('../features/moderation/components/ModerationPage.js'),
  'ModerationPage',
);
const NewCallPage = lazyPage(
  () => import('../features/new-call/components/NewCallPage.js'),
  'NewCallPage',
);
const RegistryPage = lazyPage(
  () => import('../features/registry/components/RegistryPage.js'),
  'RegistryPage',
);
const AdminPage = lazyPage(() => import('../features/admin/components/AdminPage.js'), 'AdminPage');
const AuditAdmin = lazyPage(
  () => import('../features/admin/components/AuditAdmin.js'),
  'AuditAdmin',
);
const ClassifierAdmin = lazyPage(
  () => import('../features/admin/components/ClassifierAdmin.js'),
  'ClassifierAdmin',
);
const OrganisationsAdmin = lazyPage(
  () => import('../features/admin/components/OrganisationsAdmin.js'),
  'OrganisationsAdmin',
);
const RoutingAdmin = lazyPage(
  () => import('../features/admin/components/RoutingAdmin.js'),
  'RoutingAdmin',
);
const SettingsAdmin = lazyPage(
  () => import('../features/admin/components/SettingsAdmin.js'),
  'SettingsAdmin',
);
const UsersAdmin = lazyPage(
  () => import('../features/admin/components/UsersAdmin.js'),
  'UsersAdmin',
);
const Open311KeysAdmin = lazyPage(
  () => import('../features/admin/components/Open311KeysAdmin.js'),
  'Open311KeysAdmin',
);
const TemplatesAdmin = lazyPage(
  () => import('../features/admin/components/TemplatesAdmin.js'),
  'TemplatesAdmin',
);
const DutiesPage = lazyPage(
  () => import('../features/duties/components/DutiesPage.js'),
  'DutiesPage',
);
const ApplicantsPage = lazyPage(
  () => import('../features/applicants/components/ApplicantsPage.js'),
  'ApplicantsPage',
);
const OwnPasswordPage = lazyPage(
  () => import('../features/account/components/OwnPasswordPage.js'),
  'OwnPasswordPage',
);
const CallLogPage = lazyPage(
  () => import('../features/telephony/components/CallLogPage.js'),
  'CallLogPage',
);
const PresencePage = lazyPage(
  () => import('../features/telephony/components/PresencePage.js'),
  'PresencePage',
);
const InboxPage = lazyPage(() => import('./WorkPages.js'), 'InboxPage');
const ReviewPage = lazyPage(() => import('./WorkPages.js'), 'ReviewPage');

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
