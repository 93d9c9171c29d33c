import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The one place that says what a connection owes (SPEC §4.7): every line of every demand that
 * is not reversed, minus what non-cancelled payments settled on it. Billing (bill composition,
 * penalty), collections (apportionment) and the dashboards all read balances through here, so
 * "the sum of demand lines minus payments equals the balance shown everywhere" holds by
 * construction.
 */
export interface LedgerLine {
  lineId: string;
  demandId: string;
  consumerType: string;
  periodFrom: string;
  periodTo: string;
  taxHead: string;
  amountPaise: number;
  collectedPaise: number;
  /** amount − collected; negative for advance credit still available. */
  outstandingPaise: number;
  demandCreatedAt: string;
}

export async function ledgerLines(db: Transaction<DB>, connectionId: string): Promise<LedgerLine[]> {
  const rows = await sql<{
    line_id: string; demand_id: string; consumer_type: string; period_from: string; period_to: string;
    tax_head: string; amount_paise: number; collected_paise: number; created_at: string;
  }>`
    SELECT l.id AS line_id, d.id AS demand_id, d.consumer_type, d.period_from, d.period_to, l.tax_head,
           l.amount_paise, d.created_at,
           COALESCE((SELECT SUM(a.amount_paise) FROM payment_allocations a
                     WHERE a.demand_line_id = l.id
                       AND NOT EXISTS (SELECT 1 FROM payment_cancellations c WHERE c.payment_id = a.payment_id)), 0) AS collected_paise
    FROM demands d JOIN demand_lines l ON l.demand_id = d.id
    WHERE d.connection_id = ${connectionId}
      AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)
    ORDER BY d.period_from, d.created_at, l.id`.execute(db);
  return rows.rows.map((r) => ({
    lineId: r.line_id,
    demandId: r.demand_id,
    consumerType: r.consumer_type,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    taxHead: r.tax_head,
    amountPaise: r.amount_paise,
    collectedPaise: r.collected_paise,
    outstandingPaise: r.amount_paise - r.collected_paise,
    demandCreatedAt: r.created_at,
  }));
}

/** Net balance: positive = due, negative = advance held. */
export function balancePaise(lines: readonly LedgerLine[]): number {
  return lines.reduce((sum, l) => sum + l.outstandingPaise, 0);
}
