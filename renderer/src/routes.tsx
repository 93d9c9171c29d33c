import type { RouteObject } from 'react-router-dom';
import { ChangePasswordScreen } from './screens/auth/ChangePasswordScreen';
import { SignInScreen } from './screens/auth/SignInScreen';
import { HomeScreen } from './screens/home/HomeScreen';
import { LanguageScreen } from './screens/language/LanguageScreen';
import { SetupScreen } from './screens/setup/SetupScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';
import { consumerRoutes } from './screens/consumers/routes';
import { collectionRoutes } from './screens/collections/routes';
import { expenseRoutes } from './screens/expenses/routes';
import { billingRoutes } from './screens/billing/routes';
import { syncRoutes } from './screens/sync/routes';
import { printingRoutes } from './screens/printing/routes';
import { dashboardRoutes } from './screens/dashboard/routes';
import { registerRoutes } from './screens/household-register/routes';
import { reportsRoutes } from './screens/reports/routes';

/**
 * The route registry. A domain adds its signed-in screens with one line in `shellRoutes`,
 * e.g. `...consumerRoutes` from './screens/consumers/routes'. Paths are relative to '/'
 * (HashRouter: the address bar shows #/consumers/new) and match CardInfo.route of its card.
 */
export const shellRoutes: RouteObject[] = [
  { index: true, element: <HomeScreen /> },
  { path: 'change-password', element: <ChangePasswordScreen /> },
  ...consumerRoutes,
  ...collectionRoutes,
  ...expenseRoutes,
  ...billingRoutes,
  ...syncRoutes,
  ...printingRoutes,
  ...dashboardRoutes,
  ...registerRoutes,
  ...reportsRoutes,
  { path: '*', element: <NotFoundScreen /> },
];

/** Screens before sign-in, without the shell. */
export const publicRoutes: RouteObject[] = [
  { path: 'language', element: <LanguageScreen /> },
  { path: 'setup', element: <SetupScreen /> },
  { path: 'sign-in', element: <SignInScreen /> },
];
