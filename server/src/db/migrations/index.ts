import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_central.js';

/**
 * The server's migrations: one set for PostgreSQL and SQLite (only portable column types), one
 * file each (NNNN_name.ts), imported statically so the esbuild bundle carries them. Names sort in
 * the order they run. Additive only, like the device's: add new ones at the end, never edit one
 * that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001_central': m0001,
};

export const serverMigrations: MigrationProvider = { getMigrations: async () => migrations };
