import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createHashRouter, RouterProvider } from 'react-router-dom';
import { ApiCallError } from './api/client';
import { publicRoutes, shellRoutes } from './routes';
import { CrashScreen } from './screens/CrashScreen';
import { RequireSession, RootGate } from './session/Gates';
import { theme } from './theme';

// HashRouter: works from the local server (any path) and from Electron's app:// alike.
const router = createHashRouter([
  {
    element: <RootGate />,
    errorElement: <CrashScreen />,
    children: [...publicRoutes, { path: '/', element: <RequireSession />, children: shellRoutes }],
  },
]);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Core is local: no point retrying a refusal; one retry for a hiccup.
      retry: (count, err) => !(err instanceof ApiCallError && err.code !== 'INTERNAL') && count < 1,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" autoClose={10_000} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
