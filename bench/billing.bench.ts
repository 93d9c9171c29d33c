// Billing figures (issue 4): bulk demand for 10,000 non-metered connections and its ratio to a
// bare SQLite insert of the same rows; a metered bill on a connection with 5 years of history
// (p95); bill PDF per bill and a 1,000-bill cycle PDF.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openTestCore, type TestCore } from '../core/src/testing/harness.js';
import { addDays, monthOf } from '../core/src/calendar/dates.js';
import { closeBillPrinter } from '../core/src/billing/printer.js';
import { demandIdFor, lineIdFor } from '../core/src/billing/write.js';
import { percentile, report, timeMs } from './stats.js';

const TODAY = '2026-11-25T06:30:00.000Z';

/** `count` active non-metered households, last billed September 2026, inserted directly. */
async function seedHouseholds(t: TestCore, tenantId: string, count: number, type: 'Non_Metered' | 'Metered' = 'Non_Metered', lastBilled = '2026-09-01'): Promise<string[]> {
  const ids: string[] = [];
  const now = t.clock.now.toISOString();
  for (let i = 0; i < count; i += 500) {
    const people = [];
    const conns = [];
    for (let j = i; j < Math.min(count, i + 500); j++) {
      const pid = crypto.randomUUID();
      const cid = crypto.randomUUID();
      ids.push(cid);
      people.push({ id: pid, tenant_id: tenantId, name: `Person ${j}`, gender: 'MALE' as const, father_name: 'Father', mobile: `9${String(100_000_000 + j)}`, category: null, sub_category: null, door_no: String(j), street: 'Main Road', ward: 'WARD1', property_type: j % 5 === 0 ? 'COMMERCIAL' : 'RESIDENTIAL', created_at: now, created_by: 'bench', updated_at: 'x' });
      conns.push({ id: cid, tenant_id: tenantId, consumer_id: pid, connection_no: `WS/LODHIPUR/2026-27/BNCH-${type}-${j}`, old_connection_no: `B${type}${j}`, connection_type: type, meter_number: type === 'Metered' ? `M${j}` : null, previous_reading_date: lastBilled, previous_reading: type === 'Metered' ? 0 : null, payment_type: 'arrears' as const, arrears_paise: 0, penalty_paise: 0, advance_paise: 0, status: 'Active' as const, status_remarks: null, created_at: now, created_by: 'bench', updated_at: 'x' });
    }
    await t.core.db.insertInto('consumers').values(people).execute();
    await t.core.db.insertInto('connections').values(conns).execute();
  }
  return ids;
}

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

// 2. Metered bill on a connection with 5 years of monthly history (60 bills, 60 payments).
{
  const t = await openTestCore(TODAY);
  const { token, tenantId } = await t.setupAdmin();
  const [cid] = await seedHouseholds(t, tenantId, 1, 'Metered', '2021-04-01');
  let reading = 0;
  for (let i = 0; i < 60; i++) {
    const month = monthOf('2021-04-01', i);
    const to = addDays(`${monthOf(`${month}-01`, 1)}-01`, -1);
    const from = `${month}-01`;
    const id = demandIdFor(cid!, 'waterConnection', from, to, 0);
    const line = lineIdFor(id, '10101');
    reading += 20;
    await t.core.db.insertInto('demands').values({ id, tenant_id: tenantId, connection_id: cid!, consumer_type: 'waterConnection', period_from: from, period_to: to, revision: 0, created_at: `${to}T06:00:00.000Z`, created_by: 'bench', updated_at: 'x' }).execute();
    await t.core.db.insertInto('demand_lines').values({ id: line, tenant_id: tenantId, demand_id: id, tax_head: '10101', amount_paise: 14500, created_at: `${to}T06:00:00.000Z`, updated_at: 'x' }).execute();
    await t.core.db.insertInto('meter_readings').values({ id: crypto.randomUUID(), tenant_id: tenantId, connection_id: cid!, demand_id: id, reading_date: to, reading, previous_reading: reading - 20, previous_reading_date: from, meter_status: 'Working', consumption: 20, created_at: `${to}T06:00:00.000Z`, created_by: 'bench', updated_at: 'x' }).execute();
    const pid = crypto.randomUUID();
    await t.core.db.insertInto('payments').values({ id: pid, tenant_id: tenantId, connection_id: cid!, receipt_no: `R${i}`, amount_paise: 14500, mode: 'CASH', payer_name: null, payer_mobile: null, paid_on: to, idempotency_key: crypto.randomUUID(), advance_demand_id: null, created_at: `${to}T07:00:00.000Z`, created_by: 'bench', updated_at: 'x' }).execute();
    await t.core.db.insertInto('payment_allocations').values({ id: crypto.randomUUID(), tenant_id: tenantId, payment_id: pid, demand_line_id: line, amount_paise: 14500, created_at: `${to}T07:00:00.000Z`, updated_at: 'x' }).execute();
  }
  const times: number[] = [];
  let date = '2026-04-01';
  for (let i = 0; i < 200; i++) {
    date = addDays(date, 1);
    reading += 7;
    times.push(await timeMs(() => t.ok('billing.generateMeteredBill', { connectionId: cid!, reading, readingDate: date, meterStatus: 'Working' }, token)));
  }
  report('billing.metered_bill_5y_history_p50', percentile(times, 50), 'ms');
  report('billing.metered_bill_5y_history_p95', percentile(times, 95), 'ms');
  const cb: number[] = [];
  for (let i = 0; i < 200; i++) cb.push(await timeMs(() => t.ok('billing.currentBill', { connectionId: cid! }, token)));
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
  await closeBillPrinter();
}
