// Billing figures (issue 4): bulk demand for 10,000 non-metered connections and its ratio to a
// bare SQLite insert of the same rows; a metered bill on a connection with 5 years of history
// (p50, p95, over 200 such connections) and the current bill of one; bill PDF per bill and a
// 1,000-bill cycle PDF.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openTestCore } from '@mgramseva/core/testing';
import { addDays, monthOf, demandIdFor, lineIdFor, DEFAULT_TARIFF } from '@mgramseva/core/node';
import { percentile, report, timeMs } from './stats.js';
import { seedHouseholds } from './seed.js';

const TODAY = '2026-11-25T06:30:00.000Z';

/** The same rows (10,000 demands, lines and bill numbers) inserted bare: prepared statements, one transaction. */
function bareInsertMs(ids: string[]): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-bare-'));
  const db = new Database(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE demands (id TEXT PRIMARY KEY, tenant_id TEXT, connection_id TEXT, consumer_type TEXT, period_from TEXT, period_to TEXT, revision INTEGER, created_at TEXT, created_by TEXT, updated_at TEXT);
    CREATE UNIQUE INDEX demands_period ON demands (connection_id, consumer_type, period_from, period_to, revision);
    CREATE TABLE demand_lines (id TEXT PRIMARY KEY, tenant_id TEXT, demand_id TEXT, tax_head TEXT, amount_paise INTEGER, created_at TEXT, updated_at TEXT);
    CREATE INDEX demand_lines_demand ON demand_lines (demand_id);
    CREATE TABLE bills (id TEXT PRIMARY KEY, tenant_id TEXT, demand_id TEXT UNIQUE, bill_no TEXT, created_at TEXT, updated_at TEXT);`);
  const d = db.prepare('INSERT INTO demands VALUES (?,?,?,?,?,?,?,?,?,?)');
  const l = db.prepare('INSERT INTO demand_lines VALUES (?,?,?,?,?,?,?)');
  const b = db.prepare('INSERT INTO bills VALUES (?,?,?,?,?,?)');
  const s = performance.now();
  db.transaction(() => {
    ids.forEach((c, i) => {
      const id = demandIdFor(c, 'waterConnection', '2026-10-01', '2026-10-31', 0);
      d.run(id, 't', c, 'waterConnection', '2026-10-01', '2026-10-31', 0, TODAY, 'u', 'h');
      l.run(lineIdFor(id, '10101'), 't', id, '10101', 25000, TODAY, 'h');
      b.run(`b${i}`, 't', id, `BILLNO-WS-BNCH-${i}`, TODAY, 'h');
    });
  })();
  const ms = performance.now() - s;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

// 1. Bulk demand, 10,000 connections.
{
  const t = await openTestCore(TODAY);
  const { token, tenantId } = await t.setupAdmin();
  const ids = await seedHouseholds(t, tenantId, 10_000);
  const ms = await timeMs(() => t.ok('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, token));
  const bare = bareInsertMs(ids);
  report('billing.bulk_demand_10k', ms / 1000, 's');
  report('billing.bulk_demand_10k_bare_insert', bare / 1000, 's');
  report('billing.bulk_demand_10k_ratio_to_bare', ms / bare, '×');
  await t.close();
}

// 2. A metered bill on a connection with 5 years of monthly history (60 bills, 60 readings, 60
// payments). The billing period is enforced (billing/billing-period.ts): a connection takes one
// new bill a month at most, so instead of many bills on one connection, each of 200 connections
// carries that history and takes one bill, under a tariff whose metered period is monthly.
{
  const CONNECTIONS = 200;
  const MONTHS = 60;
  const t = await openTestCore(TODAY);
  const { token, tenantId } = await t.setupAdmin();
  await t.ok('billing.tariffs.update', { effectiveFrom: '2026-11', tariff: { ...DEFAULT_TARIFF, billingPeriod: { Metered: 'monthly', Non_Metered: 'monthly' } } }, token);
  const first = monthOf('2026-10-01', -MONTHS); // 2021-10 … 2026-09
  const cids = await seedHouseholds(t, tenantId, CONNECTIONS, 'Metered', `${first}-01`);
  const rows = { demands: [] as object[], demand_lines: [] as object[], meter_readings: [] as object[], payments: [] as object[], payment_allocations: [] as object[] };
  for (const [n, cid] of cids.entries()) {
    let reading = 0;
    for (let i = 0; i < MONTHS; i++) {
      const month = monthOf(`${first}-01`, i);
      const from = `${month}-01`;
      const to = addDays(`${monthOf(from, 1)}-01`, -1);
      const id = demandIdFor(cid, 'waterConnection', from, to, 0);
      const line = lineIdFor(id, '10101');
      reading += 20;
      const pid = crypto.randomUUID();
      rows.demands.push({ id, tenant_id: tenantId, connection_id: cid, consumer_type: 'waterConnection', period_from: from, period_to: to, revision: 0, created_at: `${to}T06:00:00.000Z`, created_by: 'bench', updated_at: 'x' });
      rows.demand_lines.push({ id: line, tenant_id: tenantId, demand_id: id, tax_head: '10101', amount_paise: 14500, created_at: `${to}T06:00:00.000Z`, updated_at: 'x' });
      rows.meter_readings.push({ id: crypto.randomUUID(), tenant_id: tenantId, connection_id: cid, demand_id: id, reading_date: to, reading, previous_reading: reading - 20, previous_reading_date: from, meter_status: 'Working', consumption: 20, created_at: `${to}T06:00:00.000Z`, created_by: 'bench', updated_at: 'x' });
      rows.payments.push({ id: pid, tenant_id: tenantId, connection_id: cid, receipt_no: `R${n}-${i}`, amount_paise: 14500, mode: 'CASH', payer_name: null, payer_mobile: null, paid_on: to, idempotency_key: crypto.randomUUID(), advance_demand_id: null, created_at: `${to}T07:00:00.000Z`, created_by: 'bench', updated_at: 'x' });
      rows.payment_allocations.push({ id: crypto.randomUUID(), tenant_id: tenantId, payment_id: pid, demand_line_id: line, amount_paise: 14500, created_at: `${to}T07:00:00.000Z`, updated_at: 'x' });
    }
  }
  for (const [table, list] of Object.entries(rows)) {
    for (let i = 0; i < list.length; i += 500) await t.core.db.insertInto(table as keyof typeof rows).values(list.slice(i, i + 500) as never).execute();
  }
  // Each connection's last reading is 30 Sep 2026 (reading 1200): its next bill is due from 30 Oct.
  const times: number[] = [];
  for (const cid of cids) {
    times.push(await timeMs(() => t.ok('billing.generateMeteredBill', { connectionId: cid, reading: 20 * MONTHS + 7, readingDate: '2026-11-20', meterStatus: 'Working' }, token)));
  }
  report('billing.metered_bill_5y_history_p50', percentile(times, 50), 'ms');
  report('billing.metered_bill_5y_history_p95', percentile(times, 95), 'ms');
  const cb: number[] = [];
  for (const cid of cids) cb.push(await timeMs(() => t.ok('billing.currentBill', { connectionId: cid }, token)));
  report('billing.current_bill_5y_history_p95', percentile(cb, 95), 'ms');
  await t.close();
}

// 3. Bill PDFs: one at a time, and one PDF of a 1,000-bill cycle.
{
  const t = await openTestCore(TODAY);
  const { token, tenantId } = await t.setupAdmin();
  const ids = await seedHouseholds(t, tenantId, 1000);
  await t.ok('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, token);
  await t.ok('billing.billPdf', { connectionId: ids[0]!, lang: 'pa' }, token); // start Chromium
  const one: number[] = [];
  for (let i = 1; i <= 20; i++) one.push(await timeMs(() => t.ok('billing.billPdf', { connectionId: ids[i]!, lang: 'pa' }, token)));
  report('billing.bill_pdf_per_bill_p50', percentile(one, 50), 'ms');
  const batch = await timeMs(() => t.ok('billing.cyclePdf', { month: '2026-10', lang: 'pa' }, token));
  report('billing.bill_pdf_1000_batch', batch / 1000, 's');
  await t.close();
}
