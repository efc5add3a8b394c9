/**
 * The staff app's routes to what the work leans on: the calendar, formal answers' boilerplate,
 * the address registry, the registry of works, the knowledge base and the call-back queue.
 */
import type { RouteObject } from 'react-router';
import { RequireAuth } from './RequireAuth.js';
import {
  AddressRegistryPage,
  ArticleEditorPage,
  ArticlePage,
  BoilerplatePage,
  CalendarPage,
  CallbackRulesPage,
  CallbacksPage,
  KnowledgePage,
  ScriptsPage,
  WorksPage,
} from './lazy-pages.js';

export const referenceRoutes: RouteObject[] = [
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
];
