import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from './ids.js';

/**
 * Every write to a replicated table goes through here, so the row and its outbox entry are
 * written in the same transaction (DESIGN.md: nothing is lost, the outbox is the truth of what
 * this device changed). Columns listed in LOCAL_COLUMNS stay on this device.
 */
export type SyncedTable = 'tenants' | 'users' | 'user_roles' | 'audit_log' | 'vendors' | 'expenses' | 'expense_attachments' | 'expense_events' | 'consumers' | 'consumer_mobiles' | 'connections' | 'demands' | 'demand_lines' | 'demand_reversals' | 'consumer_masters' | 'payments' | 'payment_allocations' | 'payment_cancellations' | 'tariff_versions' | 'meter_readings' | 'bills' | 'sms_outbox' | 'receipt_snapshots' | 'payment_feedback';

/**
 * How each replicated table merges (sync/merge.ts, applied by the server and by every device):
 * - 'editable': field by field, the write with the later HLC stamp wins (the device id inside the
 *   stamp breaks ties); per-field stamps are kept beside the row.
 * - 'append-only': inserted once, never updated; the same id arriving again with different content
 *   is a conflict and is refused, never overwritten. Every money table is append-only.
 * Adding a table to SyncedTable means adding its line here (the compiler insists).
 */
export type SyncPolicy = 'editable' | 'append-only';
export const SYNC_POLICY: Record<SyncedTable, SyncPolicy> = {
  tenants: 'editable',
  users: 'editable',
  user_roles: 'editable',
  audit_log: 'append-only',
  vendors: 'editable',
  expenses: 'editable', // only while UNPAID: a trigger makes paid/cancelled rows read-only
  expense_attachments: 'editable',
  expense_events: 'append-only',
  consumers: 'editable',
  consumer_mobiles: 'editable',
  connections: 'editable',
  consumer_masters: 'editable',
  demands: 'append-only',
  demand_lines: 'append-only',
  demand_reversals: 'append-only',
  payments: 'append-only',
  payment_allocations: 'append-only',
  payment_cancellations: 'append-only',
  tariff_versions: 'append-only',
  meter_readings: 'append-only',
  bills: 'append-only',
  sms_outbox: 'append-only',
  receipt_snapshots: 'append-only',
  payment_feedback: 'append-only',
};

export function isSyncedTable(name: string): name is SyncedTable {
  return Object.prototype.hasOwnProperty.call(SYNC_POLICY, name);
}

/** Columns that never leave the device (read by the server's validation too). */
export function localColumns(table: SyncedTable): readonly string[] {
  return LOCAL_COLUMNS[table] ?? [];
}

const LOCAL_COLUMNS: Partial<Record<SyncedTable, readonly string[]>> = {
  users: ['failed_attempts', 'locked_until'],
};

/**
 * Tables whose `tenant_id` came in a later migration, so SQLite has it nullable, yet every new row
 * must carry it: the writer below refuses an insert without it, and so does the central server
 * (server/src/sync/catalogue.ts). Tables created with `tenant_id NOT NULL` need no line here.
 */
export const TENANT_REQUIRED: ReadonlySet<SyncedTable> = new Set<SyncedTable>(['users']);

/** A new row: every column, except that nullable ones may be left out (they are stored as NULL). */
export type NewRow<R> = { [K in keyof R as null extends R[K] ? never : K]: R[K] } & { [K in keyof R as null extends R[K] ? K : never]?: R[K] };

export interface ChangeWriter {
  insert<T extends SyncedTable>(table: T, row: NewRow<Omit<DB[T], 'updated_at'>> & { id: string }): Promise<void>;
  update<T extends SyncedTable>(table: T, id: string, patch: Partial<DB[T]>): Promise<void>;
}

