import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, formatHlc, type WireChange } from '@mgramseva/core/node';
import { ENGINES, GP, deviceTokenOf, startCentral, twoDesktops, openDesktop, type Central, type Desktop } from './testing.js';

/** Raw protocol tests: what a broken, replaying or hostile device sends, and what is stored. */
describe.each(ENGINES)('push and pull guards on $name', ({ name, skip }) => {
  let central: Central;
  let a: Desktop;
  let b: Desktop;
  let tenantId: string;
  let token: string;
  let deviceId: string;

  beforeEach(async () => {
    if (skip) return;
    central = await startCentral(name);
    ({ a, b, tenantId } = await twoDesktops(central));
    await a.sync();
    const state = await a.core.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
    token = await deviceTokenOf(a);
    deviceId = state.server_device_id;
  });
  afterEach(async () => {
    if (skip) return;
    await a.close();
    await b.close();
    await central.close();
  });

  const post = async (path: string, body: unknown, bearer = token, raw?: string) => {
    const res = await fetch(`${central.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: raw ?? JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> & { results: { mutationId: string; status?: string; reason?: string; hlc?: string }[] } };
  };
  let seq = 1000;
  const hlcNow = (offsetMs = 0) => formatHlc({ millis: Date.now() + offsetMs, counter: 0, node: deviceId });
  const audit = (id = newId(), extra: Record<string, unknown> = {}): WireChange => {
    const hlc = hlcNow();
    return {
      mutationId: newId(),
      seq: seq++,
      table: 'audit_log',
      rowId: id,
      op: 'insert',
      hlc,
      data: { id, tenant_id: tenantId, at: new Date().toISOString(), user_id: null, action: 'x', entity: 'e', entity_id: id, changes: '{}', updated_at: hlc, ...extra },
    };
  };
  const tenantEdit = (fields: Record<string, unknown>, offsetMs = 0): WireChange => ({
    mutationId: newId(),
    seq: seq++,
    table: 'tenants',
    rowId: tenantId,
    op: 'update',
    hlc: hlcNow(offsetMs),
    data: fields as WireChange['data'],
  });
  const counts = async () => ({
    log: (await central.db.selectFrom('change_log').select('seq').execute()).length,
    mutations: (await central.db.selectFrom('mutations').select('mutation_id').execute()).length,
    rows: (await central.db.selectFrom('sync_rows').select('row_id').execute()).length,
  });
  const push = (changes: WireChange[], extra: Record<string, unknown> = {}) =>
    post('/v1/sync/push', { deviceId, batchId: newId(), changes, ...extra });

  it.skipIf(skip)('a replayed batch is acknowledged and not applied twice', async () => {
    const batch = { deviceId, batchId: newId(), changes: [audit(), audit()] };
    const first = await post('/v1/sync/push', batch);
    expect(first.json.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const before = await counts();
    const again = await post('/v1/sync/push', batch);
    expect(again.status).toBe(200);
    expect(again.json.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await counts()).toEqual(before);
  });

  it.skipIf(skip)('a reordered batch merges as if in order (by the device sequence and the stamps)', async () => {
    const older = tenantEdit({ name: 'Older' }, 0);
    const newer = tenantEdit({ name: 'Newer' }, 5);
    const r = await push([newer, older]);
    expect(r.json.results.map((x) => x.status)).toEqual(['applied', 'applied']);
    const row = await central.db.selectFrom('sync_rows').select('data').where('row_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data).name).toBe('Newer');
  });

  it.skipIf(skip)('a truncated body, an unknown column or a wrong type: the whole batch refused, nothing stored', async () => {
    const before = await counts();
    const body = JSON.stringify({ deviceId, batchId: newId(), changes: [audit()] });
    expect((await post('/v1/sync/push', null, token, body.slice(0, body.length - 20))).status).toBe(400);
    const bad = await push([audit(), audit(undefined, { sneaky: 1 }), audit(undefined, { action: 5 })]);
    expect(bad.status).toBe(400);
    expect(bad.json.results.map((r) => r.reason)).toEqual(['unknown_column:sneaky', 'not_text:action']);
    const missing = await push([{ ...audit(), data: { id: 'x' } }]);
    expect(missing.status).toBe(400);
    const local = await push([tenantEdit({ name: 'ok' }), { ...tenantEdit({}), table: 'users', data: { failed_attempts: 3 } }]);
    expect(local.status).toBe(400); // device-local columns never travel
    const huge = await push([audit(), audit(undefined, { changes: 'x'.repeat(1_200_000) })]);
    expect(huge.status).toBe(400);
    expect(huge.json.results).toEqual([expect.objectContaining({ reason: expect.stringMatching(/^malformed:data.changes/) })]);
    const unknown = await push([{ ...audit(), table: 'sessions' }]);
    expect(unknown.json.results[0]!.reason).toBe('unknown_table:sessions');
    expect(await counts()).toEqual(before);
  });

  it.skipIf(skip)("a forged device id or another GP's rows: refused, nothing stored", async () => {
    const before = await counts();
    expect((await push([audit()], { deviceId: newId() })).status).toBe(403);
    // Another GP, registered on the server.
    const other = await central.admin<{ tenantId: string }>('POST', '/gps', {
      code: 'pb.kotla', name: 'Kotla', district: GP.district, block: GP.block, state: GP.state,
      admin: { name: 'Other Admin', mobile: '9812345678', password: 'abc12!x' },
    });
    const foreign = await push([audit(), audit(undefined, { tenant_id: other.tenantId })]);
    expect(foreign.status).toBe(403);
    expect(foreign.json.results).toEqual([expect.objectContaining({ reason: 'other_tenant' })]);
    const foreignGp = await push([{ ...tenantEdit({ name: 'Mine now' }), rowId: other.tenantId }]);
    expect(foreignGp.status).toBe(403);
    // A row that exists under the other GP (its admin user) cannot be edited from here.
    const otherUser = await central.db.selectFrom('sync_rows').select('row_id').where('tenant_id', '=', other.tenantId).where('table_name', '=', 'users').executeTakeFirstOrThrow();
    const hijack = await push([audit(), { ...tenantEdit({ name: 'Hijacked' }), table: 'users', rowId: otherUser.row_id }]);
    expect(hijack.status).toBe(403);
    // Nor can this GP give the other GP's user a role here.
    const base = audit();
    const role = { ...base, table: 'user_roles', data: { id: newId(), user_id: otherUser.row_id, tenant_id: tenantId, role: 'GP_ADMIN', created_at: new Date().toISOString(), updated_at: base.hlc } };
    const grant = await push([{ ...role, rowId: role.data.id }]);
    expect(grant.status).toBe(403);
    expect(grant.json.results).toEqual([expect.objectContaining({ reason: 'other_tenant' })]);
    const after = await counts();
    expect(after.mutations).toBe(before.mutations + 4); // only the other GP's own seed rows
    // Nothing of the other GP reaches this device.
    const pulled = await post('/v1/sync/pull', { cursor: 0, limit: 1000 });
    expect(JSON.stringify(pulled.json)).not.toContain(other.tenantId);
  });

  it.skipIf(skip)('money rows are inserted once: same id, other content → conflict, never overwritten; no updates', async () => {
    const first = audit();
    expect((await push([first])).json.results[0]!.status).toBe('applied');
    const repeat = { ...first, mutationId: newId(), seq: seq++ };
    expect((await push([repeat])).json.results[0]!.status).toBe('applied');
    const forged = { ...first, mutationId: newId(), seq: seq++, data: { ...first.data, changes: '{"amount":1}' } };
    expect((await push([forged])).json.results[0]).toMatchObject({ status: 'rejected', reason: 'conflict' });
    const update = { ...first, mutationId: newId(), seq: seq++, op: 'update' as const, data: { action: 'edited' } };
    expect((await push([update])).json.results[0]).toMatchObject({ status: 'rejected', reason: 'append_only' });
    const row = await central.db.selectFrom('sync_rows').select('data').where('row_id', '=', first.rowId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data)).toMatchObject({ action: 'x', changes: '{}' });
    const logged = await central.db.selectFrom('change_log').select('seq').where('row_id', '=', first.rowId).execute();
    expect(logged).toHaveLength(1);
  });

  it.skipIf(skip)('a stamp days in the future is clamped to the server time, so it cannot win forever', async () => {
    const future = tenantEdit({ name: 'From the future' }, 3 * 86_400_000);
    const r = await push([future]);
    expect(r.json.results[0]!.status).toBe('applied');
    expect(r.json.results[0]!.hlc).toBeDefined();
    expect(Number(r.json.results[0]!.hlc!.slice(0, 15))).toBeLessThanOrEqual(Date.now());
    const later = tenantEdit({ name: 'Honest and later' }, 1000);
    await push([later]);
    const row = await central.db.selectFrom('sync_rows').select('data').where('row_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data).name).toBe('Honest and later');
  });

  it.skipIf(skip)('a revoked or expired token: 401 and nothing stored; wrong enrolment codes refused', async () => {
    await central.admin('POST', `/devices/${deviceId}/revoke`);
    const before = await counts();
    expect((await push([audit()])).status).toBe(401);
    expect((await post('/v1/sync/pull', { cursor: 0 })).status).toBe(401);
    expect((await post('/v1/sync/pull', { cursor: 0 }, 'not-a-token-at-all-0123456789')).status).toBe(401);
    expect(await counts()).toEqual(before);
    const round = await a.sync();
    expect(round.error?.key).toBe('sync.error.unauthorized');

    // Expired: a server whose tokens live one day, with its clock moved on two.
    const short = await startCentral(name, { tokenTtlDays: 1 });
    try {
      const { tenantId: t } = await short.admin<{ tenantId: string }>('POST', '/gps', { ...GP, admin: { name: 'X Y', mobile: '9812345670', password: 'abc12!x' } });
      const { code } = await short.admin<{ code: string }>('POST', `/gps/${t}/enrolment-codes`, {});
      const enrolled = await fetch(`${short.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'pc' }) });
      const { token: t2 } = (await enrolled.json()) as { token: string };
      const again = await fetch(`${short.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'pc' }) });
      expect(again.status).toBe(401); // single use
      const ok = await fetch(`${short.url}/v1/sync/pull`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t2}` }, body: '{}' });
      expect(ok.status).toBe(200);
      short.clock.offsetMs = 2 * 86_400_000;
      const late = await fetch(`${short.url}/v1/sync/pull`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t2}` }, body: '{}' });
      expect(late.status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it.skipIf(skip)("a desktop with its own GP cannot enrol with another GP's code; the code stays usable", async () => {
    const c = await openDesktop();
    try {
      await c.call('setup.createGramPanchayat', { tenant: { ...GP, code: 'pb.kotla', name: 'Kotla' }, admin: { name: 'Other Admin', mobile: '9812345678', password: 'abc12!x' } });
      const { token: tc } = await c.call<{ token: string }>('auth.signIn', { mobile: '9812345678', password: 'abc12!x' });
      const { code } = await central.admin<{ code: string }>('POST', `/gps/${tenantId}/enrolment-codes`, {});
      const err = await c.callErr('sync.enrol', { serverUrl: central.url, code }, tc);
      expect(err.fields?.['code']?.key).toBe('sync.enrol.otherGramPanchayat');
      const used = await fetch(`${central.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'pc' }) });
      expect(used.status).toBe(200);
      const wrong = await c.callErr('sync.enrol', { serverUrl: central.url, code: 'AAAA-AAAA' }, tc);
      expect(wrong.fields?.['code']?.key).toBe('sync.enrol.badCode');
      const notServer = await c.callErr('sync.enrol', { serverUrl: `${central.url}/health`, code: 'AAAA-AAAA' }, tc);
      expect(notServer.fields?.['serverUrl']?.key).toBe('sync.error.notAServer');
    } finally {
      await c.close();
    }
  });

  it.skipIf(skip)('the admin API needs its own token', async () => {
    const res = await fetch(`${central.url}/v1/admin/gps`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    const list = await central.admin<{ gps: { id: string; devices: unknown[] }[] }>('GET', '/gps');
    expect(list.gps.find((g) => g.id === tenantId)!.devices).toHaveLength(2);
  });
});

