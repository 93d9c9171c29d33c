import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SyncedTable } from './changes.js';

/**
 * One demand per connection and period, whichever desktops raised it (DESIGN.md, issue 7).
 *
 * A demand's id, its lines', bill's, meter reading's and new-bill SMS's ids are derived from
 * (connection, period) (billing/write.ts), so two offline desktops raising the same month write
 * the same ids with different content: each desktop's bill number, time and clerk, and lines
 * priced by the tariff each one knew. Each such writing is a *copy*: `demands.copy_id`, carried
 * by the rows written with it as `demand_copy_id`.
 *
 * The rule, applied by the server and by every device:
 * 1. The server keeps the first copy it receives, whole: a row of another copy of a demand it
 *    already holds is refused as `superseded` (never merged, never overwritten). Checking the
 *    copy, not just the id, is what keeps a line that only the losing copy has (a round-off line
 *    under another tariff) from joining the winning demand.
 * 2. A desktop that pulls the server's copy of a row it holds differently replaces its own copy
 *    with the server's: the demand with its copy's rows, each kept in `sync_rejects` (reason
 *    `superseded`), and their unsent outbox entries dropped. Money rows stay append-only for the
 *    clerk; only this replacement of a copy that never became the truth may delete them
 *    (the triggers of migration 0008 let a DELETE through only while sync_adoption has a row, which
 *    sync/apply.ts holds for the length of a pulled page).
 * A line that a payment on this desktop was already allocated to is not removed (the payment
 * must keep its line); if the server's copy has the same line it replaces it, otherwise it stays
 * and its sync_rejects entry says so.
 */
export const SUPERSEDED = 'superseded';

/** Tables whose rows belong to one copy of a demand, through (demand_id, demand_copy_id). */
export const COPY_CHILDREN = ['demand_lines', 'bills', 'meter_readings', 'sms_outbox'] as const satisfies readonly SyncedTable[];
type CopyChild = (typeof COPY_CHILDREN)[number];

/**
 * Tables whose ids two devices may both write (derived from natural keys, not made fresh): a
 * demand's copy, a demand's reversal and a receipt's cancellation (sync/ids.ts) — the first the
 * server receives is the one.
 */
export function hasDerivedIds(table: string): boolean {
  return table === 'demands' || table === 'demand_reversals' || table === 'payment_cancellations' || isCopyChild(table);
}

export function isCopyChild(table: string): table is CopyChild {
  return (COPY_CHILDREN as readonly string[]).includes(table);
}

/** The demand id and copy a child row names, if it belongs to a copy. */
export function copyOf(data: Record<string, unknown>): { demandId: string; copyId: string } | undefined {
  const demandId = data['demand_id'];
  const copyId = data['demand_copy_id'];
  return typeof demandId === 'string' && typeof copyId === 'string' ? { demandId, copyId } : undefined;
}

/** Rule 1: a child of another copy than the demand the server holds. */
export function isOfAnotherCopy(child: Record<string, unknown>, demand: Record<string, unknown> | undefined): boolean {
  const copy = copyOf(child);
  if (!copy || !demand) return false;
  const held = demand['copy_id'];
  return typeof held === 'string' && held !== copy.copyId;
}

type AnyTrx = Transaction<Record<string, Record<string, unknown>>>;

/**
 * Rule 2: replace this device's copy of `table`/`rowId` (`local`) by the server's (`incoming`),
 * inside sync/apply.ts's page transaction, which holds the sync_adoption row the triggers ask for.
 */
export async function adoptServerCopy(
  trx: Transaction<DB>,
  table: SyncedTable,
  rowId: string,
  local: Record<string, unknown>,
  incoming: Record<string, unknown>,
  nowIso: string,
): Promise<void> {
  const t = trx as unknown as AnyTrx;
  await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
  try {
    const setAside: { table: string; row: Record<string, unknown>; kept?: string }[] = [{ table, row: local }];
    if (table === 'demands') {
      const losingCopy = (local['copy_id'] as string | null) ?? null;
      for (const child of COPY_CHILDREN) {
        const rows = await t
          .selectFrom(child)
          .selectAll()
          .where('demand_id', '=', rowId)
          .where((eb) => (losingCopy === null ? eb('demand_copy_id', 'is', null) : eb('demand_copy_id', '=', losingCopy)))
          .execute();
        for (const row of rows) {
          const paid = child === 'demand_lines' && (await allocated(trx, String(row['id'])));
          setAside.push({ table: child, row, ...(paid ? { kept: 'a payment on this desktop is allocated to it' } : {}) });
        }
      }
    }
    for (const { table: tbl, row, kept } of setAside) {
      await trx
        .insertInto('sync_rejects')
        .values({
          direction: 'pull',
          mutation_id: null,
          table_name: tbl,
          row_id: String(row['id']),
          reason: kept ? `${SUPERSEDED}: kept, ${kept}` : `${SUPERSEDED}: replaced by the server's copy`,
          data: JSON.stringify(row),
          at: nowIso,
        })
        .execute();
      if (kept) continue;
      await t.deleteFrom(tbl).where('id', '=', row['id'] as string).execute();
      await trx
        .updateTable('outbox')
        .set({ pushed_at: nowIso })
        .where('table_name', '=', tbl)
        .where('row_id', '=', String(row['id']))
        .where('pushed_at', 'is', null)
        .execute();
    }
    await t.insertInto(table).values(incoming).execute();
  } finally {
    // Back to immediate checks for the rest of the page: a bad row there must fail on its own.
    await sql`PRAGMA defer_foreign_keys = OFF`.execute(trx);
  }
}

async function allocated(trx: Transaction<DB>, lineId: string): Promise<boolean> {
  const hit = await trx.selectFrom('payment_allocations').select('id').where('demand_line_id', '=', lineId).limit(1).executeTakeFirst();
  return hit !== undefined;
}