export function changeWriter(
  trx: Transaction<DB>,
  opts: { tenantId: string | null; hlc: () => string; nowIso: string },
): ChangeWriter {
  // The GP of this call's writes: the session's, or the GP this call creates (setup, demo), so a
  // row that names no GP itself is still pushed under its GP only (sync/client.ts pushAll).
  let callTenant = opts.tenantId;
  const record = async (
    table: SyncedTable,
    rowId: string,
    op: 'insert' | 'update',
    data: Record<string, unknown>,
    hlc: string,
    rowTenant?: unknown,
  ) => {
    const local = LOCAL_COLUMNS[table] ?? [];
    const replicated = Object.fromEntries(Object.entries(data).filter(([k]) => !local.includes(k)));
    if (op === 'update' && Object.keys(replicated).filter((k) => k !== 'updated_at').length === 0) return;
    // The row's own GP first (an update names it only through the stored row), then the call's.
    const own = (data['tenant_id'] ?? rowTenant) as string | null | undefined;
    const tenantId = own ?? (table === 'tenants' ? rowId : callTenant);
    await trx
      .insertInto('outbox')
      .values({
        mutation_id: newId(),
        tenant_id: tenantId ?? null,
        table_name: table,
        row_id: rowId,
        op,
        data: JSON.stringify(replicated),
        hlc,
        created_at: opts.nowIso,
        pushed_at: null,
      })
      .execute();
    if (SYNC_POLICY[table] === 'editable') await recordFieldClocks(trx, table, rowId, replicated, hlc);
  };

  return {
    async insert(table, row) {
      const hlc = opts.hlc();
      const full = { ...row, updated_at: hlc } as Record<string, unknown>;
      if (TENANT_REQUIRED.has(table) && typeof full['tenant_id'] !== 'string') {
        throw new Error(`${table} row ${row.id} names no Gram Panchayat (tenant_id)`);
      }
      if (table === 'tenants') callTenant ??= row.id;
      // kysely's per-table insert types do not narrow through the generic; the row is DB[T].
      await trx.insertInto(table).values(full as never).execute();
      await record(table, row.id, 'insert', full, hlc);
    },
    async update(table, id, patch) {
      // The generic table defeats kysely's column typing; the patch is Partial<DB[T]>.
      const rows = trx as unknown as Transaction<{ row: Record<string, unknown> & { id: string } }>;
      // Only the columns whose value really changes are written and replicated, so two offices
      // editing different fields of one row merge field by field instead of overwriting each other.
      const current = await rows.selectFrom(table as 'row').selectAll().where('id', '=', id).executeTakeFirst();
      const changed = Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => v !== undefined && (current?.[k] ?? null) !== (v ?? null)),
      );
      if (Object.keys(changed).length === 0) return;
      if (TENANT_REQUIRED.has(table) && 'tenant_id' in changed && current?.['tenant_id'] != null) {
        throw new Error(`${table} row ${id} cannot move to another Gram Panchayat`);
      }
      const hlc = opts.hlc();
      const full = { ...changed, updated_at: hlc };
      await rows
        .updateTable(table as 'row')
        .set(full as never)
        .where('id', '=', id)
        .execute();
      await record(table, id, 'update', full, hlc, current?.['tenant_id']);
    },
  };
}

/**
 * Remember when each field of an editable row was last written here, so a remote change merges
 * field by field (sync/merge.ts). One JSON object per row, merged in place with json_patch.
 */
async function recordFieldClocks(
  trx: Transaction<DB>,
  table: string,
  rowId: string,
  data: Record<string, unknown>,
  hlc: string,
): Promise<void> {
  const clocks = JSON.stringify(
    Object.fromEntries(Object.keys(data).filter((k) => k !== 'id' && k !== 'updated_at').map((k) => [k, hlc])),
  );
  await trx
    .insertInto('field_clocks')
    .values({ table_name: table, row_id: rowId, clocks })
    .onConflict((oc) => oc.columns(['table_name', 'row_id']).doUpdateSet({ clocks: sql`json_patch(field_clocks.clocks, excluded.clocks)` }))
    .execute();
}
