import { sql, type Kysely } from 'kysely';

/**
 * A paid or cancelled expense stays read-only for the clerk, but no longer for replication.
 * Two offices offline: one marks a bill paid while the other corrects its amount. The server
 * merges field by field (sync/merge.ts) and holds both; a desktop that refused the other's edit
 * (the 0003 trigger) would differ from the server and every other desktop forever. So the
 * trigger now lets a write through while sync applies a pulled change (sync_adoption holds a row,
 * only inside sync/apply.ts's transaction). Handlers still refuse such edits (expenses/handlers.ts).
 */
const EXPENSE_COLUMNS = [
  'tenant_id', 'bill_no', 'type_code', 'vendor_id', 'amount_paise', 'bill_date', 'party_bill_date', 'period_from',
  'period_to', 'status', 'paid_date', 'paid_at', 'paid_by', 'cancelled_at', 'cancelled_by', 'cancel_reason',
  'created_at', 'created_by',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER expenses_closed_read_only`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER expenses_closed_read_only BEFORE UPDATE ON expenses WHEN OLD.status <> 'UNPAID' AND NOT EXISTS (SELECT 1 FROM sync_adoption) AND (${EXPENSE_COLUMNS.map(
        (c) => `NEW.${c} IS NOT OLD.${c}`,
      ).join(' OR ')}) BEGIN SELECT RAISE(ABORT, 'a paid or cancelled expense is read-only'); END;`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
