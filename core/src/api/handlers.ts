import type { Contract, OpName, OpOutput } from './contract.js';
import type { ParsedInputOf } from './operation.js';
import type { Ctx } from './context.js';
import type { AfterRelease } from './after-release.js';
import { authHandlers } from '../auth/handlers.js';
import { homeHandlers } from '../home/handlers.js';
import { syncHandlers } from '../sync/handlers.js';
import { expensesHandlers } from '../expenses/handlers.js';
import { notificationsHandlers } from '../notifications/handlers.js';
import { consumersHandlers } from '../consumers/handlers.js';
import { billingHandlers } from '../billing/handlers.js';
import { collectionsHandlers } from '../collections/handlers.js';
import { printingHandlers } from '../printing/handlers.js';
import { registerHandlers } from '../register/handlers.js';
import { dashboardHandlers } from '../dashboard/handlers.js';
import { reportsHandlers } from '../reporting/handlers.js';

/** A handler returns its result, or `afterRelease(…)` for work done once the database is released. */
export type Handler<N extends OpName> = (ctx: Ctx, input: ParsedInputOf<Contract[N]>) => Promise<OpOutput<N> | AfterRelease<OpOutput<N>>>;
export type Handlers<N extends OpName = OpName> = { [K in N]: Handler<K> };

/** Every operation's handler, by name; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...authHandlers,
  ...homeHandlers,
  ...syncHandlers,
  ...expensesHandlers,
  ...notificationsHandlers,
  ...consumersHandlers,
  ...billingHandlers,
  ...collectionsHandlers,
  ...printingHandlers,
  ...registerHandlers,
  ...dashboardHandlers,
  ...reportsHandlers,
};
