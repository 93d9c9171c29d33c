import { sql, type Kysely } from 'kysely';

// Expenses (SPEC §2.12, §2.13, §6) and in-app notifications (SPEC §8.2). Additive only, forever:
// fix mistakes with a new migration. Tables: see core/src/expenses/tables.ts and
// core/src/notifications/tables.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vendors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('vendors_tenant_name', ['tenant_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('expenses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('bill_no', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id'))
    .addColumn('amount_paise', 'integer', (c) =>
      c.notNull().check(sql`amount_paise >= 100 AND amount_paise <= 99999900 AND amount_paise % 100 = 0`),
    )
    .addColumn('bill_date', 'text', (c) => c.notNull())
    .addColumn('party_bill_date', 'text')
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('UNPAID', 'PAID', 'CANCELLED')`))
    .addColumn('paid_date', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('paid_by', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('expenses_tenant_bill_no', ['tenant_id', 'bill_no'])
    .execute();
  // Search (expenses.search) sorts by bill date then number and may filter by status: each index
  // carries all three so the page is chosen from the index alone and only its rows are read.
  await db.schema.createIndex('expenses_vendor').on('expenses').columns(['tenant_id', 'vendor_id', 'bill_date', 'bill_no', 'status']).execute();
  await db.schema.createIndex('expenses_type').on('expenses').columns(['tenant_id', 'type_code', 'bill_date', 'bill_no', 'status']).execute();
  await db.schema.createIndex('expenses_status').on('expenses').columns(['tenant_id', 'status', 'bill_date', 'bill_no', 'vendor_id']).execute();
  // Newest first over everything: for a broad vendor fragment the page comes from a date-ordered scan.
  await db.schema.createIndex('expenses_date').on('expenses').columns(['tenant_id', 'bill_date', 'bill_no', 'vendor_id', 'status']).execute();

  await db.schema
    .createTable('expense_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('expense_id', 'text', (c) => c.notNull().references('expenses.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expense_attachments_expense').on('expense_attachments').columns(['expense_id']).execute();
  await db.schema.createIndex('expense_attachments_sha').on('expense_attachments').columns(['tenant_id', 'sha256']).execute();

  await db.schema
    .createTable('expense_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('expense_id', 'text', (c) => c.notNull().references('expenses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expense_events_expense').on('expense_events').columns(['expense_id', 'at']).execute();

  // Local only: this device's bill number series.
  await db.schema
    .createTable('expense_number_series')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('fy', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('expense_number_series_pk', ['tenant_id', 'fy'])
    .execute();

  // History is append-only.
  for (const table of ['expense_events']) {
    await sql
      .raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`)
      .execute(db);
  }
  for (const table of ['expenses', 'expense_attachments', 'vendors']) {
    await sql
      .raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} rows are never deleted'); END;`)
      .execute(db);
  }
  // A paid or cancelled expense is read-only. Rewriting the same values (a replica applying a
  // change it already has) only moves updated_at and is allowed.
  const expenseColumns = [
    'tenant_id', 'bill_no', 'type_code', 'vendor_id', 'amount_paise', 'bill_date', 'party_bill_date', 'period_from',
    'period_to', 'status', 'paid_date', 'paid_at', 'paid_by', 'cancelled_at', 'cancelled_by', 'cancel_reason',
    'created_at', 'created_by',
  ];
  await sql
    .raw(
      `CREATE TRIGGER expenses_closed_read_only BEFORE UPDATE ON expenses WHEN OLD.status <> 'UNPAID' AND (${expenseColumns
        .map((c) => `NEW.${c} IS NOT OLD.${c}`)
        .join(' OR ')}) BEGIN SELECT RAISE(ABORT, 'a paid or cancelled expense is read-only'); END;`,
    )
    .execute(db);
  // Bill number, type, GP and creation facts never change, whatever the status.
  await sql
    .raw(
      `CREATE TRIGGER expenses_identity_fixed BEFORE UPDATE ON expenses WHEN ${['tenant_id', 'bill_no', 'type_code', 'created_at', 'created_by']
        .map((c) => `NEW.${c} IS NOT OLD.${c}`)
        .join(' OR ')} BEGIN SELECT RAISE(ABORT, 'bill number and type of an expense are fixed'); END;`,
    )
    .execute(db);
  // An attachment's file facts are fixed; only its removal can be recorded.
  await sql
    .raw(
      `CREATE TRIGGER expense_attachments_fixed BEFORE UPDATE ON expense_attachments WHEN ${[
        'tenant_id', 'expense_id', 'file_name', 'mime', 'size_bytes', 'sha256', 'created_at', 'created_by',
      ]
        .map((c) => `NEW.${c} IS NOT OLD.${c}`)
        .join(' OR ')} BEGIN SELECT RAISE(ABORT, 'an attachment is fixed once stored'); END;`,
    )
    .execute(db);

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('action_route', 'text')
    .addColumn('roles', 'text')
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('notifications_once_per_period', ['tenant_id', 'code', 'period_key'])
    .execute();
  await db.schema.createIndex('notifications_tenant').on('notifications').columns(['tenant_id', 'created_at']).execute();
  await db.schema
    .createTable('notification_dismissals')
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_dismissals_pk', ['notification_id', 'user_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
