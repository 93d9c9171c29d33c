import { sql, type Kysely } from 'kysely';

/**
 * Records that happen once per thing, whichever desktop records them (sync/converge.ts):
 * - a demand's reversal and a receipt's cancellation get ids derived from the demand / payment
 *   (sync/ids.ts), so two desktops doing it offline write one row; the copy the server received
 *   first replaces the other desktop's. That replacement is the one DELETE allowed, and only while
 *   sync_adoption holds a row (as for demands, migration 0008).
 * - `demands_period` was UNIQUE on (connection, type, period, revision). Demands raised for a
 *   period already have ids derived from exactly that (billing/write.ts), so it added nothing there,
 *   but two desktops taking an advance or re-entering arrears on the same day write demands with
 *   fresh ids and the same tuple, which then could never replicate. It stays as a plain index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['demand_reversals', 'payment_cancellations']) {
    await sql.raw(`DROP TRIGGER ${table}_no_delete`).execute(db);
    await sql
      .raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} WHEN NOT EXISTS (SELECT 1 FROM sync_adoption) BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`)
      .execute(db);
  }
  await sql`DROP INDEX demands_period`.execute(db);
  await sql`CREATE INDEX demands_period ON demands (connection_id, consumer_type, period_from, period_to, revision)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
