import type { Ctx } from '../api/context.js';
import type { DemoContext } from './seed.js';
import { seedExpenses } from '../expenses/demo.js';
import { seedConsumers } from '../consumers/demo.js';
import { seedCollections } from '../collections/demo.js';
import { seedBilling } from '../billing/demo.js';

export type DemoSeeder = (ctx: Ctx, demo: DemoContext) => Promise<void>;

/** Domain demo data, in dependency order (consumers before bills before payments). */
export const demoSeeders: DemoSeeder[] = [seedConsumers, seedBilling, seedExpenses, seedCollections];
