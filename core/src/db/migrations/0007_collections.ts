import { sql, type Kysely } from 'kysely';

// Receipt snapshots and counter feedback (collections/tables.ts documents each). Additive only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receipt_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull().unique().references('payments.id'))
    .addColumn('due_before_paise', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('payment_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull().unique().references('payments.id'))
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('happy_with_supply', 'integer', (c) => c.notNull().check(sql`happy_with_supply BETWEEN 1 AND 5`))
    .addColumn('supply_regular', 'integer', (c) => c.notNull().check(sql`supply_regular BETWEEN 1 AND 5`))
    .addColumn('quality_good', 'integer', (c) => c.notNull().check(sql`quality_good BETWEEN 1 AND 5`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_feedback_tenant_day').on('payment_feedback').columns(['tenant_id', 'created_at']).execute();

  // Collection register and daily summary read payments by day and by collector.
  await sql`CREATE INDEX IF NOT EXISTS payments_tenant_creator ON payments (tenant_id, created_by, paid_on)`.execute(db);

  for (const table of ['receipt_snapshots', 'payment_feedback']) {
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
