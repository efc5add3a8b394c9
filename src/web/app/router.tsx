import { createBrowserRouter } from 'react-router';
import { AppealCardPage } from '../features/appeal/components/AppealCardPage.js';
import { AddressRegistryPage } from '../features/address-registry/components/AddressRegistryPage.js';
import { CalendarPage } from '../features/calendar/components/CalendarPage.js';
import { BoilerplatePage } from '../features/formal-answers/components/BoilerplatePage.js';
import { ExplanationsPage } from '../features/deadlines/components/ExplanationsPage.js';
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
import { OwnPasswordPage } from '../features/account/components/OwnPasswordPage.js';
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
      { path: 'account/password', element: <OwnPasswordPage /> },
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
