import { sql, type Kysely } from 'kysely';

// Consumers, connections, the demand ledger and number series (consumers/tables.ts documents each).
// Additive only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consumers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('father_name', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('sub_category', 'text')
    .addColumn('door_no', 'text')
    .addColumn('street', 'text')
    .addColumn('ward', 'text', (c) => c.notNull())
    .addColumn('property_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consumers_tenant_mobile').on('consumers').columns(['tenant_id', 'mobile']).execute();

  await db.schema
    .createTable('consumer_mobiles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consumer_mobiles_lookup').on('consumer_mobiles').columns(['tenant_id', 'mobile', 'consumer_id']).execute();

  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('connection_no', 'text', (c) => c.notNull().modifyEnd(sql`COLLATE NOCASE`))
    .addColumn('old_connection_no', 'text', (c) => c.notNull().modifyEnd(sql`COLLATE NOCASE`))
    .addColumn('connection_type', 'text', (c) => c.notNull())
    .addColumn('meter_number', 'text')
    .addColumn('previous_reading_date', 'text', (c) => c.notNull())
    .addColumn('previous_reading', 'integer')
    .addColumn('payment_type', 'text', (c) => c.notNull())
    .addColumn('arrears_paise', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('penalty_paise', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('advance_paise', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_remarks', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX connections_no ON connections (connection_no)`.execute(db);
  await sql`CREATE INDEX connections_old_no ON connections (tenant_id, old_connection_no)`.execute(db);
  await sql`CREATE INDEX connections_consumer ON connections (consumer_id)`.execute(db);
  await sql`CREATE INDEX connections_tenant_status ON connections (tenant_id, status, connection_type)`.execute(db);

  // Name search: a trigram index for partial (substring) matches and a word index whose
  // vocabulary drives the misspelling fallback (consumers/search.ts). External-content FTS5
  // tables kept in step by triggers, so rows that arrive by sync are indexed too.
  await sql`CREATE VIRTUAL TABLE consumers_name_tri USING fts5(name, content='consumers', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`CREATE VIRTUAL TABLE consumers_name_word USING fts5(name, content='consumers', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE VIRTUAL TABLE consumers_name_vocab USING fts5vocab(consumers_name_word, 'row')`.execute(db);
  await sql.raw(`CREATE TRIGGER consumers_fts_ai AFTER INSERT ON consumers BEGIN
      INSERT INTO consumers_name_tri (rowid, name) VALUES (new.rowid, new.name);
      INSERT INTO consumers_name_word (rowid, name) VALUES (new.rowid, new.name);
    END;`).execute(db);
  await sql.raw(`CREATE TRIGGER consumers_fts_ad AFTER DELETE ON consumers BEGIN
      INSERT INTO consumers_name_tri (consumers_name_tri, rowid, name) VALUES ('delete', old.rowid, old.name);
      INSERT INTO consumers_name_word (consumers_name_word, rowid, name) VALUES ('delete', old.rowid, old.name);
    END;`).execute(db);
  await sql.raw(`CREATE TRIGGER consumers_fts_au AFTER UPDATE OF name ON consumers BEGIN
      INSERT INTO consumers_name_tri (consumers_name_tri, rowid, name) VALUES ('delete', old.rowid, old.name);
      INSERT INTO consumers_name_word (consumers_name_word, rowid, name) VALUES ('delete', old.rowid, old.name);
      INSERT INTO consumers_name_tri (rowid, name) VALUES (new.rowid, new.name);
      INSERT INTO consumers_name_word (rowid, name) VALUES (new.rowid, new.name);
    END;`).execute(db);

  await db.schema
    .createTable('demands')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('consumer_type', 'text', (c) =>
      c.notNull().check(sql`consumer_type IN ('waterConnection', 'waterConnection-arrears', 'waterConnection-advance')`),
    )
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX demands_period ON demands (connection_id, consumer_type, period_from, period_to, revision)`.execute(db);
  await sql`CREATE INDEX demands_tenant_period ON demands (tenant_id, period_from)`.execute(db);

  await db.schema
    .createTable('demand_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('demand_id', 'text', (c) => c.notNull().references('demands.id'))
    .addColumn('tax_head', 'text', (c) =>
      c.notNull().check(sql`tax_head IN ('10101', '10102', '10201', 'WS_TIME_PENALTY', 'WS_ADVANCE_CARRYFORWARD', 'WS_Round_Off')`),
    )
    .addColumn('amount_paise', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX demand_lines_demand ON demand_lines (demand_id)`.execute(db);

  await db.schema
    .createTable('demand_reversals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('demand_id', 'text', (c) => c.notNull().references('demands.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX demand_reversals_demand ON demand_reversals (demand_id)`.execute(db);

  for (const table of ['demands', 'demand_lines', 'demand_reversals']) {
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`).execute(db);
  }

  await db.schema
    .createTable('consumer_masters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX consumer_masters_list ON consumer_masters (tenant_id, list)`.execute(db);

  await db.schema
    .createTable('number_series')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('next', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('number_series_pk', ['name', 'scope'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
