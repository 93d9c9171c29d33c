import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { applyPage } from '../sync/apply.js';
import type { PulledChange } from '../sync/protocol.js';
import { meteredInput, nonMeteredInput } from './testkit.js';

// Two desktops of one GP, offline, both give old connection ID "D-1" to a new household. When
// the second desktop's rows arrive by sync, both connections exist, both are searchable, and the
// GP admin sees the pair in consumers.duplicates — nothing is merged or dropped.
let a: TestCore;
let b: TestCore;
beforeEach(async () => {
  a = await openTestCore('2023-12-15T06:30:00.000Z');
  b = await openTestCore('2023-12-15T06:30:00.000Z');
});
afterEach(async () => {
  await a.close();
  await b.close();
});

it('the same old connection ID made offline on two desktops syncs, and is listed for the GP admin', async () => {
  const { token: tokenA, tenantId } = await a.setupAdmin();
  const { token: tokenB, tenantId: tenantB } = await b.setupAdmin();
  const mine = await a.ok('consumers.create', meteredInput({ oldConnectionId: 'D-1' }), tokenA);
  const theirs = await b.ok('consumers.create', nonMeteredInput({ name: 'Baljit Kaur Sidhu', oldConnectionId: 'd-1', arrears: 300 }), tokenB);
  expect(mine.connectionNo).not.toBe(theirs.connectionNo);

  // Desktop B's outbox, as the server would hand it to desktop A (same GP).
  const outbox = await b.core.db
    .selectFrom('outbox')
    .selectAll()
    .where('table_name', 'in', ['consumers', 'consumer_mobiles', 'connections', 'demands', 'demand_lines'])
    .orderBy('seq')
    .execute();
  const page: PulledChange[] = outbox.map((o, i) => {
    const data = JSON.parse(o.data.split(tenantB).join(tenantId)) as Record<string, string | number | null>;
    return { seq: i + 1, table: o.table_name, rowId: o.row_id, op: o.op, data, hlc: o.hlc, deviceId: b.core.device.id };
  });
  await a.core.db
    .insertInto('sync_state')
    .values({ id: 1, server_url: 'http://x', device_token: 't', server_device_id: 'd', tenant_id: tenantId, pull_cursor: 0, enrolled_at: 'now', last_success_at: null, last_attempt_at: null, last_error_key: null, last_error_detail: null, clock_drift_ms: null, max_remote_hlc: null })
    .execute();
  const applied = await applyPage(a.core.db, a.core.hlc, page, page.length, 'now');
  expect(applied.applied).toBe(page.length);

  const both = await a.ok('consumers.search', { oldConnectionId: 'D-1' }, tokenA);
  expect(both.results.map((r) => r.connectionId).sort()).toEqual([mine.connectionId, theirs.connectionId].sort());
  expect((await a.ok('consumers.search', { name: 'baljit sidh' }, tokenA)).results.map((r) => r.connectionNo)).toEqual([theirs.connectionNo]);
  const dups = await a.ok('consumers.duplicates', {}, tokenA);
  expect(dups).toHaveLength(1);
  expect(dups[0]!.connections).toHaveLength(2);
  // The synced opening demand came along, unchanged.
  const detail = await a.ok('consumers.get', { connectionId: theirs.connectionId }, tokenA);
  expect(detail.demands[0]?.lines).toEqual([{ taxHead: '10102', amountPaise: 30000 }]);
  // The GP admin resolves it by giving one of them its right old ID.
  const d = await a.ok('consumers.get', { connectionId: mine.connectionId }, tokenA);
  await a.ok(
    'consumers.update',
    {
      connectionId: d.connectionId, name: d.name, gender: d.gender, fatherName: d.fatherName, mobile: d.mobile, oldConnectionId: 'D-2',
      propertyType: d.propertyType, serviceType: d.serviceType, meterNumber: d.meterNumber ?? undefined, previousReadingDate: d.previousReadingDate,
      previousReading: d.previousReading ?? 0, paymentType: d.paymentType, arrears: d.arrears, penalty: d.penalty, advance: d.advance,
      doorNo: d.doorNo ?? undefined, street: d.street ?? undefined, category: d.category ?? undefined, subCategory: d.subCategory ?? undefined, ward: d.ward, active: true,
    },
    tokenA,
  );
  expect(await a.ok('consumers.duplicates', {}, tokenA)).toEqual([]);
});
