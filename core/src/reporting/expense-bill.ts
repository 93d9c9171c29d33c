import { sql } from 'kysely';
import type { ReportRule } from './rule.js';

/**
 * Expense bill report (SPEC §7.4): every expense bill dated (bill_date) in the range, cancelled
 * ones included with when (IST) and by whom; "has attachment" = a file not removed.
 */
export const expenseBillReport: ReportRule = {
  columns: [
    { key: 'billNo', kind: 'text' },
    { key: 'expenseType', kind: 'code', prefix: 'expenses.type.' },
    { key: 'vendor', kind: 'text' },
    { key: 'amount', kind: 'money' },
    { key: 'billDate', kind: 'date' },
    { key: 'startDate', kind: 'date' },
    { key: 'endDate', kind: 'date' },
    { key: 'status', kind: 'code', prefix: 'expenses.statusName.' },
    { key: 'paidDate', kind: 'date' },
    { key: 'hasAttachment', kind: 'bool' },
    { key: 'cancelledAt', kind: 'instant' },
    { key: 'cancelledBy', kind: 'text' },
  ],
  select: (tenantId, from, to) => sql`
    SELECT e.bill_no AS "billNo", e.type_code AS "expenseType", v.name AS "vendor", e.amount_paise AS "amount",
           e.bill_date AS "billDate", e.period_from AS "startDate", e.period_to AS "endDate", e.status AS "status",
           e.paid_date AS "paidDate",
           EXISTS (SELECT 1 FROM expense_attachments f WHERE f.expense_id = e.id AND f.removed_at IS NULL) AS "hasAttachment",
           e.cancelled_at AS "cancelledAt", u.name AS "cancelledBy"
    FROM expenses e
    JOIN vendors v ON v.id = e.vendor_id
    LEFT JOIN users u ON u.id = e.cancelled_by
    WHERE e.tenant_id = ${tenantId} AND e.bill_date BETWEEN ${from} AND ${to}`,
  order: sql`"billDate", "billNo"`,
};
