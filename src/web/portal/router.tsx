import { createBrowserRouter } from 'react-router';
import { lazyPage } from '../shared/ui/LazyPage.js';
import { PortalLayout } from './PortalLayout.js';
import { HomePage } from './pages/HomePage.js';
import { PortalNotFound } from './pages/PortalNotFound.js';

// The home page is in the first download; the others (maps, charts, forms) load on first visit.
const SubmitPage = lazyPage(() => import('./pages/SubmitPage.js'), 'SubmitPage');
const TrackPage = lazyPage(() => import('./pages/TrackPage.js'), 'TrackPage');
const AppealsPage = lazyPage(() => import('./pages/AppealsPage.js'), 'AppealsPage');
const StatisticsPage = lazyPage(() => import('./pages/StatisticsPage.js'), 'StatisticsPage');
const FaqPage = lazyPage(() => import('./pages/FaqPage.js'), 'FaqPage');
const WorksPage = lazyPage(() => import('./pages/WorksPage.js'), 'WorksPage');

/** The portal's pages under /portal (the server answers every /portal/… with this page). */
export const portalRouter = createBrowserRouter(
  [
    {
      element: <PortalLayout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'submit', element: <SubmitPage /> },
        { path: 'track', element: <TrackPage /> },
        { path: 'appeals', element: <AppealsPage /> },
        { path: 'statistics', element: <StatisticsPage /> },
        { path: 'faq', element: <FaqPage /> }, // issue 19
        { path: 'works', element: <WorksPage /> }, // issue 16
        { path: '*', element: <PortalNotFound /> },
      ],
    },
  ],
  { basename: '/portal' },
);
