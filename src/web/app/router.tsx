/**
 * The staff app's route table: sign-in, then the layout (behind sign-in) with the start page, the
 * route groups of `*-routes.tsx`, the personal pages, the administration and the not-found page.
 * Route matching is ranked by path, so the groups' order does not matter.
 */
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/components/LoginPage.js';
import { adminRoute } from './admin-routes.js';
import { appealRoutes } from './appeal-routes.js';
import { AppLayout } from './AppLayout.js';
import { NotificationSettingsPage, NotificationsPage, OwnPasswordPage } from './lazy-pages.js';
import { NotFoundPage } from './NotFoundPage.js';
import { referenceRoutes } from './reference-routes.js';
import { RequireAuth } from './RequireAuth.js';
import { StartPage } from './StartPage.js';
import { supervisionRoutes } from './supervision-routes.js';

// Every screen but the start and sign-in pages loads its code on first visit (lazy-pages.ts).
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
      ...appealRoutes,
      ...supervisionRoutes,
      ...referenceRoutes,
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'me/notifications', element: <NotificationSettingsPage /> },
      { path: 'account/password', element: <OwnPasswordPage /> },
      adminRoute,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
