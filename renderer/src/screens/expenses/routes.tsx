import type { RouteObject } from 'react-router-dom';
import { AddExpenseScreen } from './AddExpenseScreen';
import { ExpenseDetailScreen } from './ExpenseDetailScreen';
import { SearchExpenseScreen } from './SearchExpenseScreen';
import { VendorsScreen } from './VendorsScreen';

/** Expense screens (issue 6); the home cards' routes are in resources/masterdata/roles.json. */
export const expenseRoutes: RouteObject[] = [
  { path: 'expenses/new', element: <AddExpenseScreen /> },
  { path: 'expenses/search', element: <SearchExpenseScreen /> },
  { path: 'expenses/vendors', element: <VendorsScreen /> },
  { path: 'expenses/:id', element: <ExpenseDetailScreen /> },
];
