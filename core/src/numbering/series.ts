import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Per-device number series (connection numbers, bills, receipts, expense bills).
 *
 * Each desktop keeps its own counters in the local, NOT replicated table `number_series`
 * (name, scope, next). Numbers made on different desktops can never collide because every
 * formatted number also carries the device code (`core.device.code`, 4 upper-case hex chars),
 * e.g. `WS/LODHIPUR/2026-27/7F3A-0001`. The counter is read and advanced in the caller's
 * transaction, so a rolled-back call gives its number back and two calls never share one.
 *
 * - `name`  what is numbered: 'WS_CONNECTION', 'BILL', 'WS_RECEIPT', 'EXPENSE_BILL', …
 * - `scope` the series key inside that name, usually `<tenant id>/<FY>` so a series restarts each
 *   financial year and each Gram Panchayat counts separately.
 */
export async function nextInSeries(db: Transaction<DB>, name: string, scope: string): Promise<number> {
  const row = await sql<{ next: number }>`
    INSERT INTO number_series (name, scope, next) VALUES (${name}, ${scope}, 2)
    ON CONFLICT (name, scope) DO UPDATE SET next = next + 1
    RETURNING next - 1 AS next`.execute(db);
  const n = row.rows[0]?.next;
  if (n === undefined) throw new Error(`number series ${name}/${scope} did not advance`);
  return n;
}

/** A sequence number padded to at least `width` digits (it grows past the width when needed). */
export function padSeq(n: number, width = 4): string {
  return String(n).padStart(width, '0');
}

/** The Indian financial year (April–March) of a `YYYY-MM-DD` date, as `yyyy-yy` (2026-27). */
export function financialYearLabel(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
