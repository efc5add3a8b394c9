import { Center, Loader } from '@mantine/core';
import {
  lazy,
  Suspense,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A page whose code loads when it is first visited (route-level code splitting): the first page
 * of the staff app or the portal downloads and parses only its own code, not every screen's and
 * the maps'. `name` is the page's named export in the module.
 *
 * @example const ReportsPage = lazyPage(() => import('../features/reports/…/ReportsPage.js'), 'ReportsPage');
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** Where a lazy page appears: a labelled spinner while its code arrives. */
export function PageSuspense({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      }
    >
      {children}
    </Suspense>
  );
}

const RELOADED_AT = 'kontakt.reloadedForNewBuild';

/**
 * After a new release the old pages' chunks are gone: a tab opened before it fails to load a
 * lazy page. Vite reports that as `vite:preloadError`; the page reloads once to fetch the new
 * build (not again within a minute, so a server that really lacks the file shows its error).
 */
export function reloadOnStaleBuild(): void {
  window.addEventListener('vite:preloadError', (event) => {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 60_000) return;
    event.preventDefault();
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    window.location.reload();
  });
}
