import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider, SYNC_POLICY, TENANT_REQUIRED, localColumns, type SyncPolicy, type SyncedTable } from '@mgramseva/core/node';

/**
 * What a replicated row may contain, read from core's own migrations: the server builds the
 * device schema in an in-memory SQLite once at start and asks SQLite for each replicated table's
 * columns. So a domain table added to core (migration + SyncedTable + SYNC_POLICY line) is
 * validated here with no server change, and the server never accepts a column a device lacks.
 */
export interface ColumnInfo {
  type: 'integer' | 'real' | 'text';
  notNull: boolean;
  hasDefault: boolean;
}

export interface TableInfo {
  name: SyncedTable;
  policy: SyncPolicy;
  columns: Map<string, ColumnInfo>;
  /** Columns kept on the device only (failed sign-in counts…): never accepted. */
  local: ReadonlySet<string>;
  /** Whether the row carries its GP (`tenant_id`). */
  hasTenant: boolean;
  /**
   * Whether every row must name its GP: `tenant_id` NOT NULL, or nullable only because it came in
   * a later device migration (core's TENANT_REQUIRED, e.g. users since 0009).
   */
  tenantRequired: boolean;
}

export type Catalogue = ReadonlyMap<string, TableInfo>;

let cached: Promise<Catalogue> | undefined;

export function loadCatalogue(): Promise<Catalogue> {
  cached ??= build();
  return cached;
}

async function build(): Promise<Catalogue> {
  const sqlite = new Database(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (error) throw new Error(`cannot build the replication catalogue from core's migrations: ${String(error)}`);
    const out = new Map<string, TableInfo>();
    for (const [name, policy] of Object.entries(SYNC_POLICY) as [SyncedTable, SyncPolicy][]) {
      const rows = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: unknown;
        pk: number;
      }[];
      if (rows.length === 0) continue; // listed but not migrated yet: refused as unknown
      const columns = new Map<string, ColumnInfo>();
      for (const r of rows) {
        const t = r.type.toLowerCase();
        columns.set(r.name, {
          type: t.includes('int') ? 'integer' : t.includes('real') || t.includes('floa') || t.includes('doub') ? 'real' : 'text',
          notNull: r.notnull === 1 || r.pk === 1,
          hasDefault: r.dflt_value !== null,
        });
      }
      const tenant = columns.get('tenant_id');
      if (TENANT_REQUIRED.has(name) && !tenant) throw new Error(`${name} is listed in TENANT_REQUIRED but has no tenant_id column`);
      out.set(name, {
        name,
        policy,
        columns,
        local: new Set(localColumns(name)),
        hasTenant: tenant !== undefined,
        tenantRequired: tenant !== undefined && (tenant.notNull || TENANT_REQUIRED.has(name)),
      });
    }
    return out;
  } finally {
    await db.destroy();
  }
}
