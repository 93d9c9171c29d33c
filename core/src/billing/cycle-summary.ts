import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { monthRange } from '../calendar/dates.js';
import type { CycleSummary } from './contract.js';

export type { CycleSummary };

/**
 * The "previous billing cycle summary" printed on bills (SPEC §5.3, as on receipts §5.2), for the
 * whole GP and one month: collections (new demand, actual collections, cumulative pending),
 * expenditure (new bills, actual payments, cumulative pending) and the consumers' average
 * ratings. Read-only; money from the ledger tables, never updated.
 */

export async function cycleSummary(db: Transaction<DB>, tenantId: string, month: string): Promise<CycleSummary> {
  const { from, to } = monthRange(month);
  const r = await sql<{ demand: number; collected: number; lines: number; settled: number; newExp: number; paidExp: number; pendingExp: number }>`
    SELECT
      (SELECT COALESCE(SUM(l.amount_paise), 0) FROM demands d JOIN demand_lines l ON l.demand_id = d.id
        WHERE d.tenant_id = ${tenantId} AND d.consumer_type = 'waterConnection' AND d.period_to BETWEEN ${from} AND ${to}
          AND NOT EXISTS (SELECT 1 FROM demand_reversals x WHERE x.demand_id = d.id)) AS demand,
      (SELECT COALESCE(SUM(p.amount_paise), 0) FROM payments p
        WHERE p.tenant_id = ${tenantId} AND p.paid_on BETWEEN ${from} AND ${to}
          AND NOT EXISTS (SELECT 1 FROM payment_cancellations c WHERE c.payment_id = p.id)) AS collected,
      (SELECT COALESCE(SUM(l.amount_paise), 0) FROM demands d JOIN demand_lines l ON l.demand_id = d.id
        WHERE d.tenant_id = ${tenantId} AND NOT EXISTS (SELECT 1 FROM demand_reversals x WHERE x.demand_id = d.id)) AS lines,
      (SELECT COALESCE(SUM(a.amount_paise), 0) FROM payment_allocations a JOIN demand_lines l ON l.id = a.demand_line_id JOIN demands d ON d.id = l.demand_id
        WHERE a.tenant_id = ${tenantId} AND NOT EXISTS (SELECT 1 FROM payment_cancellations c WHERE c.payment_id = a.payment_id)
          AND NOT EXISTS (SELECT 1 FROM demand_reversals x WHERE x.demand_id = d.id)) AS settled,
      (SELECT COALESCE(SUM(amount_paise), 0) FROM expenses WHERE tenant_id = ${tenantId} AND status <> 'CANCELLED' AND bill_date BETWEEN ${from} AND ${to}) AS newExp,
      (SELECT COALESCE(SUM(amount_paise), 0) FROM expenses WHERE tenant_id = ${tenantId} AND status = 'PAID' AND paid_date BETWEEN ${from} AND ${to}) AS paidExp,
      (SELECT COALESCE(SUM(amount_paise), 0) FROM expenses WHERE tenant_id = ${tenantId} AND status = 'UNPAID') AS pendingExp`.execute(db);
  const row = r.rows[0]!;
  const f = await sql<{ n: number; happy: number | null; regular: number | null; quality: number | null }>`
    SELECT count(*) AS n, AVG(happy_with_supply) AS happy, AVG(supply_regular) AS regular, AVG(quality_good) AS quality
    FROM payment_feedback WHERE tenant_id = ${tenantId} AND substr(created_at, 1, 7) = ${month}`.execute(db);
  const fb = f.rows[0];
  const round1 = (x: number | null) => Math.round((x ?? 0) * 10) / 10;
  return {
    month,
    newDemandPaise: Number(row.demand),
    collectedPaise: Number(row.collected),
    pendingPaise: Math.max(0, Number(row.lines) - Number(row.settled)),
    newExpensePaise: Number(row.newExp),
    paidExpensePaise: Number(row.paidExp),
    pendingExpensePaise: Number(row.pendingExp),
    ratings: fb && Number(fb.n) > 0 ? { happy: round1(fb.happy), regular: round1(fb.regular), quality: round1(fb.quality), count: Number(fb.n) } : null,
  };
}
