import { sql, type Kysely } from 'kysely';

/**
 * A demand's reversal has an id derived from the demand (sync/ids.ts reversalIdFor), so two
 * desktops reversing the same demand offline write one row; the copy the server received first
 * replaces the other desktop's (sync/converge.ts). That replacement is the one DELETE allowed, and
 * only while sync_adoption holds a row (as for demands, migration 0008).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER demand_reversals_no_delete`.execute(db);
  await sql`CREATE TRIGGER demand_reversals_no_delete BEFORE DELETE ON demand_reversals WHEN NOT EXISTS (SELECT 1 FROM sync_adoption) BEGIN SELECT RAISE(ABORT, 'demand_reversals is append-only'); END;`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
