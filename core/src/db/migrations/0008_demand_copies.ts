import { sql, type Kysely } from 'kysely';

/**
 * Demand copies (sync/converge.ts). Two desktops raising the same demand write the same ids but
 * different content (bill number, time, clerk, sometimes lines). Each writing is a "copy":
 * `demands.copy_id`, and the rows written with it carry `demand_copy_id`, so the server keeps one
 * copy whole and a desktop whose copy lost can replace it with the server's.
 *
 * The append-only triggers of the tables a copy spans are re-created to allow exactly that
 * replacement: a DELETE passes only while sync_adoption holds a row, which only the sync apply
 * writes, inside its transaction. UPDATE stays refused. Additive otherwise.
 */
const COPY_CHILDREN = ['demand_lines', 'bills', 'meter_readings', 'sms_outbox'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE demands ADD COLUMN copy_id TEXT`.execute(db);
  for (const table of COPY_CHILDREN) {
    await sql.raw(`ALTER TABLE ${table} ADD COLUMN demand_copy_id TEXT`).execute(db);
  }
  // New-bill SMS are one per demand; their id is derived from it, so they converge like its lines.
  await sql`ALTER TABLE sms_outbox ADD COLUMN demand_id TEXT`.execute(db);

  await sql`CREATE TABLE sync_adoption (id INTEGER PRIMARY KEY CHECK (id = 1))`.execute(db);
  for (const table of ['demands', ...COPY_CHILDREN]) {
    await sql.raw(`DROP TRIGGER ${table}_no_delete`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} WHEN NOT EXISTS (SELECT 1 FROM sync_adoption) BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`,
      )
      .execute(db);
  }
  await sql`CREATE INDEX meter_readings_demand ON meter_readings (demand_id)`.execute(db);
  await sql`CREATE INDEX sms_outbox_demand ON sms_outbox (demand_id) WHERE demand_id IS NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are additive only');
}
