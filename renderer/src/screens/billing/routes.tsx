import type { RouteObject } from 'react-router-dom';
import { GenerateDemandScreen } from './GenerateDemandScreen';
import { MeteredBillScreen } from './MeteredBillScreen';
import { TariffEditorScreen } from './TariffEditorScreen';
import { VillageDetailsScreen } from './VillageDetailsScreen';

/** Billing screens (issue 4). The household detail includes BillingCards (generate new bill, latest bill). */
export const billingRoutes: RouteObject[] = [
  { path: 'billing/generate-demand', element: <GenerateDemandScreen /> },
  { path: 'billing/:connectionId/metered-bill', element: <MeteredBillScreen /> },
  { path: 'billing/tariffs', element: <TariffEditorScreen /> },
  { path: 'village-details', element: <VillageDetailsScreen /> },
];
