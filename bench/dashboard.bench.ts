// Dashboard figures (SPEC §7.1–7.3) at 100,000 connections: a full financial year (2025-26) with a
// monthly demand for every connection (1.2 M demands and lines), 70 % of them paid each month
// (840 k payments and allocations, 1 % of receipts cancelled) and 50,000 expense bills. p50/p95 of
// dashboard.monthly for the year, and of the two tabs, through core.call (session check included).
import { sql } from 'kysely';
import { openTestCore } from '@mgramseva/core/testing';
import { percentile, report } from './stats.js';

const N = 100_000;
const EXPENSES = 50_000;
const FY_MONTHS = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
const lastDay = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);

const t = await openTestCore();
const { token, tenantId, userId } = await t.setupAdmin();
const now = t.clock.now.toISOString();
const hlc = t.core.hlc.now();
const seeded = performance.now();
await t.core.db.transaction().execute(async (trx) => {
  const seq = (n: number) => sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`;
  await sql`${seq(N)}
    INSERT INTO consumers (id, tenant_id, name, gender, father_name, mobile, category, sub_category, door_no, street, ward, property_type, created_at, created_by, updated_at)
    SELECT 'c-' || i, ${tenantId}, 'Consumer ' || i, 'MALE', 'Father', CAST(9000000000 + i AS TEXT), NULL, NULL, NULL, NULL, 'WARD1',
           CASE WHEN i % 5 = 0 THEN 'COMMERCIAL' ELSE 'RESIDENTIAL' END, ${now}, ${userId}, ${hlc} FROM n`.execute(trx);
  await sql`${seq(N)}
    INSERT INTO connections (id, tenant_id, consumer_id, connection_no, old_connection_no, connection_type, meter_number, previous_reading_date, previous_reading,
                             payment_type, arrears_paise, penalty_paise, advance_paise, status, status_remarks, created_at, created_by, updated_at)
    SELECT 'k-' || i, ${tenantId}, 'c-' || i, 'WS/LODHIPUR/2025-26/BNCH-' || printf('%06d', i + 1), 'OLD/' || (i + 1),
           CASE WHEN i % 7 = 0 THEN 'Metered' ELSE 'Non_Metered' END, NULL, '2025-04-01', NULL, 'arrears', 0, 0, 0, 'Active', NULL, ${now}, ${userId}, ${hlc} FROM n`.execute(trx);
  for (const [mi, m] of FY_MONTHS.entries()) {
    const from = `${m}-01`;
    const to = lastDay(m);
    const paidOn = `${m}-15`;
    await sql`${seq(N)}
      INSERT INTO demands (id, tenant_id, connection_id, consumer_type, period_from, period_to, revision, created_at, created_by, copy_id, updated_at)
      SELECT 'd-' || ${mi} || '-' || i, ${tenantId}, 'k-' || i, 'waterConnection', ${from}, ${to}, 0, ${now}, ${userId}, NULL, ${hlc} FROM n`.execute(trx);
    await sql`${seq(N)}
      INSERT INTO demand_lines (id, tenant_id, demand_id, tax_head, amount_paise, created_at, demand_copy_id, updated_at)
      SELECT 'l-' || ${mi} || '-' || i, ${tenantId}, 'd-' || ${mi} || '-' || i, '10101', 25000, ${now}, NULL, ${hlc} FROM n`.execute(trx);
    await sql`${seq(N)}
      INSERT INTO payments (id, tenant_id, connection_id, receipt_no, amount_paise, mode, payer_name, payer_mobile, paid_on, idempotency_key, advance_demand_id, created_at, created_by, updated_at)
      SELECT 'p-' || ${mi} || '-' || i, ${tenantId}, 'k-' || i, 'R-' || ${mi} || '-' || i, 25000, 'CASH', NULL, NULL, ${paidOn}, 'ik-' || ${mi} || '-' || i, NULL, ${now}, ${userId}, ${hlc}
      FROM n WHERE i % 10 < 7`.execute(trx);
    await sql`${seq(N)}
      INSERT INTO payment_allocations (id, tenant_id, payment_id, demand_line_id, amount_paise, created_at, updated_at)
      SELECT 'a-' || ${mi} || '-' || i, ${tenantId}, 'p-' || ${mi} || '-' || i, 'l-' || ${mi} || '-' || i, 25000, ${now}, ${hlc} FROM n WHERE i % 10 < 7`.execute(trx);
    await sql`${seq(N)}
      INSERT INTO payment_cancellations (id, tenant_id, payment_id, reason, created_at, created_by, updated_at)
      SELECT 'x-' || ${mi} || '-' || i, ${tenantId}, 'p-' || ${mi} || '-' || i, 'bench', ${now}, ${userId}, ${hlc} FROM n WHERE i % 100 = 1`.execute(trx);
  }
  await sql`${seq(100)}
    INSERT INTO vendors (id, tenant_id, name, name_key, mobile, created_at, created_by, updated_at)
    SELECT 'v-' || i, ${tenantId}, 'Vendor ' || i, 'vendor ' || i, '9888800000', ${now}, ${userId}, ${hlc} FROM n`.execute(trx);
  // Bill dates spread over the FY (365 days from 1 April 2025); two in three paid 10 days later.
  await sql`${seq(EXPENSES)}
    INSERT INTO expenses (id, tenant_id, bill_no, type_code, vendor_id, amount_paise, bill_date, party_bill_date, period_from, period_to, status, paid_date, paid_at, paid_by,
                          cancelled_at, cancelled_by, cancel_reason, created_at, created_by, updated_at)
    SELECT 'e-' || i, ${tenantId}, 'EB-2025-26-BNCH-' || printf('%05d', i + 1), 'ELECTRICITY_BILL', 'v-' || (i % 100), 100000 + (i % 50) * 100,
           date('2025-04-01', '+' || (i % 355) || ' days'), NULL, date('2025-04-01', '+' || (i % 355) || ' days'), date('2025-04-01', '+' || (i % 355) || ' days'),
           CASE WHEN i % 3 = 0 THEN 'UNPAID' ELSE 'PAID' END,
           CASE WHEN i % 3 = 0 THEN NULL ELSE date('2025-04-01', '+' || (i % 355 + 10) || ' days') END, NULL, NULL, NULL, NULL, NULL, ${now}, ${userId}, ${hlc} FROM n`.execute(trx);
});
await sql`ANALYZE`.execute(t.core.db);
console.error(`  (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s)`);

async function measure(figure: string, op: string, input: () => Record<string, unknown>, runs = 30): Promise<unknown> {
  let last: unknown;
  for (let i = 0; i < 3; i++) await t.core.call(op, input(), { token }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = await t.core.call(op, input(), { token });
    times.push(performance.now() - s);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    last = r.result;
  }
  report(`dashboard.${figure}_p50`, percentile(times, 50), 'ms');
  report(`dashboard.${figure}_p95`, percentile(times, 95), 'ms');
  return last;
}

const year = (await measure('monthly_fy_100k', 'dashboard.monthly', () => ({ financialYear: '2025-26' }))) as { totals: { demandPaise: number; actualCollectionPaise: number } };
// Sanity: 1.2 M demands of ₹250; 70 % paid less 1 % cancelled.
if (year.totals.demandPaise !== N * 12 * 25000) throw new Error(`demand ${year.totals.demandPaise}`);
if (year.totals.actualCollectionPaise !== (N * 0.7 - N * 0.01) * 12 * 25000) throw new Error(`collection ${year.totals.actualCollectionPaise}`);
const months = FY_MONTHS;
let k = 0;
await measure('monthly_month_100k', 'dashboard.monthly', () => ({ financialYear: '2025-26', month: months[k++ % 12] }));
await measure('collections_by_id_p1', 'dashboard.collections', () => ({ financialYear: '2025-26' }));
await measure('collections_by_amount', 'dashboard.collections', () => ({ financialYear: '2025-26', sort: 'collected', direction: 'desc' }), 10);
await measure('collections_search', 'dashboard.collections', () => ({ financialYear: '2025-26', month: '2025-10', search: `Consumer 12${k++ % 10}` }));
await measure('expenditure_fy', 'dashboard.expenditure', () => ({ financialYear: '2025-26', tab: 'pending', sort: 'billDate', direction: 'desc' }));
await measure('expenditure_search', 'dashboard.expenditure', () => ({ financialYear: '2025-26', search: `vendor ${k++ % 100}` }));
await t.close();
