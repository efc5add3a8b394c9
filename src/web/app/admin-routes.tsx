/**
 * The staff app's administration (`/admin/…`): open to anyone holding one of its permissions,
 * each section to the permission it needs.
 */
import type { RouteObject } from 'react-router';
import { AdminIndex } from './AdminIndex.js';
import { RequireAuth } from './RequireAuth.js';
import {
  AdminPage,
  AuditAdmin,
  ClassifierAdmin,
  Open311KeysAdmin,
  OrganisationsAdmin,
  RoutingAdmin,
  SettingsAdmin,
  TemplatesAdmin,
  UsersAdmin,
} from './lazy-pages.js';

export const adminRoute: RouteObject = {
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
};
