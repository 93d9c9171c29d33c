import { sql, type Kysely } from 'kysely';

/**
 * Household register (register/register.ts): per-connection ledger sums kept on this device,
 * so a register page over 100k households does not re-add millions of demand lines.
 *
 * - `register_balances` (local, never replicated): per connection the sums the register shows,
 *   computed by register.ts with the same rule as ledger/outstanding.ts, with the connection's
 *   GP and number so that a page is an index walk.
 * - `register_dirty` (local): connections whose ledger rows changed since their sums were
 *   computed. Triggers on every table the sums read (inserts, and the deletes sync adoption may
 *   do) mark the connection; register.ts recomputes the marked ones, set-wise, before it reads.
 *   A row whose parent has not arrived yet marks nothing: the parent's own insert marks it.
 * Every existing connection starts marked. Additive only.
 */
const MARKS: Record<string, string> = {
  connections: `SELECT R.id AS connection_id`,
  demands: `SELECT R.connection_id AS connection_id`,
  demand_lines: `SELECT connection_id FROM demands WHERE id = R.demand_id`,
  demand_reversals: `SELECT connection_id FROM demands WHERE id = R.demand_id`,
  payments: `SELECT R.connection_id AS connection_id`,
  payment_allocations: `SELECT d.connection_id FROM demand_lines l JOIN demands d ON d.id = l.demand_id WHERE l.id = R.demand_line_id`,
  payment_cancellations: `SELECT connection_id FROM payments WHERE id = R.payment_id
    UNION SELECT d.connection_id FROM payment_allocations a JOIN demand_lines l ON l.id = a.demand_line_id JOIN demands d ON d.id = l.demand_id WHERE a.payment_id = R.payment_id`,
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE register_dirty (connection_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID`.execute(db);
  await sql`
    CREATE TABLE register_balances (
      connection_id TEXT PRIMARY KEY NOT NULL,
      tenant_id TEXT NOT NULL,
      connection_no TEXT NOT NULL,
      billed INTEGER NOT NULL,
      collected INTEGER NOT NULL,
      balance INTEGER NOT NULL,
      pending INTEGER NOT NULL,
      last_bill_date TEXT
    )`.execute(db);
  // The register's three sort orders, each within a GP (page = index walk + LIMIT).
  await sql`CREATE INDEX register_balances_no ON register_balances (tenant_id, connection_no)`.execute(db);
  await sql`CREATE INDEX register_balances_pending ON register_balances (tenant_id, pending, connection_no)`.execute(db);
  await sql`CREATE INDEX register_balances_bill ON register_balances (tenant_id, last_bill_date, connection_no)`.execute(db);
  for (const [table, select] of Object.entries(MARKS)) {
    for (const [when, row] of [['INSERT', 'NEW'], ['DELETE', 'OLD']] as const) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_register_${when.toLowerCase()} AFTER ${when} ON ${table} BEGIN
  INSERT OR IGNORE INTO register_dirty (connection_id) SELECT connection_id FROM (${select.replaceAll('R.', `${row}.`)}) WHERE connection_id IS NOT NULL;
END;`,
        )
        .execute(db);
    }
  }
  await sql`INSERT INTO register_dirty (connection_id) SELECT id FROM connections`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
