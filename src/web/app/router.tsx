import { createBrowserRouter } from 'react-router';
import { AppealCardPage } from '../features/appeal/components/AppealCardPage.js';
import { LoginPage } from '../features/auth/components/LoginPage.js';
import { NewCallPage } from '../features/new-call/components/NewCallPage.js';
import { RegistryPage } from '../features/registry/components/RegistryPage.js';
import { AppLayout } from './AppLayout.js';
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
