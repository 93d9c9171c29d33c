// Expenses figures (issue 6): search over 50,000 expense bills by vendor-name fragment (p50/p95
// through the dispatcher, session and roles included), and storing + reading back 5 attachments
// of 5,000,000 bytes each (base64 in, sha256, fsync, rename; base64 out).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openTestCore } from '@mgramseva/core/testing';
import { vendorKey } from '@mgramseva/core/node';
import { EXPENSE_TYPE_CODES } from '@mgramseva/core/contracts';
import { percentile, report, timeMs } from './stats.js';

const EXPENSES = 50_000;
const FIRST = ['Gurpreet', 'Harjit', 'Balwinder', 'Kuldeep', 'Manjit', 'Sukhdev', 'Jaswant', 'Paramjit', 'Amarjit', 'Rajinder', 'Surinder', 'Ramesh', 'Mohan', 'Satnam', 'Baldev'];
const LAST = ['Singh', 'Kaur', 'Sharma', 'Gill', 'Sidhu', 'Sandhu', 'Dhillon', 'Brar', 'Kumar', 'Bhatia', 'Grewal', 'Virk'];
const TRADE = ['Traders', 'Hardware', 'Electricals', 'Plumbing Works', 'Motor Winding', 'Chemicals', 'Pumps', 'Stationers', 'Builders'];

async function main() {
  const t = await openTestCore();
  const { token, tenantId } = await t.setupAdmin();
  const db = t.core.db;
  const nowIso = t.clock.now.toISOString();

  // 600 vendors: people and shops of the district, plus PSPCL.
  const names = new Set<string>(['PSPCL']);
  for (const f of FIRST) for (const l of LAST) names.add(`${f} ${l}`);
  for (const l of LAST) for (const tr of TRADE) names.add(`${l} ${tr}`);
  const vendors = [...names].map((name, i) => ({
    id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    tenant_id: tenantId, name, name_key: vendorKey(name), mobile: `98${String(10_000_000 + i).slice(-8)}`,
    created_at: nowIso, created_by: null, updated_at: '0',
  }));
  await db.insertInto('vendors').values(vendors).execute();

  // 50,000 bills over five financial years.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    const batch: Record<string, unknown>[] = [];
    for (let i = 0; i < EXPENSES; i++) {
      const day = new Date(Date.UTC(2021, 10, 1) + Math.floor(rnd() * 5 * 365) * 86_400_000).toISOString().slice(0, 10);
      const status = rnd() < 0.85 ? 'PAID' : rnd() < 0.9 ? 'UNPAID' : 'CANCELLED';
      batch.push({
        id: `01900000-0000-7000-9000-${String(i).padStart(12, '0')}`,
        tenant_id: tenantId, bill_no: `EB-BENCH-${String(i).padStart(6, '0')}`,
        type_code: EXPENSE_TYPE_CODES[i % EXPENSE_TYPE_CODES.length]!, vendor_id: vendors[Math.floor(rnd() * vendors.length)]!.id,
        amount_paise: (1 + Math.floor(rnd() * 20_000)) * 100, bill_date: day, party_bill_date: null, period_from: day, period_to: day,
        status, paid_date: status === 'PAID' ? day : null, paid_at: null, paid_by: null, cancelled_at: null, cancelled_by: null,
        cancel_reason: null, created_at: nowIso, created_by: null, updated_at: '0',
      });
      if (batch.length === 500 || i === EXPENSES - 1) {
        await trx.insertInto('expenses').values(batch as never).execute();
        batch.length = 0;
      }
    }
  });
  await sql`ANALYZE`.execute(db);
  console.error(`# seeded ${vendors.length} vendors, ${EXPENSES} expenses in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const fragments = ['sing', 'kaur', 'pspcl', 'gill', 'trad', 'hard', 'jit', 'sharma', 'motor', 'el', 'a', 'brar'];
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) await t.ok('expenses.search', { vendor: fragments[i % fragments.length]! }, token); // warm-up
  for (let i = 0; i < 600; i++) {
    const vendor = fragments[i % fragments.length]!;
    samples.push(await timeMs(() => t.ok('expenses.search', { vendor, status: i % 3 === 0 ? 'UNPAID' : undefined }, token)));
  }
  if (process.env['BENCH_DETAIL']) {
    for (const frag of ['0037', '1110']) {
      const one: number[] = [];
      for (let i = 0; i < 20; i++) one.push(await timeMs(() => t.ok('expenses.search', { billNo: frag }, token)));
      console.log(`  bill ${frag}: p50 ${percentile(one, 50).toFixed(1)} ms`);
    }
    for (const vendor of fragments) {
      const one: number[] = [];
      for (let i = 0; i < 20; i++) one.push(await timeMs(() => t.ok('expenses.search', { vendor }, token)));
      const unpaid: number[] = [];
      for (let i = 0; i < 20; i++) unpaid.push(await timeMs(() => t.ok('expenses.search', { vendor, status: 'UNPAID' }, token)));
      console.log(`  ${vendor}: p50 ${percentile(one, 50).toFixed(1)} ms, unpaid p50 ${percentile(unpaid, 50).toFixed(1)} ms, total ${(await t.ok('expenses.search', { vendor }, token)).total}`);
    }
  }
  report('expenses.search_vendor_p50', percentile(samples, 50), 'ms');
  report('expenses.search_vendor_p95', percentile(samples, 95), 'ms');
  const bySample: number[] = [];
  for (let i = 0; i < 200; i++) bySample.push(await timeMs(() => t.ok('expenses.search', { typeCode: EXPENSE_TYPE_CODES[i % 10]! }, token)));
  report('expenses.search_type_p95', percentile(bySample, 95), 'ms');
  const billSample: number[] = [];
  for (let i = 0; i < 200; i++) billSample.push(await timeMs(() => t.ok('expenses.search', { billNo: String(i * 37).padStart(4, '0') }, token)));
  report('expenses.search_billno_p95', percentile(billSample, 95), 'ms');

  // 5 × 5,000,000-byte attachments on one bill, then each read back.
  const files = Array.from({ length: 5 }, (_, i) => {
    const bytes = randomBytes(5_000_000);
    Buffer.from('%PDF-1.7\n').copy(bytes);
    return { name: `scan-${i + 1}.pdf`, contentBase64: bytes.toString('base64') };
  });
  let id = '';
  const storeMs = await timeMs(async () => {
    id = (
      await t.ok('expenses.create', {
        typeCode: 'NEW_MACHINERY', vendorName: 'Sidhu Pumps', vendorMobile: '9417055667', amountRupees: 45_000,
        billDate: '2026-11-20', periodFrom: '2026-11-18', periodTo: '2026-11-20', isPaid: false, attachments: files,
      }, token)
    ).id;
  });
  const detail = await t.ok('expenses.get', { id }, token);
  const readMs = await timeMs(async () => {
    for (const a of detail.attachments) {
      const back = await t.ok('expenses.attachment', { attachmentId: a.id }, token);
      if (back.sizeBytes !== 5_000_000 || back.contentBase64.length !== files[0]!.contentBase64.length) throw new Error('read back differs');
    }
  });
  report('expenses.attachments_store_5x5MB', storeMs / 1000, 's');
  report('expenses.attachments_read_5x5MB', readMs / 1000, 's');
  await t.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
