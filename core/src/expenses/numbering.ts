import { sql } from 'kysely';
import type { Ctx } from '../api/context.js';
import { financialYear, todayInKolkata } from './rules.js';

/**
 * Expense bill numbers: `EB-<FY yyyy-yy>-<device code>-<seq>`, e.g. `EB-2026-27-7F3A-0001`.
 *
 * - FY: the April–March financial year of the day the bill is entered (Asia/Kolkata), as in the
 *   original (`EB-<FY>-<seq>`, SPEC §2.12), so the series restarts every 1 April.
 * - device code: this installation's 4-character code (devices table). Two desktops of one GP
 *   number bills independently while offline and still never collide.
 * - seq: per GP, FY and device, from 1, padded to 4 digits (it grows past 9999 if ever needed).
 *
 * The counter lives in the local, never replicated table `expense_number_series` and advances in
 * the caller's transaction: a failed call gives its number back, two calls never share one.
 * (core/src/numbering/series.ts now offers the same for every domain; moving onto it is a
 * three-line change once it is committed.)
 */
export async function nextExpenseBillNo(ctx: Ctx, tenantId: string, fy = financialYear(todayInKolkata(ctx.now))): Promise<string> {
  const r = await sql<{ last_seq: number }>`
    INSERT INTO expense_number_series (tenant_id, fy, last_seq) VALUES (${tenantId}, ${fy}, 1)
    ON CONFLICT (tenant_id, fy) DO UPDATE SET last_seq = last_seq + 1
    RETURNING last_seq`.execute(ctx.db);
  const seq = r.rows[0]?.last_seq;
  if (seq === undefined) throw new Error('expense number series did not advance');
  return formatBillNo(fy, ctx.device.code, seq);
}

export function formatBillNo(fy: string, deviceCode: string, seq: number): string {
  return `EB-${fy}-${deviceCode}-${String(seq).padStart(4, '0')}`;
}
