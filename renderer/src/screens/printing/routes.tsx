import type { RouteObject } from 'react-router-dom';
import { PrinterScreen } from './PrinterScreen';

/** This desktop's receipt printer (user menu → Receipt printer). */
export const printingRoutes: RouteObject[] = [{ path: 'printer', element: <PrinterScreen /> }];
