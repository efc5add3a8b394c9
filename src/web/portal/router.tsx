import { createBrowserRouter } from 'react-router';
import { PortalLayout } from './PortalLayout.js';
import { AppealsPage } from './pages/AppealsPage.js';
import { HomePage } from './pages/HomePage.js';
import { PortalNotFound } from './pages/PortalNotFound.js';
import { StatisticsPage } from './pages/StatisticsPage.js';
import { SubmitPage } from './pages/SubmitPage.js';
import { TrackPage } from './pages/TrackPage.js';
import { FaqPage } from './pages/FaqPage.js';
import { WorksPage } from './pages/WorksPage.js';

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
