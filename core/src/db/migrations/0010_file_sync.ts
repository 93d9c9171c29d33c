import { type Kysely } from 'kysely';

/**
 * Replication of attachment files (sync/files.ts). Local only, never replicated. Additive only.
 *
 * `file_sync`: one row per (GP, content address) this device has tried to send or fetch.
 * `done_at` is set once this device holds the file AND the server is known to hold it: the file
 * is never looked at again. Until then `attempts` and `next_try_at` pace the retries (a file no
 * desktop has uploaded yet, a failed transfer) and `last_error` says what went wrong.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('file_sync')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_try_at', 'text')
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('file_sync_pk', ['tenant_id', 'sha256'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
