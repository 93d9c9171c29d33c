import { sql, type Kysely } from 'kysely';

/**
 * A user belongs to one Gram Panchayat: `users.tenant_id` (the model is in core/src/auth/users.ts).
 * Before this, a replicated users row carried no GP, so the central server gave it to whichever
 * GP pushed it first and refused the whole batch of any other GP that touched it.
 *
 * Additive: the column is nullable (SQLite adds no NOT NULL column without a default); new rows
 * always carry it (sync/changes.ts refuses a users insert without it, and so does the server).
 * Backfill, on this device only (nothing is re-sent):
 * - users: the GP of the user's first role (user_roles, by created_at then id); a user without any
 *   role gets the device's GP when the device holds exactly one.
 * - outbox, entries not pushed yet: a users insert gains `tenant_id` in its data (the server
 *   refuses a new users row without it), and an entry without a GP gets its row's GP (users) or
 *   the device's only GP, so it is pushed under that GP and no other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN tenant_id TEXT`.execute(db);
  await sql`CREATE INDEX users_tenant ON users (tenant_id)`.execute(db);

  await sql`
    UPDATE users SET tenant_id = (
      SELECT r.tenant_id FROM user_roles r WHERE r.user_id = users.id ORDER BY r.created_at, r.id LIMIT 1
    )
    WHERE tenant_id IS NULL`.execute(db);
  await sql`
    UPDATE users SET tenant_id = (SELECT id FROM tenants)
    WHERE tenant_id IS NULL AND (SELECT COUNT(*) FROM tenants) = 1`.execute(db);

  await sql`
    UPDATE outbox SET data = json_set(data, '$.tenant_id', (SELECT u.tenant_id FROM users u WHERE u.id = outbox.row_id))
    WHERE table_name = 'users' AND op = 'insert' AND pushed_at IS NULL
      AND json_type(data, '$.tenant_id') IS NULL
      AND EXISTS (SELECT 1 FROM users u WHERE u.id = outbox.row_id AND u.tenant_id IS NOT NULL)`.execute(db);
  await sql`
    UPDATE outbox SET tenant_id = (SELECT u.tenant_id FROM users u WHERE u.id = outbox.row_id)
    WHERE table_name = 'users' AND tenant_id IS NULL AND pushed_at IS NULL`.execute(db);
  await sql`
    UPDATE outbox SET tenant_id = (SELECT id FROM tenants)
    WHERE tenant_id IS NULL AND pushed_at IS NULL AND (SELECT COUNT(*) FROM tenants) = 1`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
