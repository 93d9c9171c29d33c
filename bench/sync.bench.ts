// Replication figures (issue 7), on loopback against an in-process central server:
// - one desktop pushing 10,000 changes and another pulling them (real cores, SQLite files);
// - 200 simulated devices (50 GPs × 4) each pushing 50 changes and pulling their GP's changes,
//   all at once: throughput, latency percentiles, errors. SQLite, and PostgreSQL when
//   MGRAMSEVA_TEST_PG_URL is set.
import { newId, formatHlc, type PullResponse, type PushResponse, type WireChange } from '@mgramseva/core/node';
import { startCentral, twoDesktops, PG_URL, GP } from '@mgramseva/server/testing';
import { percentile, report } from './stats.js';

async function pushPull10k(engine: 'sqlite' | 'postgres') {
  const central = await startCentral(engine);
  const { a, b, tenantId } = await twoDesktops(central);
  try {
    await a.sync();
    await b.sync();
    const N = 10_000;
    for (let i = 0; i < N; i += 1000) {
      await a.write(tenantId, async (w) => {
        for (let j = i; j < i + 1000; j++) {
          const id = newId();
          await w.insert('audit_log', { id, tenant_id: tenantId, at: new Date().toISOString(), user_id: null, action: 'bench', entity: 'row', entity_id: String(j), changes: '{"n":1}' });
        }
      });
    }
    const t0 = performance.now();
    const pushed = await a.sync();
    const t1 = performance.now();
    const pulled = await b.sync();
    const t2 = performance.now();
    if (pushed.error || pulled.error || pushed.pushed < N || pulled.pulled < N) throw new Error(`bench sync failed: ${JSON.stringify({ pushed, pulled })}`);
    report(`sync.${engine}.push_10k`, (t1 - t0) / 1000, 's');
    report(`sync.${engine}.pull_10k`, (t2 - t1) / 1000, 's');
    report(`sync.${engine}.push_pull_10k_total`, (t2 - t0) / 1000, 's');
  } finally {
    await a.close();
    await b.close();
    await central.close();
  }
}

async function manyDevices(engine: 'sqlite' | 'postgres') {
  const GPS = 50;
  const PER_GP = 4;
  const CHANGES = 50;
  const central = await startCentral(engine);
  try {
    const devices: { id: string; token: string; tenantId: string }[] = [];
    for (let g = 0; g < GPS; g++) {
      const tenantId = newId();
      await central.admin('POST', '/gps', { ...GP, id: tenantId, code: `pb.bench${g}` });
      for (let d = 0; d < PER_GP; d++) {
        const { code } = await central.admin<{ code: string }>('POST', `/gps/${tenantId}/enrolment-codes`, {});
        const res = await fetch(`${central.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: `bench-${g}-${d}` }) });
        const body = (await res.json()) as { deviceId: string; token: string };
        devices.push({ id: body.deviceId, token: body.token, tenantId });
      }
    }
    const pushLatency: number[] = [];
    const pullLatency: number[] = [];
    let errors = 0;
    let moved = 0;
    const call = async (path: string, token: string, body: unknown, into: number[]) => {
      const s = performance.now();
      const res = await fetch(`${central.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as unknown;
      into.push(performance.now() - s);
      if (res.status !== 200) errors++;
      return json;
    };
    const t0 = performance.now();
    await Promise.all(
      devices.map(async (dev, k) => {
        const changes: WireChange[] = [];
        for (let i = 0; i < CHANGES; i++) {
          const hlc = formatHlc({ millis: Date.now(), counter: i, node: dev.id });
          const editable = i % 5 === 0; // one in five edits the GP row (contended), the rest append
          const id = editable ? dev.tenantId : newId();
          changes.push({
            mutationId: newId(),
            seq: i + 1,
            table: editable ? 'tenants' : 'audit_log',
            rowId: id,
            op: 'insert',
            hlc,
            data: editable
              ? { id, code: `pb.bench${Math.floor(k / PER_GP)}`, name: `GP ${k}-${i}`, district: GP.district, block: GP.block, state: GP.state, created_at: new Date().toISOString(), updated_at: hlc }
              : { id, tenant_id: dev.tenantId, at: new Date().toISOString(), user_id: null, action: 'bench', entity: 'row', entity_id: `${k}-${i}`, changes: '{}', updated_at: hlc },
          });
        }
        const pushed = (await call('/v1/sync/push', dev.token, { deviceId: dev.id, batchId: newId(), changes }, pushLatency)) as PushResponse;
        if (!pushed.results || pushed.results.some((r) => r.status === 'rejected')) errors++;
        moved += CHANGES;
        let cursor = 0;
        for (let page = 0; page < 100; page++) {
          const p = (await call('/v1/sync/pull', dev.token, { cursor, limit: 500 }, pullLatency)) as PullResponse;
          moved += p.changes.length;
          cursor = p.nextCursor;
          if (!p.hasMore) break;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    report(`sync.${engine}.devices_200x50_throughput`, moved / seconds, 'changes/s');
    report(`sync.${engine}.devices_200x50_wall`, seconds, 's');
    report(`sync.${engine}.push_latency_p50`, percentile(pushLatency, 50), 'ms');
    report(`sync.${engine}.push_latency_p95`, percentile(pushLatency, 95), 'ms');
    report(`sync.${engine}.push_latency_p99`, percentile(pushLatency, 99), 'ms');
    report(`sync.${engine}.pull_latency_p50`, percentile(pullLatency, 50), 'ms');
    report(`sync.${engine}.pull_latency_p95`, percentile(pullLatency, 95), 'ms');
    report(`sync.${engine}.pull_latency_p99`, percentile(pullLatency, 99), 'ms');
    report(`sync.${engine}.devices_200x50_errors`, errors, '');
  } finally {
    await central.close();
  }
}

const engines: ('sqlite' | 'postgres')[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
for (const engine of engines) {
  await pushPull10k(engine);
  await manyDevices(engine);
}
if (!PG_URL) console.log('# PostgreSQL figures: set MGRAMSEVA_TEST_PG_URL');
