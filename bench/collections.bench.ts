// Collections figures (issue 5): collect payment through core.call on a GP with 100,000
// connections and 3,000,000 demands (30 monthly demands each, the first 25 already paid by one
// earlier payment: 2.5M allocations), p50/p95 over 2,000 collections on random households; the
// receipt PDF (Chromium) and the ESC/POS encoding of one receipt.
import { randomUUID } from 'node:crypto';
import { newId, layoutReceipt, PAPER_58 } from '@mgramseva/core/node';
import { openTestCore } from '@mgramseva/core/testing';
import type { ReceiptModel } from '@mgramseva/core/contracts';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { percentile, report } from './stats.js';

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 100_000);
const DEMANDS_EACH = 30;
const PAID_EACH = 25;

const t = await openTestCore();
const { token, tenantId } = await t.setupAdmin();

// Setup: bulk insert straight into the file with prepared statements, one transaction.
const setupStart = performance.now();
const raw = new Database(path.join(t.dataDir, 'mgramseva.sqlite'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = OFF');
raw.pragma('cache_size = -512000');
const now = new Date().toISOString();
const hlc = `${now}-0000-bench`;
const insConsumer = raw.prepare(`INSERT INTO consumers (id, tenant_id, name, gender, father_name, mobile, category, sub_category, door_no, street, ward, property_type, created_at, created_by, updated_at)
  VALUES (?, ?, ?, 'MALE', 'Father Name', ?, NULL, NULL, ?, 'Main Street', 'WARD1', 'RESIDENTIAL', ?, 'bench', ?)`);
const insConnection = raw.prepare(`INSERT INTO connections (id, tenant_id, consumer_id, connection_no, old_connection_no, connection_type, meter_number, previous_reading_date, previous_reading, payment_type, arrears_paise, penalty_paise, advance_paise, status, status_remarks, created_at, created_by, updated_at)
  VALUES (?, ?, ?, ?, ?, 'Non_Metered', NULL, '2024-03-01', NULL, 'arrears', 0, 0, 0, 'Active', NULL, ?, 'bench', ?)`);
const insDemand = raw.prepare(`INSERT INTO demands (id, tenant_id, connection_id, consumer_type, period_from, period_to, revision, created_at, created_by, updated_at)
  VALUES (?, ?, ?, 'waterConnection', ?, ?, 0, ?, 'bench', ?)`);
const insLine = raw.prepare(`INSERT INTO demand_lines (id, tenant_id, demand_id, tax_head, amount_paise, created_at, updated_at) VALUES (?, ?, ?, '10101', 5000, ?, ?)`);
const insPayment = raw.prepare(`INSERT INTO payments (id, tenant_id, connection_id, receipt_no, amount_paise, mode, payer_name, payer_mobile, paid_on, idempotency_key, advance_demand_id, created_at, created_by, updated_at)
  VALUES (?, ?, ?, ?, ?, 'CASH', NULL, NULL, '2026-09-01', ?, NULL, ?, 'bench', ?)`);
const insAlloc = raw.prepare(`INSERT INTO payment_allocations (id, tenant_id, payment_id, demand_line_id, amount_paise, created_at, updated_at) VALUES (?, ?, ?, ?, 5000, ?, ?)`);
const insSnap = raw.prepare(`INSERT INTO receipt_snapshots (id, tenant_id, payment_id, due_before_paise, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
const months: [string, string][] = [];
for (let i = 0; i < DEMANDS_EACH; i++) {
  const y = 2024 + Math.floor((i + 3) / 12);
  const m = String(((i + 3) % 12) + 1).padStart(2, '0');
  months.push([`${y}-${m}-01`, `${y}-${m}-28`]);
}
const connectionIds: string[] = [];
raw.transaction(() => {
  for (let c = 0; c < CONNECTIONS; c++) {
    const consumerId = newId();
    const connectionId = newId();
    connectionIds.push(connectionId);
    insConsumer.run(consumerId, tenantId, `Consumer ${c}`, `9${String(c).padStart(9, '0')}`, String(c), now, hlc);
    insConnection.run(connectionId, tenantId, consumerId, `WS/LODHIPUR/2024-25/BNCH-${c}`, `OLD-${c}`, now, hlc);
    const paymentId = newId();
    insPayment.run(paymentId, tenantId, connectionId, `WS/2026-27/BNCH-${c}`, PAID_EACH * 5000, newId(), now, hlc);
    insSnap.run(newId(), tenantId, paymentId, DEMANDS_EACH * 5000, now, hlc);
    for (let d = 0; d < DEMANDS_EACH; d++) {
      const demandId = newId();
      const lineId = newId();
      insDemand.run(demandId, tenantId, connectionId, months[d]![0], months[d]![1], now, hlc);
      insLine.run(lineId, tenantId, demandId, now, hlc);
      if (d < PAID_EACH) insAlloc.run(newId(), tenantId, paymentId, lineId, now, hlc);
    }
  }
})();
const insertedAt = performance.now();
raw.pragma('wal_checkpoint(TRUNCATE)');
raw.exec('ANALYZE');
if (process.env['BENCH_VERBOSE']) console.log(`insert ${((insertedAt - setupStart) / 1000).toFixed(1)} s, checkpoint+analyze ${((performance.now() - insertedAt) / 1000).toFixed(1)} s`);
raw.close();
const demands = (await t.core.db.selectFrom('demands').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
report('collections.setup_rows_demands', Number(demands), 'demands');
report('collections.setup_bulk_insert', (performance.now() - setupStart) / 1000, 's');

// Collect payment through the API.
const N = 2_000;
let lastPayment = '';
async function collectMany(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < N + 50; i++) {
    const connectionId = connectionIds[Math.floor(Math.random() * connectionIds.length)]!;
    const s = performance.now();
    const r = await t.core.call('collections.collect', { connectionId, amountRupees: 1 + (i % 400), idempotencyKey: randomUUID(), confirmAdvance: true }, { token });
    const ms = performance.now() - s;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    lastPayment = (r.result as { paymentId: string }).paymentId;
    if (i >= 50) times.push(ms);
  }
  return times;
}
const times = await collectMany();
report('collections.collect_p50', percentile(times, 50), 'ms');
report('collections.collect_p95', percentile(times, 95), 'ms');
// The same with a 64 MB SQLite page cache and checkpoints every 10,000 pages instead of the
// defaults (2 MB, 1,000 pages): how much of the tail is the database settings (db/database.ts).
await sql`PRAGMA cache_size = -65536`.execute(t.core.db);
await sql`PRAGMA wal_autocheckpoint = 10000`.execute(t.core.db);
const tuned = await collectMany();
report('collections.collect_p50_cache64mb', percentile(tuned, 50), 'ms');
report('collections.collect_p95_cache64mb', percentile(tuned, 95), 'ms');
await sql`PRAGMA cache_size = -2000`.execute(t.core.db);
await sql`PRAGMA wal_autocheckpoint = 1000`.execute(t.core.db);
// Context for the tail: the dispatcher's floor (a trivial signed-in read) on the same machine now.
const floor: number[] = [];
for (let i = 0; i < 2_000; i++) {
  const s = performance.now();
  await t.core.call('home.cards', {}, { token });
  floor.push(performance.now() - s);
}
report('collections.dispatch_floor_home_cards_p95', percentile(floor, 95), 'ms');

// Receipt model, PDF and ESC/POS.
const modelTimes: number[] = [];
let model: ReceiptModel | undefined;
for (let i = 0; i < 200; i++) {
  const s = performance.now();
  const r = await t.core.call('collections.receipt', { paymentId: lastPayment }, { token });
  modelTimes.push(performance.now() - s);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  model = r.result as ReceiptModel;
}
report('collections.receipt_model_p50', percentile(modelTimes, 50), 'ms');
const pdfTimes: number[] = [];
for (let i = 0; i < 12; i++) {
  const s = performance.now();
  const r = await t.core.call('collections.receiptPdf', { paymentId: lastPayment, lang: (['en', 'hi', 'pa'] as const)[i % 3] }, { token });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const ms = performance.now() - s;
  if (i === 0) report('collections.receipt_pdf_first_of_day', ms, 'ms'); // Chromium start + the GP-wide previous-cycle summary
  if (i >= 2) pdfTimes.push(ms);
}
report('collections.receipt_pdf_p50', percentile(pdfTimes, 50), 'ms');
const escTimes: number[] = [];
for (let i = 0; i < 5_000; i++) {
  const s = performance.now();
  layoutReceipt(model!, PAPER_58);
  escTimes.push(performance.now() - s);
}
report('collections.escpos_encode_p50', percentile(escTimes, 50), 'ms');
const apiEsc: number[] = [];
for (let i = 0; i < 200; i++) {
  const s = performance.now();
  await t.core.call('printing.receiptEscpos', { paymentId: lastPayment, width: 58 }, { token });
  apiEsc.push(performance.now() - s);
}
report('collections.receipt_escpos_api_p50', percentile(apiEsc, 50), 'ms');
await t.close();
