import { setUnauthorisedHandler } from '../shared/api/client.js';
import { meQuery } from '../shared/api/queries.js';
import { router } from './router.js';
import { createQueryClient, WebRoot } from './WebRoot.js';

const queryClient = createQueryClient({ staleTime: 15_000, refetchOnWindowFocus: true });

// The session ended (expired, signed out elsewhere): back to the login page.
setUnauthorisedHandler(() => {
  queryClient.setQueryData(meQuery.queryKey, null);
});

export function App() {
  return <WebRoot client={queryClient} router={router} />;
}
