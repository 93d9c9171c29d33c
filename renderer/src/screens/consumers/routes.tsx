import type { RouteObject } from 'react-router-dom';
import { ConsumerFormScreen } from './ConsumerFormScreen';
import { HouseholdScreen } from './HouseholdScreen';
import { ImportConsumersScreen } from './ImportConsumersScreen';
import { MastersScreen } from './MastersScreen';
import { SearchConsumerScreen } from './SearchConsumerScreen';

/** Consumers screens (issue 3); the home cards' routes are in resources/masterdata/roles.json. */
export const consumerRoutes: RouteObject[] = [
  { path: 'consumers/new', element: <ConsumerFormScreen /> },
  { path: 'consumers/search', element: <SearchConsumerScreen /> },
  { path: 'consumers/import', element: <ImportConsumersScreen /> },
  { path: 'consumers/masters', element: <MastersScreen /> },
  { path: 'consumers/:connectionId', element: <HouseholdScreen /> },
  { path: 'consumers/:connectionId/edit', element: <ConsumerFormScreen /> },
];
