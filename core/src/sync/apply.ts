import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { HybridClock } from './hlc.js';
import { SYNC_POLICY, TENANT_REQUIRED, isSyncedTable, type SyncedTable } from './changes.js';
import { appendOnly, maxHlc, mergeFields, NOT_A_FIELD, type Clocks } from './merge.js';
import { adoptServerCopy, hasDerivedIds } from './converge.js';
import type { PulledChange } from './protocol.js';

/**
 * Apply one page pulled from the server, in ONE transaction together with the cursor advance:
 * after a crash either the page and its cursor are both in, or neither (the page is pulled again
 * and re-applied harmlessly — applying is idempotent).
 *
 * Rows are written directly, never through ctx.change: a pulled change must not re-enter the
 * outbox. Editable rows merge field by field against `field_clocks` (the same rule as the server,
 * sync/merge.ts); append-only rows are inserted if absent. A change this device cannot apply (a
 * unique number already used here, a trigger refusing it) is kept in `sync_rejects` and skipped,
 * so one bad row never blocks the rest.
 */
export async function applyPage(
  db: Kysely<DB>,
  clock: HybridClock,
  changes: PulledChange[],
  nextCursor: number,
  nowIso: string,
): Promise<{ applied: number; skipped: number }> {
  let applied = 0;
  let skipped = 0;
  await db.transaction().execute(async (trx) => {
    // For this page, sync writes what the server already holds, past the clerk-facing triggers
    // (a losing demand copy replaced, a field merged into a paid expense): migrations 0008, 0012.
    await trx.insertInto('sync_adoption').values({ id: 1 }).onConflict((oc) => oc.doNothing()).execute();
    let maxSeen: string | null = null;
    for (const change of changes) {
      maxSeen = maxHlc(maxSeen, change.hlc);
      await sql`SAVEPOINT apply_change`.execute(trx);
      try {
        const done = await applyChange(trx, change, nowIso);
        await sql`RELEASE apply_change`.execute(trx);
        if (done) applied += 1;
      } catch (e) {
        await sql`ROLLBACK TO apply_change`.execute(trx);
        await sql`RELEASE apply_change`.execute(trx);
        skipped += 1;
        await trx
          .insertInto('sync_rejects')
          .values({
            direction: 'pull',
            mutation_id: null,
            table_name: change.table,
            row_id: change.rowId,
            reason: e instanceof Error ? e.message : String(e),
            data: JSON.stringify(change),
            at: nowIso,
          })
          .execute();
      }
    }
    await trx.deleteFrom('sync_adoption').execute();
    const state = await trx.selectFrom('sync_state').select('max_remote_hlc').where('id', '=', 1).executeTakeFirst();
    await trx
      .updateTable('sync_state')
      .set({ pull_cursor: nextCursor, max_remote_hlc: maxHlc(state?.max_remote_hlc, maxSeen) || null })
      .where('id', '=', 1)
      .execute();
    // Our next local stamp must be later than everything we now hold.
    if (maxSeen) clock.receive(maxSeen);
  });
  return { applied, skipped };
}

type AnyTrx = Transaction<Record<string, Record<string, unknown>>>;

/** Returns whether anything was written. Throws to skip (the caller records why). */
async function applyChange(trx: Transaction<DB>, change: PulledChange, nowIso: string): Promise<boolean> {
  if (!isSyncedTable(change.table)) throw new Error(`unknown_table:${change.table} (update this app)`);
  const table = change.table;
  const t = trx as unknown as AnyTrx;
  const columns = await columnsOf(trx, table);
  // Columns this (older) app does not have yet are dropped, not fatal; they arrive again later.
  const data = Object.fromEntries(Object.entries(change.data).filter(([k]) => columns.has(k)));
  const existing = await t.selectFrom(table).selectAll().where('id', '=', change.rowId).executeTakeFirst();

  if (SYNC_POLICY[table] === 'append-only') {
    if (change.op !== 'insert') throw new Error('append_only: update of an append-only row');
    const outcome = appendOnly(existing, data);
    if (outcome === 'repeat') return false;
    const row = { ...data, id: change.rowId, updated_at: change.hlc };
    if (outcome === 'conflict') {
      // The server holds one copy of a row two desktops can write; ours lost (sync/converge.ts).
      if (!hasDerivedIds(table)) throw new Error('conflict: a different row with this id exists here');
      await adoptServerCopy(trx, table, change.rowId, existing!, row, nowIso);
      return true;
    }
    await t.insertInto(table).values(row).execute();
    return true;
  }

  const clockRow = await trx
    .selectFrom('field_clocks')
    .select('clocks')
    .where('table_name', '=', table)
    .where('row_id', '=', change.rowId)
    .executeTakeFirst();
  let local: Clocks = clockRow ? (JSON.parse(clockRow.clocks) as Clocks) : {};
  if (existing && !clockRow) {
    // A row written before field clocks existed: every field is as old as the row.
    local = Object.fromEntries(Object.keys(existing).filter((k) => !NOT_A_FIELD.has(k)).map((k) => [k, String(existing['updated_at'])]));
  }
  const { winners, clocks } = mergeFields(local, data, change.hlc);
  if (Object.keys(winners).length === 0) return false;
  if (!existing) {
    const legacy = await tenantOfLegacyRow(trx, table, winners);
    await t.insertInto(table).values({ ...winners, ...legacy, id: change.rowId, updated_at: change.hlc }).execute();
  } else {
    // May touch a row the clerk can no longer edit here (a paid expense): the page holds sync_adoption.
    await t
      .updateTable(table)
      .set({ ...winners, updated_at: maxHlc(String(existing['updated_at'] ?? ''), change.hlc) })
      .where('id', '=', change.rowId)
      .execute();
  }
  await trx
    .insertInto('field_clocks')
    .values({ table_name: table, row_id: change.rowId, clocks: JSON.stringify(clocks) })
    .onConflict((oc) => oc.columns(['table_name', 'row_id']).doUpdateSet({ clocks: JSON.stringify(clocks) }))
    .execute();
  return true;
}

/**
 * A users row first pushed by a desktop from before migration 0009 names no GP. It is this
 * desktop's GP: the server sends a desktop the rows of its own GP only (server/src/sync/pull.ts).
 */
async function tenantOfLegacyRow(trx: Transaction<DB>, table: SyncedTable, row: Record<string, unknown>): Promise<{ tenant_id?: string }> {
  if (!TENANT_REQUIRED.has(table) || row['tenant_id'] != null) return {};
  const state = await trx.selectFrom('sync_state').select('tenant_id').where('id', '=', 1).executeTakeFirst();
  return state?.tenant_id ? { tenant_id: state.tenant_id } : {};
}

// By table name, per process: the schema changes only by migration, before any sync runs.
const columnCache = new Map<string, Set<string>>();

async function columnsOf(trx: Transaction<DB>, table: string): Promise<Set<string>> {
  const hit = columnCache.get(table);
  if (hit) return hit;
  const rows = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(trx);
  const set = new Set(rows.rows.map((r) => r.name));
  if (set.size) columnCache.set(table, set);
  return set;
}
