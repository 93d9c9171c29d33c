import type { RouteObject } from 'react-router-dom';
import { SyncScreen } from './SyncScreen';

/** Data sync (replication with the central server): status, Sync now, refused changes, enrolment. */
export const syncRoutes: RouteObject[] = [{ path: 'sync', element: <SyncScreen /> }];
