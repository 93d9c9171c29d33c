import { sql } from 'kysely';
import { notCancelled, type ReportRule } from './rule.js';

/**
 * Collection report (SPEC §7.4): non-cancelled payments received (paid_on) in the range, summed
 * per connection and payment method, with how many receipts make the sum.
 */
export const collectionReport: ReportRule = {
  columns: [
    { key: 'connectionNo', kind: 'text' },
    { key: 'oldConnectionId', kind: 'text' },
    { key: 'name', kind: 'text' },
    { key: 'paymentMethod', kind: 'code', prefix: 'collections.modes.' },
    { key: 'receipts', kind: 'text' },
    { key: 'totalAmount', kind: 'money' },
  ],
  select: (tenantId, from, to) => sql`
    SELECT c.connection_no AS "connectionNo", c.old_connection_no AS "oldConnectionId", p.name AS "name",
           pay.mode AS "paymentMethod", COUNT(*) AS "receipts", SUM(pay.amount_paise) AS "totalAmount"
    FROM payments pay
    JOIN connections c ON c.id = pay.connection_id
    JOIN consumers p ON p.id = c.consumer_id
    WHERE pay.tenant_id = ${tenantId} AND pay.paid_on BETWEEN ${from} AND ${to} AND ${notCancelled}
    GROUP BY pay.connection_id, pay.mode`,
  order: sql`"connectionNo", "paymentMethod"`,
};
