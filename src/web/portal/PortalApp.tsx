import { createQueryClient, WebRoot } from '../app/WebRoot.js';
import { portalRouter } from './router.js';

const queryClient = createQueryClient({ staleTime: 60_000, refetchOnWindowFocus: false });

/** The public portal: no account, Ukrainian by default, the same theme as the staff app. */
export function PortalApp() {
  return <WebRoot client={queryClient} router={portalRouter} />;
}
