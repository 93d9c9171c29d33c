import { authContract } from '../auth/contract.js';
import { homeContract } from '../home/contract.js';
import { syncContract } from '../sync/contract.js';
import { expensesContract } from '../expenses/contract.js';
import { notificationsContract } from '../notifications/contract.js';
import { consumersContract } from '../consumers/contract.js';
import { billingContract } from '../billing/contract.js';
import { collectionsContract } from '../collections/contract.js';
import { printingContract } from '../printing/contract.js';
import { registerContract } from '../register/contract.js';
import { dashboardContract } from '../dashboard/contract.js';
import { reportsContract } from '../reporting/contract.js';
import type { InputOf, OutputOf, OperationSpec } from './operation.js';


/**
 * Every operation of the app, by name. Add a domain by spreading its contract here and its
 * handlers in api/handlers.ts. The renderer, the local server, the central server and the
 * generated API reference all read this one map.
 */
export const contract = {
  ...authContract,
  ...homeContract,
  ...syncContract,
  ...expensesContract,
  ...notificationsContract,
  ...consumersContract,
  ...billingContract,
  ...collectionsContract,
  ...printingContract,
  ...registerContract,
  ...dashboardContract,
  ...reportsContract,
} as const satisfies Record<string, OperationSpec>;

export type Contract = typeof contract;
export type OpName = keyof Contract;
export type OpInput<N extends OpName> = InputOf<Contract[N]>;
export type OpOutput<N extends OpName> = OutputOf<Contract[N]>;

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
