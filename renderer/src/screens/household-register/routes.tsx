import type { RouteObject } from 'react-router-dom';
import { HouseholdRegisterScreen } from './HouseholdRegisterScreen';

/** Household register (SPEC §2.14); the home card CORE_HOUSEHOLD_REGISTER routes here. */
export const registerRoutes: RouteObject[] = [{ path: 'household-register', element: <HouseholdRegisterScreen /> }];
