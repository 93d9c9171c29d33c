import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, GP_ADMIN, serverRows, startCentral, twoDesktops, type Central, type Desktop } from './testing.js';

/** Rows the devices must agree on: every replicated table, replicated columns only. */
async function expectConverged(central: Central, tenantId: string, ...desktops: Desktop[]) {
  const [first, ...rest] = await Promise.all(desktops.map((d) => d.snapshot()));
  for (const other of rest) expect(other).toEqual(first);
  const server = await serverRows(central, tenantId);
  for (const [table, rows] of Object.entries(first!)) {
    const onServer = server[table] ?? [];
    expect(rows.length, `${table} count`).toBe(onServer.length);
    rows.forEach((row, i) => {
      for (const [k, v] of Object.entries(onServer[i]!)) expect(row[k], `${table}.${k}`).toEqual(v);
    });
  }
}

describe.each(ENGINES)('two desktops and the central server on $name', ({ name, skip }) => {
  let central: Central;
  let a: Desktop;
  let b: Desktop;
  let tenantId: string;

  beforeEach(async () => {
    if (skip) return;
    central = await startCentral(name);
    ({ a, b, tenantId } = await twoDesktops(central));
  });
  afterEach(async () => {
    if (skip) return;
    await a.close();
    await b.close();
    await central.close();
  });

  it.skipIf(skip)('a fresh desktop receives the GP and its administrator, and can sign in', async () => {
    expect((await a.sync()).error).toBeUndefined();
    const round = await b.sync();
    expect(round.error).toBeUndefined();
    const { token } = await b.call<{ token: string }>('auth.signIn', { mobile: GP_ADMIN.mobile, password: GP_ADMIN.password });
    const status = await b.call<{ enrolled: boolean; pendingChanges: number; lastError: unknown; tenantId: string }>('sync.status', {}, token);
    expect(status).toMatchObject({ enrolled: true, lastError: null, tenantId });
    await b.sync();
    await a.sync();
    await expectConverged(central, tenantId, a, b);
  });

  it.skipIf(skip)('offline edits of one row merge field by field; the same field: the later stamp wins', async () => {
    await a.sync();
    await b.sync();
    // Both offline. A edits name and district; B, a minute later, edits name and block.
    await a.write(tenantId, (w) => w.update('tenants', tenantId, { name: 'Lodhipur A', district: 'District A' }));
    b.clock.advance(60_000);
    await b.write(tenantId, (w) => w.update('tenants', tenantId, { name: 'Lodhipur B', block: 'Block B' }));
    // B syncs first, then A (A's older name must lose on the server too).
    await b.sync();
    await a.sync();
    await b.sync();
    await expectConverged(central, tenantId, a, b);
    const tenant = (await a.snapshot())['tenants']![0]!;
    expect(tenant).toMatchObject({ name: 'Lodhipur B', district: 'District A', block: 'Block B' });
  });

  it.skipIf(skip)('append-only rows arrive exactly once, whatever the replays', async () => {
    await a.sync();
    await b.sync();
    const ids: string[] = [];
    for (const d of [a, b, a]) {
      const id = d.core.clock.now().length ? crypto.randomUUID() : '';
      ids.push(id);
      await d.write(tenantId, (w) =>
        w.insert('audit_log', { id, tenant_id: tenantId, at: d.clock.now.toISOString(), user_id: null, action: 'test', entity: 'x', entity_id: id, changes: '{}' }),
      );
    }
    // Replay: mark A's outbox unpushed again and push it all a second time.
    await a.sync();
    await a.core.db.updateTable('outbox').set({ pushed_at: null }).execute();
    await a.sync();
    await b.sync();
    await a.sync();
    await expectConverged(central, tenantId, a, b);
    for (const id of ids) {
      const onServer = await central.db.selectFrom('change_log').select('seq').where('row_id', '=', id).execute();
      expect(onServer).toHaveLength(1);
    }
  });
});
