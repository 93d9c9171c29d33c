import { sql } from 'kysely';
import { notReversed, type ReportRule } from './rule.js';

/**
 * Bill (demand) report (SPEC §7.4): one row per connection with a regular demand
 * ('waterConnection', not reversed) whose period ends in the range. Bill amount = its charge
 * lines (10101 water charge, 10102 arrears, WS_Round_Off); penalty = its penalty lines
 * (WS_TIME_PENALTY, 10201); total = bill + penalty. Advance = advance credit
 * (WS_ADVANCE_CARRYFORWARD lines of non-reversed demands, shown positive) whose period ends in
 * the range, i.e. advance received in the period.
 */
export const billReport: ReportRule = {
  columns: [
    { key: 'connectionNo', kind: 'text' },
    { key: 'oldConnectionId', kind: 'text' },
    { key: 'name', kind: 'text' },
    { key: 'createdOn', kind: 'date' },
    { key: 'billAmount', kind: 'money' },
    { key: 'penalty', kind: 'money' },
    { key: 'advance', kind: 'money' },
    { key: 'totalAmount', kind: 'money' },
  ],
  select: (tenantId, from, to) => sql`
    SELECT c.connection_no AS "connectionNo", c.old_connection_no AS "oldConnectionId", p.name AS "name",
           date(c.created_at, '+330 minutes') AS "createdOn", b.bill AS "billAmount", b.penalty AS "penalty",
           COALESCE(a.advance, 0) AS "advance", b.bill + b.penalty AS "totalAmount"
    FROM (SELECT d.connection_id AS cid,
                 SUM(CASE WHEN l.tax_head IN ('10101', '10102', 'WS_Round_Off') THEN l.amount_paise ELSE 0 END) AS bill,
                 SUM(CASE WHEN l.tax_head IN ('WS_TIME_PENALTY', '10201') THEN l.amount_paise ELSE 0 END) AS penalty
          FROM demands d JOIN demand_lines l ON l.demand_id = d.id
          WHERE d.tenant_id = ${tenantId} AND d.consumer_type = 'waterConnection' AND d.period_to BETWEEN ${from} AND ${to} AND ${notReversed}
          GROUP BY d.connection_id) b
    JOIN connections c ON c.id = b.cid
    JOIN consumers p ON p.id = c.consumer_id
    LEFT JOIN (SELECT d.connection_id AS cid, -SUM(l.amount_paise) AS advance
               FROM demands d JOIN demand_lines l ON l.demand_id = d.id
               WHERE d.tenant_id = ${tenantId} AND l.tax_head = 'WS_ADVANCE_CARRYFORWARD' AND d.period_to BETWEEN ${from} AND ${to} AND ${notReversed}
               GROUP BY d.connection_id) a ON a.cid = b.cid`,
  order: sql`"connectionNo"`,
};
