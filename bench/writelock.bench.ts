// Does a long document hold up the counter? (issue 15: reads and rendering outside the write lock)
// Browser mode as an office runs it: the local server on a real SQLite file; a collector in a
// process of their own takes payments over HTTP while a GP admin prints the 1,000-bill cycle PDF
// again and again. Figures: the collector's latency while a cycle PDF is being read or rendered
// (≥ 200 samples), and the same with nothing else running, in alternating rounds.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { buildLocalServer } from '@mgramseva/core/node';
import { ADMIN, openTestCore } from '@mgramseva/core/testing';
import { percentile, report } from './stats.js';
import { seedHouseholds } from './seed.js';

const TODAY = '2026-11-25T06:30:00.000Z';
const SAMPLES = 240;

const t = await openTestCore(TODAY);
const admin = await t.setupAdmin();
const ids = await seedHouseholds(t, admin.tenantId, 1000);
await t.ok('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, admin.token);
const app = await buildLocalServer({ core: t.core });
const url = await app.listen({ host: '127.0.0.1', port: 0 });

async function signIn(mobile: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mobile, password }) });
  return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}
const adminCookie = await signIn(ADMIN.mobile, ADMIN.password);
await t.addUser(['COLLECTION_OPERATOR'], '9811122233');
const collectorCookie = await signIn('9811122233', ADMIN.password);

const printCycle = async () => {
  const r = await fetch(`${url}/api/billing.cyclePdf`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: adminCookie }, body: JSON.stringify({ month: '2026-10', lang: 'pa' }) });
  const body = (await r.json()) as { ok: boolean; error?: unknown };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
};
await fetch(`${url}/api/billing.billPdf`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: adminCookie }, body: JSON.stringify({ connectionId: ids[0], lang: 'pa' }) }); // Chromium running, as in an app that has printed today

const desk = fork(fileURLToPath(new URL('./writelock-collector.mjs', import.meta.url)), [JSON.stringify({ url, cookie: collectorCookie, connectionIds: ids })]);
await once(desk, 'message');
const collect = async (run: 'until-stop' | number, during?: Promise<void>): Promise<number[]> => {
  const answer = once(desk, 'message') as Promise<[{ latencies: number[] }]>;
  desk.send({ run });
  if (during) {
    await during;
    desk.send('stop');
  }
  return (await answer)[0].latencies;
};

const busy: number[] = [];
const idle: number[] = [];
let pdfs = 0;
let pdfMs = 0;
while (busy.length < SAMPLES) {
  const started = performance.now();
  busy.push(...(await collect('until-stop', printCycle())));
  pdfMs += performance.now() - started;
  pdfs++;
  idle.push(...(await collect(Math.max(1, busy.length - idle.length))));
}
desk.kill();

report('writelock.collect_during_cycle_pdf_p50', percentile(busy, 50), 'ms');
report('writelock.collect_during_cycle_pdf_p95', percentile(busy, 95), 'ms');
report('writelock.collect_during_cycle_pdf_samples', busy.length, 'calls');
report('writelock.collect_idle_p50', percentile(idle, 50), 'ms');
report('writelock.collect_idle_p95', percentile(idle, 95), 'ms');
report('writelock.cycle_pdf_1000_bills_mean', pdfMs / pdfs / 1000, 's');
report('writelock.cycle_pdfs_printed', pdfs, 'PDFs');
await app.close();
await t.close();
