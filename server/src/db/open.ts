import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { ServerDB } from './schema.js';
import { serverMigrations } from './migrations/index.js';

export type ServerDb = Kysely<ServerDB>;

export interface OpenedServerDb {
  db: ServerDb;
  engine: 'postgres' | 'sqlite';
  close(): Promise<void>;
}

export interface ServerDbOptions {
  /** postgres://… — PostgreSQL through a pg Pool. Otherwise an embedded SQLite file. */
  databaseUrl?: string | undefined;
  /** PostgreSQL only: use (and create) this schema; tests get one each. */
  pgSchema?: string;
  /** SQLite only: the file (':memory:' for tests). */
  sqliteFile?: string;
  poolSize?: number;
}

// COUNT(*) and int8 come back from pg as strings; our counters fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

/** Open the server database and bring it to the latest migration. */
export async function openServerDb(options: ServerDbOptions): Promise<OpenedServerDb> {
  let db: ServerDb;
  let engine: OpenedServerDb['engine'];
  if (options.databaseUrl) {
    engine = 'postgres';
    if (options.pgSchema) {
      const admin = new pg.Client({ connectionString: options.databaseUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${options.pgSchema.replace(/"/g, '')}"`);
      await admin.end();
    }
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    db = new Kysely<ServerDB>({ dialect: new PostgresDialect({ pool }) });
  } else {
    engine = 'sqlite';
    const file = options.sqliteFile ?? ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    db = new Kysely<ServerDB>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const { error, results } = await new Migrator({
    db,
    provider: serverMigrations,
    // Kysely looks for its bookkeeping tables across all schemas; pin them to ours.
    ...(engine === 'postgres' ? { migrationTableSchema: options.pgSchema ?? 'public' } : {}),
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`server database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  await sql`select 1`.execute(db);
  return { db, engine, close: () => db.destroy() };
}
