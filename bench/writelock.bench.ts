// Does a long document hold up the counter? (issue 15: reads and rendering outside the write lock)
// A collector takes payments from their own session while a GP admin prints the 1,000-bill cycle
// PDF again and again. Figures: collect latency while a cycle PDF is in flight (≥ 200 samples,
// each started while a PDF was being read or rendered), and the same with nothing else running,
// taken in alternating rounds so both see the same machine.
import { randomUUID } from 'node:crypto';
import { openTestCore } from '@mgramseva/core/testing';
import { percentile, report } from './stats.js';
import { seedHouseholds } from './seed.js';

const TODAY = '2026-11-25T06:30:00.000Z';
const SAMPLES = 240;

const t = await openTestCore(TODAY);
const admin = await t.setupAdmin();
const collector = await t.addUser(['COLLECTION_OPERATOR']);
const ids = await seedHouseholds(t, admin.tenantId, 1000);
await t.ok('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, admin.token);
await t.ok('billing.billPdf', { connectionId: ids[0]!, lang: 'pa' }, admin.token); // Chromium started, as in a running app

let next = 0;
async function collectOnce(): Promise<number> {
  const connectionId = ids[next++ % ids.length]!;
  const s = performance.now();
  await t.ok('collections.collect', { connectionId, amountRupees: 1, mode: 'CASH', idempotencyKey: randomUUID() }, collector.token);
  return performance.now() - s;
}

const busy: number[] = [];
const idle: number[] = [];
let pdfs = 0;
let pdfMs = 0;
while (busy.length < SAMPLES) {
  // A round with a cycle PDF in flight: collect until it is done.
  let printing = true;
  const started = performance.now();
  const pdf = t.ok('billing.cyclePdf', { month: '2026-10', lang: 'pa' }, admin.token).finally(() => {
    printing = false;
    pdfMs += performance.now() - started;
    pdfs++;
  });
  while (printing && busy.length < SAMPLES) busy.push(await collectOnce());
  await pdf;
  // The same number of collections with nothing else running.
  const want = busy.length - idle.length;
  for (let i = 0; i < want; i++) idle.push(await collectOnce());
}

report('writelock.collect_during_cycle_pdf_p50', percentile(busy, 50), 'ms');
report('writelock.collect_during_cycle_pdf_p95', percentile(busy, 95), 'ms');
report('writelock.collect_during_cycle_pdf_samples', busy.length, 'calls');
report('writelock.collect_idle_p50', percentile(idle, 50), 'ms');
report('writelock.collect_idle_p95', percentile(idle, 95), 'ms');
report('writelock.cycle_pdf_1000_bills_mean', pdfMs / pdfs / 1000, 's');
report('writelock.cycle_pdfs_printed', pdfs, 'PDFs');
await t.close();
