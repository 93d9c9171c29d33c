import type { RouteObject } from 'react-router-dom';
import { ReportsScreen } from './ReportsScreen';

/** Reports (card CORE_REPORTS in resources/masterdata/roles.json). */
export const reportsRoutes: RouteObject[] = [{ path: 'reports', element: <ReportsScreen /> }];
