import { sql, type Kysely } from 'kysely';

// Billing: tariff versions, meter readings, bill numbers, SMS outbox, job runs (billing/tables.ts
// documents each), and the "one late penalty per demand" index on demand_lines. Additive only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tariff_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('tariff', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX tariff_versions_tenant ON tariff_versions (tenant_id, effective_from)`.execute(db);

  await db.schema
    .createTable('meter_readings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('demand_id', 'text', (c) => c.notNull())
    .addColumn('reading_date', 'text', (c) => c.notNull())
    .addColumn('reading', 'integer', (c) => c.notNull())
    .addColumn('previous_reading', 'integer', (c) => c.notNull())
    .addColumn('previous_reading_date', 'text', (c) => c.notNull())
    .addColumn('meter_status', 'text', (c) => c.notNull())
    .addColumn('consumption', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX meter_readings_connection ON meter_readings (connection_id, reading_date)`.execute(db);

  await db.schema
    .createTable('bills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('demand_id', 'text', (c) => c.notNull())
    .addColumn('bill_no', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX bills_demand ON bills (demand_id)`.execute(db);

  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('to_mobile', 'text', (c) => c.notNull())
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_run_date', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text', (c) => c.notNull())
    .execute();

  for (const table of ['tariff_versions', 'meter_readings', 'bills', 'sms_outbox']) {
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`).execute(db);
  }

  // A demand gets at most one late-payment penalty (SPEC §4.8), whoever adds it.
  await sql`CREATE UNIQUE INDEX demand_lines_one_late_penalty ON demand_lines (demand_id) WHERE tax_head = 'WS_TIME_PENALTY'`.execute(db);
  // Bulk demand and the penalty job look demands up by tenant, type and period end.
  await sql`CREATE INDEX demands_tenant_type_to ON demands (tenant_id, consumer_type, period_to)`.execute(db);
}
