import type { RouteObject } from 'react-router-dom';
import { DashboardScreen } from './DashboardScreen';

/** GPWSC Dashboard (card CORE_GPWSC_DASHBOARD in resources/masterdata/roles.json). */
export const dashboardRoutes: RouteObject[] = [{ path: 'dashboard', element: <DashboardScreen /> }];
