import { sql, type Kysely } from 'kysely';

// Payments and what they settled (ledger/tables.ts documents each). Append-only; additive only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('receipt_no', 'text', (c) => c.notNull().unique())
    .addColumn('amount_paise', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text')
    .addColumn('payer_mobile', 'text')
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('advance_demand_id', 'text', (c) => c.references('demands.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('payments_amount_positive', sql`amount_paise > 0`)
    .execute();
  await db.schema.createIndex('payments_connection').on('payments').columns(['connection_id', 'paid_on']).execute();
  await db.schema.createIndex('payments_tenant_day').on('payments').columns(['tenant_id', 'paid_on']).execute();

  await db.schema
    .createTable('payment_allocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('demand_line_id', 'text', (c) => c.notNull().references('demand_lines.id'))
    .addColumn('amount_paise', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_allocations_line').on('payment_allocations').columns(['demand_line_id']).execute();
  await db.schema.createIndex('payment_allocations_payment').on('payment_allocations').columns(['payment_id']).execute();

  await db.schema
    .createTable('payment_cancellations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull().unique().references('payments.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  for (const table of ['payments', 'payment_allocations', 'payment_cancellations']) {
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
