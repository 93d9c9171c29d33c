import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from './ids.js';

/**
 * Every write to a replicated table goes through here, so the row and its outbox entry are
 * written in the same transaction (DESIGN.md: nothing is lost, the outbox is the truth of what
 * this device changed). Columns listed in LOCAL_COLUMNS stay on this device.
 */
export type SyncedTable = 'tenants' | 'users' | 'user_roles' | 'audit_log';

const LOCAL_COLUMNS: Partial<Record<SyncedTable, readonly string[]>> = {
  users: ['failed_attempts', 'locked_until'],
};

export interface ChangeWriter {
  insert<T extends SyncedTable>(table: T, row: Omit<DB[T], 'updated_at'> & { id: string }): Promise<void>;
  update<T extends SyncedTable>(table: T, id: string, patch: Partial<DB[T]>): Promise<void>;
}

export function changeWriter(
  trx: Transaction<DB>,
  opts: { tenantId: string | null; hlc: () => string; nowIso: string },
): ChangeWriter {
  const record = async (table: SyncedTable, rowId: string, op: 'insert' | 'update', data: Record<string, unknown>, hlc: string) => {
    const local = LOCAL_COLUMNS[table] ?? [];
    const replicated = Object.fromEntries(Object.entries(data).filter(([k]) => !local.includes(k)));
    if (op === 'update' && Object.keys(replicated).filter((k) => k !== 'updated_at').length === 0) return;
    const tenantId = (data['tenant_id'] as string | undefined) ?? (table === 'tenants' ? rowId : opts.tenantId);
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
  };

  return {
    async insert(table, row) {
      const hlc = opts.hlc();
      const full = { ...row, updated_at: hlc } as Record<string, unknown>;
      // kysely's per-table insert types do not narrow through the generic; the row is DB[T].
      await trx.insertInto(table).values(full as never).execute();
      await record(table, row.id, 'insert', full, hlc);
    },
    async update(table, id, patch) {
      const hlc = opts.hlc();
      const full = { ...patch, updated_at: hlc } as Record<string, unknown>;
      // The generic table defeats kysely's column typing; the patch is Partial<DB[T]>.
      await (trx as unknown as Transaction<{ row: { id: string } }>)
        .updateTable(table as 'row')
        .set(full as never)
        .where('id', '=', id)
        .execute();
      await record(table, id, 'update', full, hlc);
    },
  };
}
