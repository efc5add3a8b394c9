import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import { ApiError } from '../shared/api/client.js';
import { cssVariablesResolver, theme } from './theme.js';

/**
 * The query client both pages use: a 4xx answer is not asked again (it will not change), a failed
 * change is never retried.
 */
export function createQueryClient(queries: { staleTime: number; refetchOnWindowFocus: boolean }) {
  return new QueryClient({
    defaultOptions: {
      queries: {
        ...queries,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

/** Theme, queries and routes: the root of the staff app and of the portal. */
export function WebRoot({
  client,
  router,
}: {
  client: QueryClient;
  router: ReturnType<typeof createBrowserRouter>;
}) {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
