import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { appendOnly, mergeFields } from './merge.js';
import { applyPage } from './apply.js';
import { SyncClient } from './client.js';
import { formatHlc } from './hlc.js';
import { newId } from './ids.js';
import type { PulledChange } from './protocol.js';

const stamp = (millis: number, node = 'dev-a', counter = 0) => formatHlc({ millis, counter, node });

describe('merge rules', () => {
  it('editable: each field takes the later stamp; the device id breaks a tie', () => {
    const clocks = { name: stamp(100), block: stamp(300) };
    const m = mergeFields(clocks, { id: 'x', name: 'new', block: 'old', state: 'first', updated_at: stamp(200) }, stamp(200));
    expect(m.winners).toEqual({ name: 'new', state: 'first' });
    expect(m.clocks).toEqual({ name: stamp(200), block: stamp(300), state: stamp(200) });
    expect(mergeFields({ name: stamp(5, 'dev-a') }, { name: 'b' }, stamp(5, 'dev-b')).winners).toEqual({ name: 'b' });
    expect(mergeFields({ name: stamp(5, 'dev-b') }, { name: 'a' }, stamp(5, 'dev-a')).winners).toEqual({});
  });

  it('append-only: insert once; identical repeat; different content is a conflict', () => {
    expect(appendOnly(undefined, { id: '1', amount_paise: 100 })).toBe('insert');
    expect(appendOnly({ id: '1', amount_paise: 100, updated_at: 'a' }, { id: '1', amount_paise: 100, updated_at: 'b' })).toBe('repeat');
    expect(appendOnly({ id: '1', amount_paise: 100 }, { id: '1', amount_paise: 900 })).toBe('conflict');
  });
});

describe('device side', () => {
  let t: TestCore;
  let tenantId: string;
  let token: string;
  beforeEach(async () => {
    t = await openTestCore();
    ({ tenantId, token } = await t.setupAdmin());
  });
  afterEach(() => t.close());

  it('a desktop that never enrols stays idle and offline-capable', async () => {
    let calls = 0;
    const client = new SyncClient(t.core.device.id, { db: t.core.db, clock: t.core.hlc, fetch: async () => { calls++; throw new Error('no'); } });
    const round = await client.syncNow();
    expect(round).toEqual({ enrolled: false, pushed: 0, pulled: 0, rejected: 0 });
    expect(calls).toBe(0);
    const status = await t.ok('sync.status', {}, token);
    expect(status).toMatchObject({ enrolled: false, tenantId, lastError: null });
    expect(status.pendingChanges).toBeGreaterThan(0);
  });

  it('local writes keep per-field clocks beside the outbox', async () => {
    await t.ok('profile.setLanguage', { language: 'hi' }, token);
    const user = await t.core.db.selectFrom('users').select(['id']).executeTakeFirstOrThrow();
    const fc = await t.core.db.selectFrom('field_clocks').select('clocks').where('row_id', '=', user.id).executeTakeFirstOrThrow();
    const clocks = JSON.parse(fc.clocks) as Record<string, string>;
    expect(clocks['language']! > clocks['name']!).toBe(true);
    expect(clocks).not.toHaveProperty('failed_attempts');
  });

  it('a pulled page applies in one transaction with the cursor, never re-enters the outbox, and is idempotent', async () => {
    await t.core.db.insertInto('sync_state').values({ id: 1, server_url: 'http://x', device_token: 't', server_device_id: 'd', tenant_id: tenantId, pull_cursor: 0, enrolled_at: 'now', last_success_at: null, last_attempt_at: null, last_error_key: null, last_error_detail: null, clock_drift_ms: null, max_remote_hlc: null }).execute();
    const outboxBefore = (await t.core.db.selectFrom('outbox').select('seq').execute()).length;
    const far = Date.parse('2030-01-01T00:00:00Z');
    const auditId = newId();
    const page: PulledChange[] = [
      { seq: 1, table: 'tenants', rowId: tenantId, op: 'update' as const, data: { id: tenantId, name: 'Renamed', updated_at: stamp(far, 'other') }, hlc: stamp(far, 'other'), deviceId: 'other' },
      { seq: 2, table: 'no_such_table', rowId: 'x', op: 'insert' as const, data: { id: 'x' }, hlc: stamp(far, 'other', 1), deviceId: 'other' },
      { seq: 3, table: 'audit_log', rowId: auditId, op: 'insert' as const, data: { id: auditId, tenant_id: tenantId, at: 'a', user_id: null, action: 'remote', entity: 'e', entity_id: 'x', changes: '{}', updated_at: stamp(far, 'other', 2) }, hlc: stamp(far, 'other', 2), deviceId: 'other' },
    ];
    expect(await applyPage(t.core.db, t.core.hlc, page, 3, 'now')).toEqual({ applied: 2, skipped: 1 });
    expect(await applyPage(t.core.db, t.core.hlc, page, 3, 'now')).toEqual({ applied: 0, skipped: 1 });
    const tenant = await t.core.db.selectFrom('tenants').selectAll().executeTakeFirstOrThrow();
    expect(tenant.name).toBe('Renamed');
    expect(tenant.district).toBe('Rupnagar');
    expect((await t.core.db.selectFrom('outbox').select('seq').execute()).length).toBe(outboxBefore);
    expect((await t.core.db.selectFrom('sync_state').select('pull_cursor').executeTakeFirstOrThrow()).pull_cursor).toBe(3);
    expect((await t.core.db.selectFrom('sync_rejects').selectAll().execute())[0]).toMatchObject({ direction: 'pull', table_name: 'no_such_table' });
    const rejects = await t.ok('sync.rejects', { limit: 10 }, token);
    expect(rejects).toHaveLength(2); // once per attempt
    expect(rejects[0]).toMatchObject({ direction: 'pull', table: 'no_such_table' });
    // The local clock now runs after what it received: a local edit afterwards wins.
    expect(t.core.hlc.now() > stamp(far, 'other', 2)).toBe(true);
  });
});

describe('sync messages', () => {
  it('exist in English, Hindi and Punjabi with the same keys', async () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    const [en, hi, pa] = await Promise.all(['en', 'hi', 'pa'].map(async (l) => (await import(`../../../resources/locales/${l}/sync.json`)).default as object));
    expect(keys(hi!).sort()).toEqual(keys(en!).sort());
    expect(keys(pa!).sort()).toEqual(keys(en!).sort());
  });
});
