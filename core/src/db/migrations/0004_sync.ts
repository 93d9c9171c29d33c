import { type Kysely } from 'kysely';

/**
 * Replication state of this device (core/src/sync/client.ts). Additive only.
 *
 * - `sync_state`: one row (id = 1) once the desktop is enrolled with a central server. The device
 *   token is stored here in plain text: it is the device's own credential, like the SQLite file
 *   itself it is protected by the OS account; the server keeps only its hash and an administrator
 *   can revoke it.
 * - `field_clocks`: for editable replicated rows, the HLC stamp of the last write of each field
 *   (JSON object field → stamp), written by local writes (sync/changes.ts) and by applied remote
 *   changes (sync/apply.ts). Field-wise last-writer-wins compares against it.
 * - `sync_rejects`: changes the server refused (or remote changes this device could not apply),
 *   kept so staff can see and fix them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('server_url', 'text', (c) => c.notNull())
    .addColumn('device_token', 'text', (c) => c.notNull())
    .addColumn('server_device_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('pull_cursor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_error_key', 'text')
    .addColumn('last_error_detail', 'text')
    .addColumn('clock_drift_ms', 'integer')
    .addColumn('max_remote_hlc', 'text')
    .execute();

  await db.schema
    .createTable('field_clocks')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('clocks', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('field_clocks_pk', ['table_name', 'row_id'])
    .execute();

  await db.schema
    .createTable('sync_rejects')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('mutation_id', 'text')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
