import { sql } from 'kysely';
import type { ReportRule } from './rule.js';

/** Vendor report (SPEC §7.4): the non-cancelled expense bills dated in the range with their vendor. */
export const vendorReport: ReportRule = {
  columns: [
    { key: 'billNo', kind: 'text' },
    { key: 'vendor', kind: 'text' },
    { key: 'mobile', kind: 'text' },
    { key: 'expenseType', kind: 'code', prefix: 'expenses.type.' },
  ],
  select: (tenantId, from, to) => sql`
    SELECT e.bill_no AS "billNo", v.name AS "vendor", v.mobile AS "mobile", e.type_code AS "expenseType"
    FROM expenses e JOIN vendors v ON v.id = e.vendor_id
    WHERE e.tenant_id = ${tenantId} AND e.bill_date BETWEEN ${from} AND ${to} AND e.status <> 'CANCELLED'`,
  order: sql`"vendor", "billNo"`,
};
