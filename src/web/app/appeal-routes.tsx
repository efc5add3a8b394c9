/**
 * The staff app's routes along an appeal's way: intake (the operator's new call, the portal's
 * submissions), the registry and the card, the executor's inbox, the controller's review, and
 * the extension, explanation and mass-appeal requests on the way.
 */
import type { RouteObject } from 'react-router';
import { RequireAuth } from './RequireAuth.js';
import {
  AppealCardPage,
  ExplanationsPage,
  ExtensionRequestsPage,
  InboxPage,
  MassAppealsPage,
  ModerationPage,
  NewCallPage,
  RegistryPage,
  ReviewPage,
} from './lazy-pages.js';

export const appealRoutes: RouteObject[] = [
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
    // issue 16: mass appeals proposed for the controller to confirm
    path: 'mass-appeals',
    element: (
      <RequireAuth permission="appeal.review">
        <MassAppealsPage />
      </RequireAuth>
    ),
  },
];
