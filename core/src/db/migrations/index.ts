import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0003 from './0003_expenses.js';
import * as m0004 from './0004_sync.js';
import * as m0002 from './0002_consumers.js';
import * as m0005 from './0005_ledger.js';
import * as m0006 from './0006_billing.js';
import * as m0007 from './0007_collections.js';
import * as m0008 from './0008_demand_copies.js';
import * as m0009 from './0009_user_tenant.js';
import * as m0010 from './0010_file_sync.js';
import * as m0012 from './0012_expense_sync.js';
import * as m0014 from './0014_once_everywhere.js';
import * as m0015 from './0015_register.js';

/**
 * Every migration, imported statically so the bundle (Electron asar, esbuild) carries them.
 * Names sort in the order they run. Add new ones at the end; never edit a shipped one.
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0003_expenses': m0003,
  '0004_sync': m0004,
  '0002_consumers': m0002,
  '0005_ledger': m0005,
  '0006_billing': m0006,
  '0007_collections': m0007,
  '0008_demand_copies': m0008,
  '0009_user_tenant': m0009,
  '0010_file_sync': m0010,
  '0012_expense_sync': m0012,
  '0014_once_everywhere': m0014,
  '0015_register': m0015,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
