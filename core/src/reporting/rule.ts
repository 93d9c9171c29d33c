import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ReportColumn, ReportRow } from './contract.js';

/**
 * One report: its columns and one SELECT whose output aliases are the column keys. The runner
 * counts and pages it in SQL (never per row in JS).
 */
export interface ReportRule {
  columns: ReportColumn[];
  /** The rows of the GP for the inclusive business-date range `from`…`to`, unordered. */
  select(tenantId: string, from: string, to: string): RawBuilder<unknown>;
  /** ORDER BY over the output aliases; ends with a unique key so pages never overlap. */
  order: RawBuilder<unknown>;
}

/** Lines of a demand that no `demand_reversals` row cancels (ledger/outstanding.ts rule). */
export const notReversed = sql`NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)`;
/** A payment that no `payment_cancellations` row cancels (ledger/outstanding.ts rule). */
export const notCancelled = sql`NOT EXISTS (SELECT 1 FROM payment_cancellations x WHERE x.payment_id = pay.id)`;

export async function countRows(db: Transaction<DB>, rule: ReportRule, tenantId: string, from: string, to: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM (${rule.select(tenantId, from, to)})`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The rows in the report's order; a page when `limit` is given. */
export async function reportRows(
  db: Transaction<DB>,
  rule: ReportRule,
  tenantId: string,
  from: string,
  to: string,
  limit?: { limit: number; offset: number },
): Promise<ReportRow[]> {
  const page = limit ? sql`LIMIT ${limit.limit} OFFSET ${limit.offset}` : sql``;
  const r = await sql<ReportRow>`SELECT * FROM (${rule.select(tenantId, from, to)}) ORDER BY ${rule.order} ${page}`.execute(db);
  return r.rows.map((row) => {
    const out: ReportRow = {};
    for (const c of rule.columns) {
      const v = row[c.key] ?? null;
      out[c.key] = c.kind === 'bool' ? Boolean(v) : c.kind === 'money' ? Number(v ?? 0) : v;
    }
    return out;
  });
}