describe('an unreachable or wrong server', () => {
  it('enrolment says so in plain words; rounds fail softly, back off, and lose nothing', async () => {
    const d = await openDesktop();
    try {
      await d.call('setup.createGramPanchayat', { tenant: GP, admin: { name: 'Ram Singh', mobile: '9876543210', password: 'abc12!x' } });
      const { token } = await d.call<{ token: string }>('auth.signIn', { mobile: '9876543210', password: 'abc12!x' });
      const dead = await d.callErr('sync.enrol', { serverUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH' }, token);
      expect(dead.fields?.['serverUrl']?.key).toBe('sync.error.unreachable');
      const badUrl = await d.callErr('sync.enrol', { serverUrl: 'ftp://x', code: 'ABCD-EFGH' }, token);
      expect(badUrl.fields?.['serverUrl']?.key).toBe('sync.enrol.badUrl');
      const clerk = await d.callErr('sync.enrol', { serverUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH' });
      expect(clerk.code).toBe('UNAUTHENTICATED');

      // Enrolled once, then the server goes away: pretend by pointing the state at a dead port.
      const tenant = await d.core.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
      await d.core.db
        .insertInto('sync_state')
        .values({ id: 1, server_url: 'http://127.0.0.1:9', device_token: 'x'.repeat(43), server_device_id: newId(), tenant_id: tenant.id, pull_cursor: 0, enrolled_at: new Date().toISOString(), last_success_at: null, last_attempt_at: null, last_error_key: null, last_error_detail: null, clock_drift_ms: null, max_remote_hlc: null })
        .execute();
      const pendingBefore = (await d.call<{ pendingChanges: number }>('sync.status', {}, token)).pendingChanges;
      expect(pendingBefore).toBeGreaterThan(0);
      const round = await d.sync();
      expect(round.error?.key).toBe('sync.error.unreachable');
      const status = await d.call<{ pendingChanges: number; lastError: { message: string }; online: boolean | null }>('sync.status', {}, token);
      expect(status.pendingChanges).toBe(pendingBefore);
      expect(status.lastError.message).toMatch(/cannot be reached/);
      const hi = await d.core.call('sync.status', {}, { token, lang: 'hi' });
      expect(JSON.stringify(hi)).toMatch(/सर्वर/);

      // Back-off: with a 20 ms interval, the gaps between attempts grow.
      const times: number[] = [];
      const failing: typeof fetch = async () => {
        times.push(Date.now());
        throw new TypeError('fetch failed');
      };
      const { SyncClient } = await import('@mgramseva/core/node');
      const client = new SyncClient(newId(), { db: d.core.db, clock: d.core.hlc, fetch: failing, intervalMs: 20, firstDelayMs: 0 });
      await client.start();
      await new Promise((r) => setTimeout(r, 900));
      await client.stop();
      expect(times.length).toBeGreaterThanOrEqual(3);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(gaps[gaps.length - 1]!).toBeGreaterThan(gaps[0]!);
      expect((await d.call<{ pendingChanges: number }>('sync.status', {}, token)).pendingChanges).toBe(pendingBefore);
    } finally {
      await d.close();
    }
  });
});
