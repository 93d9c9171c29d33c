// Consumers figures (issue 3): create 10,000 consumers through the API; search over 100,000
// consumers by name fragment, mobile and connection ID (p50/p95 through core.call, session check
// included); bulk load of a 10,000-row XLSX (seconds, peak RSS sampled during the load).
import ExcelJS from 'exceljs';
import { openTestCore, demoConsumerInputs, IMPORT_COLUMNS } from '@mgramseva/core/testing';
import { istDate } from '@mgramseva/core/node';
import { percentile, report } from './stats.js';

const ONE_WARD = [{ code: 'WARD1', name: 'Ward 1' }];

async function createThroughApi(): Promise<void> {
  const t = await openTestCore();
  const { token } = await t.setupAdmin();
  const inputs = demoConsumerInputs(10_000, istDate(t.clock.now), 11, ONE_WARD);
  const started = performance.now();
  for (const input of inputs) {
    const r = await t.core.call('consumers.create', input, { token });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  report('consumers.create_10k_total', (performance.now() - started) / 1000, 's');
  await t.close();
}

async function bulkLoadXlsx(): Promise<void> {
  const t = await openTestCore();
  const { token } = await t.setupAdmin();
  const inputs = demoConsumerInputs(10_000, istDate(t.clock.now), 13, ONE_WARD);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Consumers');
  sheet.addRow([...IMPORT_COLUMNS]);
  for (const input of inputs) {
    const row = input as unknown as Record<string, unknown>;
    sheet.addRow(IMPORT_COLUMNS.map((c) => {
      const v = row[c];
      if (c === 'previousReadingDate' && typeof v === 'string') return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
      if (c === 'lastBilledCycle' && typeof v === 'string') return `${v.slice(5, 7)}/${v.slice(0, 4)}`;
      return v ?? '';
    }));
  }
  const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const r = await t.core.call('consumers.import', { fileName: 'bench.xlsx', base64, mode: 'allOrNothing' }, { token });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const result = r.result as { created: number; failed: number };
  if (result.created !== 10_000) throw new Error(`bulk load created ${result.created}, failed ${result.failed}`);
  report('consumers.bulk_load_xlsx_10k', seconds, 's');
  report('consumers.bulk_load_xlsx_10k_peak_rss', peak / 1024 / 1024, 'MB');
  await t.close();
}

async function searchOver100k(): Promise<void> {
  const t = await openTestCore();
  const { token, tenantId, userId } = await t.setupAdmin();
  const N = 100_000;
  const inputs = demoConsumerInputs(N, istDate(t.clock.now), 17, ONE_WARD);
  const now = t.clock.now.toISOString();
  const hlc = t.core.hlc.now();
  const BATCH = 500;
  await t.core.db.transaction().execute(async (trx) => {
    for (let b = 0; b < N; b += BATCH) {
      const slice = inputs.slice(b, b + BATCH);
      const consumers = slice.map((c, j) => ({
        id: `c-${b + j}`, tenant_id: tenantId, name: c.name, gender: c.gender as 'MALE', father_name: c.fatherName, mobile: String(9000000000 + b + j),
        category: null, sub_category: null, door_no: c.doorNo ?? null, street: c.street ?? null, ward: 'WARD1', property_type: c.propertyType,
        created_at: now, created_by: userId, updated_at: hlc,
      }));
      await trx.insertInto('consumers').values(consumers).execute();
      await trx.insertInto('consumer_mobiles').values(consumers.map((c) => ({ id: `m-${c.id}`, tenant_id: tenantId, consumer_id: c.id, mobile: c.mobile, created_at: now, updated_at: hlc }))).execute();
      await trx
        .insertInto('connections')
        .values(slice.map((c, j) => ({
          id: `k-${b + j}`, tenant_id: tenantId, consumer_id: `c-${b + j}`, connection_no: `WS/LODHIPUR/2026-27/BNCH-${String(b + j + 1).padStart(6, '0')}`,
          old_connection_no: `OLD/${b + j + 1}`, connection_type: c.serviceType, meter_number: null, previous_reading_date: '2026-10-01', previous_reading: null,
          payment_type: 'arrears' as const, arrears_paise: 0, penalty_paise: 0, advance_paise: 0, status: 'Active' as const, status_remarks: null,
          created_at: now, created_by: userId, updated_at: hlc,
        })))
        .execute();
    }
  });

  const rnd = (() => {
    let s = 42;
    return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  })();
  const pickName = () => inputs[Math.floor(rnd() * N)]!.name;
  const fragment = () => {
    const words = pickName().split(' ');
    const w = words[Math.floor(rnd() * words.length)]!;
    // A partly typed word, or first name + start of the surname, as a clerk types it.
    if (words.length > 1 && rnd() < 0.5) return `${words[0]} ${words[1]!.slice(0, 3)}`;
    return w.slice(0, Math.max(3, Math.min(w.length, 3 + Math.floor(rnd() * 4))));
  };
  const kinds: [string, () => Record<string, string>][] = [
    ['name', () => ({ name: fragment() })],
    ['mobile', () => ({ mobile: String(9000000000 + Math.floor(rnd() * N)) })],
    ['connection_id', () => ({ connectionNo: `WS/LODHIPUR/2026-27/BNCH-${String(1 + Math.floor(rnd() * N)).padStart(6, '0')}` })],
    ['old_connection_id', () => ({ oldConnectionId: `OLD/${1 + Math.floor(rnd() * N)}` })],
    ['misspelled_name', () => ({ name: pickName().split(' ')[0]!.replace(/ee/, 'i').replace(/([aeiou])/, '$1$1') })],
  ];
  for (const [kind, make] of kinds) {
    for (let i = 0; i < 20; i++) await t.core.call('consumers.search', make(), { token }); // warm-up
    const times: number[] = [];
    let empty = 0;
    for (let i = 0; i < 500; i++) {
      const input = make();
      const s = performance.now();
      const r = await t.core.call('consumers.search', input, { token });
      times.push(performance.now() - s);
      if (!r.ok) throw new Error(`${kind} ${JSON.stringify(input)}: ${JSON.stringify(r.error)}`);
      if ((r.result as { results: unknown[] }).results.length === 0) empty++;
    }
    report(`consumers.search_${kind}_p50`, percentile(times, 50), 'ms');
    report(`consumers.search_${kind}_p95`, percentile(times, 95), 'ms');
    if (empty > 0 && kind !== 'misspelled_name') console.error(`  (${kind}: ${empty} of 500 searches found nothing)`);
  }
  await t.close();
}

const only = process.argv[2];
if (!only || only === 'search') await searchOver100k();
if (!only || only === 'create') await createThroughApi();
if (!only || only === 'bulk') await bulkLoadXlsx();
