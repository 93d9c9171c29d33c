import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import type { UpdateInput } from './contract.js';
import { countRows, editOf, meteredInput, nonMeteredInput } from './testkit.js';

let t: TestCore;
let token: string;
beforeEach(async () => {
  t = await openTestCore('2023-12-15T06:30:00.000Z');
  ({ token } = await t.setupAdmin());
});
afterEach(async () => t.close());

async function addRegularDemand(connectionId: string, tenantId: string) {
  await t.core.db
    .insertInto('demands')
    .values({
      id: crypto.randomUUID(), tenant_id: tenantId, connection_id: connectionId, consumer_type: 'waterConnection',
      period_from: '2023-12-01', period_to: '2023-12-31', revision: 0, created_at: t.clock.now.toISOString(), created_by: 'x', updated_at: t.core.hlc.now(),
    })
    .execute();
}

describe('edit consumer (SPEC §2.7)', () => {
  it('pre-filled values round-trip with no change → nothing written', async () => {
    const { connectionId } = await t.ok('consumers.create', nonMeteredInput({ arrears: 300, penalty: 20 }), token);
    const d = await t.ok('consumers.get', { connectionId }, token);
    const before = await countRows(t);
    const r = await t.ok('consumers.update', editOf(d), token);
    expect(r.changed).toEqual([]);
    expect(await countRows(t)).toEqual(before);
  });

  it('every change is audited old → new, visible on the detail; the old and new mobile both find the household', async () => {
    const { connectionId } = await t.ok('consumers.create', nonMeteredInput(), token);
    const d = await t.ok('consumers.get', { connectionId }, token);
    t.clock.advanceMinutes(5);
    const r = await t.ok('consumers.update', editOf(d, { name: 'Gurpreet  Singh Sandhu', mobile: '9812345678', street: 'Bazaar Road' }), token);
    expect(r.changed.sort()).toEqual(['mobile', 'name', 'street']);
    const after = await t.ok('consumers.get', { connectionId }, token);
    expect(after.name).toBe('Gurpreet Singh Sandhu');
    expect(after.previousMobiles).toEqual(['9876512345']);
    expect(after.audit[0]).toMatchObject({
      action: 'update',
      userName: 'Ram Singh',
      changes: { name: ['Gurpreet Singh', 'Gurpreet Singh Sandhu'], mobile: ['9876512345', '9812345678'], street: ['Gurdwara Road', 'Bazaar Road'] },
    });
    expect(after.audit[1]?.action).toBe('create');
    for (const mobile of ['9876512345', '9812345678']) {
      const found = await t.ok('consumers.search', { mobile }, token);
      expect(found.results.map((x) => x.connectionId)).toEqual([connectionId]);
    }
  });

  it('before the first demand: changing arrears reverses the opening demand and writes a new one', async () => {
    const { connectionId } = await t.ok('consumers.create', nonMeteredInput({ arrears: 300, penalty: 20 }), token);
    const d = await t.ok('consumers.get', { connectionId }, token);
    await t.ok('consumers.update', editOf(d, { arrears: 500, lastBilledCycle: '2023-10' }), token);
    const after = await t.ok('consumers.get', { connectionId }, token);
    expect(after.demands.map((x) => [x.cancelled, x.periodTo, x.lines.map((l) => `${l.taxHead}=${l.amountPaise}`).join(',')])).toEqual([
      [false, '2023-10-31', '10102=50000,10201=2000'],
      [true, '2023-11-30', '10102=30000,10201=2000'],
    ]);
    expect(after.historyLocked).toBe(false);
  });

  it('after the first demand: old connection ID, previous reading (date) and arrears are locked; name stays editable', async () => {
    const { tenantId } = { tenantId: (await t.core.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id };
    const { connectionId } = await t.ok('consumers.create', meteredInput({ arrears: 100 }), token);
    await addRegularDemand(connectionId, tenantId);
    const d = await t.ok('consumers.get', { connectionId }, token);
    expect(d.historyLocked).toBe(true);
    const before = await countRows(t);
    const cases: [Partial<UpdateInput>, string, string][] = [
      [{ oldConnectionId: 'NEW-1' }, 'oldConnectionId', 'consumers:errors.lockedOldConnectionId'],
      [{ previousReadingDate: '2023-09-01' }, 'previousReadingDate', 'consumers:errors.lockedPreviousReading'],
      [{ previousReading: 5 }, 'previousReading', 'consumers:errors.lockedPreviousReading'],
      [{ arrears: 200 }, 'arrears', 'consumers:errors.lockedArrears'],
    ];
    for (const [patch, field, key] of cases) {
      const e = await t.err('consumers.update', editOf(d, patch), token);
      expect(e.fields?.[field]?.key).toBe(key);
    }
    expect(await countRows(t)).toEqual(before);
    await t.ok('consumers.update', editOf(d, { name: 'Harjeet Kaur Gill', meterNumber: 'MTR999', propertyType: 'COMMERCIAL' }), token);
  });

  it('the service type is read-only', async () => {
    const { connectionId } = await t.ok('consumers.create', nonMeteredInput(), token);
    const d = await t.ok('consumers.get', { connectionId }, token);
    const e = await t.err('consumers.update', editOf(d, { serviceType: 'Metered', meterNumber: 'M1', previousReadingDate: '2023-10-01' }), token);
    expect(e.fields?.['serviceType']?.key).toBe('consumers:errors.serviceTypeReadOnly');
  });

  it('deactivate needs remarks (letters/spaces ≤ 40); reactivate too; both audited', async () => {
    const { connectionId } = await t.ok('consumers.create', nonMeteredInput(), token);
    const d = await t.ok('consumers.get', { connectionId }, token);
    expect((await t.err('consumers.update', editOf(d, { active: false }), token)).fields?.['remarks']?.key).toBe('consumers:validation.remarksRequired');
    expect((await t.err('consumers.update', editOf(d, { active: false, remarks: 'house 12 demolished' }), token)).fields?.['remarks']?.key).toBe(
      'consumers:validation.remarksLetters',
    );
    expect((await t.err('consumers.update', editOf(d, { active: false, remarks: 'a'.repeat(41) }), token)).fields?.['remarks']?.key).toBe('validation.tooLong');
    await t.ok('consumers.update', editOf(d, { active: false, remarks: 'House demolished' }), token);
    let now = await t.ok('consumers.get', { connectionId }, token);
    expect(now.status).toBe('Inactive');
    expect(now.statusRemarks).toBe('House demolished');
    expect(now.audit[0]).toMatchObject({ action: 'deactivate', changes: { status: ['Active', 'Inactive'], remarks: 'House demolished' } });
    await t.ok('consumers.update', editOf(now, { active: true, remarks: 'Family returned' }), token);
    now = await t.ok('consumers.get', { connectionId }, token);
    expect(now.status).toBe('Active');
    expect(now.audit[0]?.action).toBe('reactivate');
  });

  it('changing the old connection ID to one already used → CONFLICT', async () => {
    await t.ok('consumers.create', meteredInput({ oldConnectionId: 'X-1' }), token);
    const { connectionId } = await t.ok('consumers.create', nonMeteredInput({ oldConnectionId: 'X-2' }), token);
    const d = await t.ok('consumers.get', { connectionId }, token);
    const e = await t.err('consumers.update', editOf(d, { oldConnectionId: 'x-1' }), token);
    expect(e.code).toBe('CONFLICT');
    expect(e.fields?.['oldConnectionId']?.key).toBe('consumers:errors.duplicateOldConnectionId');
  });

  it('duplicates made on two desktops are listed for the GP admin, never merged', async () => {
    const a = await t.ok('consumers.create', meteredInput({ oldConnectionId: 'D-1' }), token);
    const b = await t.ok('consumers.create', nonMeteredInput({ oldConnectionId: 'D-2' }), token);
    // The second desktop's row arrives by sync with the same old ID (no unique index refuses it).
    await t.core.db.updateTable('connections').set({ old_connection_no: 'd-1' }).where('id', '=', b.connectionId).execute();
    const dups = await t.ok('consumers.duplicates', {}, token);
    expect(dups).toHaveLength(1);
    expect(dups[0]?.connections.map((c) => c.connectionId).sort()).toEqual([a.connectionId, b.connectionId].sort());
  });

  it('a renamed consumer is found by the new name, also misspelled; master list changes are audited', async () => {
    const { connectionId } = await t.ok('consumers.create', nonMeteredInput({ name: 'Paramjit Singh' }), token);
    const d = await t.ok('consumers.get', { connectionId }, token);
    expect((await t.ok('consumers.search', { name: 'paramjt' }, token)).results).toHaveLength(1);
    await t.ok('consumers.update', editOf(d, { name: 'Navjot Singh' }), token);
    expect((await t.ok('consumers.search', { name: 'navjoth' }, token)).results.map((r) => r.name)).toEqual(['Navjot Singh']);
    expect((await t.ok('consumers.search', { name: 'paramjit' }, token)).results).toHaveLength(0);

    await t.ok('masterdata.update', { list: 'propertyTypes', items: [{ code: 'RESIDENTIAL' }, { code: 'COMMERCIAL' }, { code: 'DAIRY' }] }, token);
    const lists = await t.ok('masterdata.get', {}, token);
    expect(lists.propertyTypes.map((p) => p.code)).toEqual(['RESIDENTIAL', 'COMMERCIAL', 'DAIRY']);
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'updateMasters').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.changes).propertyTypes[1]).toEqual([{ code: 'RESIDENTIAL' }, { code: 'COMMERCIAL' }, { code: 'DAIRY' }]);
    await t.ok('consumers.create', meteredInput({ oldConnectionId: 'DAIRY-1', propertyType: 'DAIRY' }), token);
    expect((await t.err('consumers.create', meteredInput({ oldConnectionId: 'MIX-1', propertyType: 'MIXED' }), token)).fields?.['propertyType']?.key).toBe(
      'consumers:validation.unknownPropertyType',
    );
    expect((await t.err('masterdata.update', { list: 'categories', items: [{ code: 'apl' }] }, token)).fields?.['items.0.code']?.key).toBe('consumers:validation.masterCode');
  });
});
