import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import { SqliteConnectionDialect } from './driver.js';
import type { DB } from './schema.js';
import { migrationProvider } from './migrations/index.js';

export type Db = Kysely<DB>;

export interface OpenedDatabase {
  /** The one writer: every write transaction, the sync client, the jobs. */
  db: Db;
  /** A second connection that can only read: read operations run on snapshots of their own here. */
  reader: Db;
  sqlite: Database.Database;
  close(): Promise<void>;
}

/**
 * Open (creating if needed) the device database: WAL journal, foreign keys on, a busy timeout
 * so a second reader never fails at once, and every migration applied before anything else.
 */
export async function openDatabase(file: string): Promise<OpenedDatabase> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new SqliteConnectionDialect(sqlite) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  const reader = file === ':memory:' ? db : openReader(file);
  return {
    db,
    reader,
    sqlite,
    close: async () => {
      if (reader !== db) await reader.destroy().catch(() => undefined);
      await db.destroy();
    },
  };
}

/**
 * The read connection. In WAL mode a reader sees the last committed state and neither waits for
 * nor blocks the writer; `query_only` makes any write through it fail, so a read operation that
 * writes is caught by the first test that runs it. (An in-memory database has no second
 * connection to open: there the writer serves reads too.)
 */
function openReader(file: string): Db {
  const sqlite = new Database(file);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('query_only = ON');
  return new Kysely<DB>({ dialect: new SqliteConnectionDialect(sqlite) });
}
