import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';
import type { ConsumerInput } from '../consumers/contract.js';
import { DEFAULT_TARIFF } from './tariffs.js';

/** Integration tests of SPEC §2.8, §2.9, §4, E1–E5, E10 through the dispatcher on a real SQLite file. */

let n = 0;
function consumer(over: Partial<ConsumerInput> = {}): ConsumerInput {
  n++;
  return {
    name: 'Gurdev Singh',
    gender: 'MALE',
    fatherName: 'Bachan Singh',
    mobile: `98${String(10_000_000 + n).padStart(8, '0')}`,
    oldConnectionId: `OLD${n}`,
    propertyType: 'RESIDENTIAL',
    serviceType: 'Non_Metered',
    paymentType: 'arrears',
    ...over,
  };
}

/** Move the clock (days or months on) and sign in again: the old session has idled out. */
async function at(t: TestCore, iso: string): Promise<string> {
  t.clock.set(iso);
  return (await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).token;
}

async function count(t: TestCore, table: 'demands' | 'demand_lines' | 'meter_readings' | 'bills' | 'sms_outbox' | 'tariff_versions') {
  const r = await t.core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('bulk demand for non-metered connections (SPEC §2.9, E3)', () => {
  let t: TestCore;
  let token: string;
  beforeEach(async () => {
    // 10 January 2024: December 2023 is the last billed cycle on creation.
    t = await openTestCore('2024-01-10T06:30:00.000Z');
    ({ token } = await t.setupAdmin());
  });
  afterEach(() => t.close());

  it('E3: the village tariff (₹50 flat) bills January once; a re-run is refused; February before January is refused', async () => {
    await t.ok('billing.tariffs.update', { effectiveFrom: '2024-01', tariff: { ...DEFAULT_TARIFF, rows: DEFAULT_TARIFF.rows.map((r) => (r.connectionType === 'Non_Metered' ? { ...r, minimumChargePaise: 5000 } : r)) } }, token);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await t.ok('consumers.create', consumer({ lastBilledCycle: '2023-12' }), token)).connectionId);
    const input = consumer({ lastBilledCycle: '2023-12' });
    const inactive = (await t.ok('consumers.create', input, token)).connectionId;
    await t.ok('consumers.update', { ...input, connectionId: inactive, active: false, remarks: 'house locked' }, token);

    token = await at(t, '2024-02-15T06:30:00.000Z');
    // February is the current month.
    const current = await t.err('billing.generateBulkDemand', { financialYear: '2023-24', month: '2024-02' }, token);
    expect(current.key).toBe('billing.invalidBillingCycle');
    expect(current.message).toContain('INVALID_BILLING_CYCLE');

    const preview = await t.ok('billing.bulkDemandPreview', { financialYear: '2023-24', month: '2024-01' }, token);
    expect(preview).toMatchObject({ toGenerate: 3, alreadyBilled: 0, inactive: 1, totalPaise: 15000, periodFrom: '2024-01-01', periodTo: '2024-01-31' });
    expect(preview.rates).toContainEqual({ propertyType: 'RESIDENTIAL', monthlyChargePaise: 5000 });

    const r = await t.ok('billing.generateBulkDemand', { financialYear: '2023-24', month: '2024-01' }, token);
    expect(r.generated).toBe(3);
    const demands = await t.core.db.selectFrom('demands').selectAll().where('consumer_type', '=', 'waterConnection').execute();
    expect(demands).toHaveLength(3);
    for (const d of demands) expect([d.period_from, d.period_to]).toEqual(['2024-01-01', '2024-01-31']);
    const lines = await t.core.db.selectFrom('demand_lines').selectAll().where('demand_id', 'in', demands.map((d) => d.id)).execute();
    expect(lines.map((l) => [l.tax_head, l.amount_paise])).toEqual([['10101', 5000], ['10101', 5000], ['10101', 5000]]);
    expect(await count(t, 'bills')).toBe(3);
    expect(await count(t, 'sms_outbox')).toBe(3);
    const notes = await t.core.db.selectFrom('notifications').selectAll().where('code', 'like', 'billing.%').execute();
    expect(notes).toHaveLength(1);

    // Running January again: all billed → NO_CONNECTIONS_TO_GENERATE_DEMANDS with the counts, nothing stored.
    const again = await t.err('billing.generateBulkDemand', { financialYear: '2023-24', month: '2024-01' }, token);
    expect(again.key).toBe('billing.noConnectionsToGenerateDemands');
    expect(again.message).toContain('3 already have demands');
    expect(await count(t, 'demands')).toBe(3);

    // March while February is unbilled.
    token = await at(t, '2024-04-02T06:30:00.000Z');
    const seq = await t.err('billing.generateBulkDemand', { financialYear: '2023-24', month: '2024-03' }, token);
    expect(seq.key).toBe('billing.noDemandPreviousBillingCycle');
    expect(await count(t, 'demands')).toBe(3);
    expect((await t.ok('billing.currentBill', { connectionId: ids[0]! }, token)).netDuePaise).toBe(5000);
  });

  it('state template: RESIDENTIAL 250, COMMERCIAL 550; a connection whose last billed cycle is the previous month is billed', async () => {
    const a = (await t.ok('consumers.create', consumer({ lastBilledCycle: '2023-12' }), token)).connectionId;
    const b = (await t.ok('consumers.create', consumer({ lastBilledCycle: '2023-12', propertyType: 'COMMERCIAL' }), token)).connectionId;
    token = await at(t, '2024-02-03T06:30:00.000Z');
    const r = await t.ok('billing.generateBulkDemand', { financialYear: '2023-24', month: '2024-01' }, token);
    expect(r.totalPaise).toBe(25000 + 55000);
    expect((await t.ok('billing.currentBill', { connectionId: a }, token)).currentChargePaise).toBe(25000);
    expect((await t.ok('billing.currentBill', { connectionId: b }, token)).currentChargePaise).toBe(55000);
  });

  it('a month of another financial year, or by a role without bulk demand, is refused', async () => {
    token = await at(t, '2024-02-03T06:30:00.000Z');
    expect((await t.err('billing.generateBulkDemand', { financialYear: '2024-25', month: '2024-01' }, token)).key).toBe('billing.cycleNotInYear');
    const collector = await t.addUser(['COLLECTION_OPERATOR']);
    expect((await t.err('billing.generateBulkDemand', { financialYear: '2023-24', month: '2024-01' }, collector.token)).code).toBe('FORBIDDEN');
  });

  it('E4: opening arrears 300 + penalty 20 show as arrears and penalty, net due 320, before any bill', async () => {
    const id = (await t.ok('consumers.create', consumer({ lastBilledCycle: '2023-12', arrears: 300, penalty: 20 }), token)).connectionId;
    const bill = await t.ok('billing.currentBill', { connectionId: id }, token);
    expect(bill).toMatchObject({ hasBill: false, arrearsPaise: 30000, penaltyPaise: 2000, netDuePaise: 32000, balancePaise: 32000 });
    expect(bill.arrears[0]).toMatchObject({ consumerType: 'waterConnection-arrears', periodFrom: '2023-04-01', periodTo: '2023-12-31' });
  });

  it('nothing to bill at all → NO_CONNECTIONS_TO_GENERATE_DEMANDS', async () => {
    token = await at(t, '2024-02-03T06:30:00.000Z');
    const e = await t.err('billing.generateBulkDemand', { financialYear: '2023-24', month: '2024-01' }, token);
    expect(e.key).toBe('billing.noConnectionsToGenerateDemands');
  });

  it('advance held is adjusted against the next demand (§4.6): net due 0, "advance adjusted" 50', async () => {
    await t.ok('billing.tariffs.update', { effectiveFrom: '2024-01', tariff: { ...DEFAULT_TARIFF, rows: DEFAULT_TARIFF.rows.map((r) => (r.connectionType === 'Non_Metered' ? { ...r, minimumChargePaise: 5000 } : r)) } }, token);
    const id = (await t.ok('consumers.create', consumer({ lastBilledCycle: '2023-12', paymentType: 'advance', advance: 80 }), token)).connectionId;
    token = await at(t, '2024-02-03T06:30:00.000Z');
    await t.ok('billing.generateBulkDemand', { financialYear: '2023-24', month: '2024-01' }, token);
    const bill = await t.ok('billing.currentBill', { connectionId: id }, token);
    expect(bill).toMatchObject({ currentChargePaise: 5000, advanceAvailablePaise: 8000, advanceAdjustedPaise: 5000, advanceRemainingPaise: 3000, netDuePaise: 0, balancePaise: -3000 });
  });
});

describe('metered bill (SPEC §2.8, §4.4, E1, E2, E10)', () => {
  let t: TestCore;
  let token: string;
  let id: string;
  beforeEach(async () => {
    t = await openTestCore('2026-11-25T06:30:00.000Z');
    ({ token } = await t.setupAdmin());
    id = (await t.ok('consumers.create', consumer({ serviceType: 'Metered', meterNumber: 'M1001', previousReadingDate: '2026-09-01', previousReading: 100 }), token)).connectionId;
  });
  afterEach(() => t.close());

  it.each([
    [110, 12000, 0],
    [115, 13250, 50],
    [120, 14500, 0],
    [125, 18500, 0],
    [145, 42000, 0],
  ])('E1: 00100 → %i bills 10101 = %i paise with round-off %i', async (reading, charge, roundOff) => {
    const r = await t.ok('billing.generateMeteredBill', { connectionId: id, reading, readingDate: '2026-11-20', meterStatus: 'Working' }, token);
    expect(r.chargePaise).toBe(charge);
    expect(r.roundOffPaise).toBe(roundOff);
    expect(r.totalPaise % 100).toBe(0);
    expect(r.billNo).toMatch(/^BILLNO-WS-[0-9A-F]{4}-\d{5}$/);
    const lines = await t.core.db.selectFrom('demand_lines').select(['tax_head', 'amount_paise']).where('demand_id', '=', r.demandId).execute();
    expect(lines).toEqual(roundOff ? [{ tax_head: '10101', amount_paise: charge }, { tax_head: 'WS_Round_Off', amount_paise: roundOff }] : [{ tax_head: '10101', amount_paise: charge }]);
    expect(r).toMatchObject({ periodFrom: '2026-09-01', periodTo: '2026-11-20' });
  });

  it('E2: village tariff min 100 + 2/unit: 0 → 30 units = 160', async () => {
    const village = { ...DEFAULT_TARIFF, rows: [{ propertyType: 'RESIDENTIAL', connectionType: 'Metered' as const, minimumChargePaise: 10000, slabs: [{ from: 0, to: 1_000_000, ratePaise: 200 }] }] };
    await t.ok('billing.tariffs.update', { effectiveFrom: '2026-11', tariff: village }, token);
    const c2 = (await t.ok('consumers.create', consumer({ serviceType: 'Metered', meterNumber: 'M2', previousReadingDate: '2026-09-01', previousReading: 0 }), token)).connectionId;
    const r = await t.ok('billing.generateMeteredBill', { connectionId: c2, reading: 30, readingDate: '2026-11-24', meterStatus: 'Working' }, token);
    expect(r.totalPaise).toBe(16000);
  });

  it('E10: lower reading, future date, same date, overlapping period — each refused with its message, nothing stored', async () => {
    // A monthly metered billing period, so that a second bill five weeks after the first is due.
    await t.ok('billing.tariffs.update', { effectiveFrom: '2026-11', tariff: { ...DEFAULT_TARIFF, billingPeriod: { Metered: 'monthly', Non_Metered: 'monthly' } } }, token);
    await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 150, readingDate: '2026-10-15', meterStatus: 'Working' }, token);
    const before = { d: await count(t, 'demands'), m: await count(t, 'meter_readings'), s: await count(t, 'sms_outbox'), b: await count(t, 'bills') };

    const lower = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 149, readingDate: '2026-11-20', meterStatus: 'Working' }, token);
    expect(lower.fields?.['reading']?.key).toBe('billing.readingNotGreater');
    expect(lower.message).toContain('00150');
    const equal = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 150, readingDate: '2026-11-20', meterStatus: 'Working' }, token);
    expect(equal.key).toBe('billing.readingNotGreater');
    const future = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-11-26', meterStatus: 'Working' }, token);
    expect(future.key).toBe('billing.readingDateFuture');
    const same = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-10-15', meterStatus: 'Working' }, token);
    expect(same.key).toBe('billing.readingDateSame');
    const earlier = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-10-01', meterStatus: 'Working' }, token);
    expect(earlier.key).toBe('billing.readingDateBefore');
    const tooBig = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 100000, readingDate: '2026-11-20', meterStatus: 'Working' }, token);
    expect(tooBig.fields?.['reading']?.key).toBe('billing.readingInvalid');
    expect(tooBig.fields?.['reading']?.message).toMatch(/5 digits/);

    expect({ d: await count(t, 'demands'), m: await count(t, 'meter_readings'), s: await count(t, 'sms_outbox'), b: await count(t, 'bills') }).toEqual(before);

    // The next period starts the day after the last reading.
    const next = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-11-20', meterStatus: 'Working' }, token);
    expect(next).toMatchObject({ periodFrom: '2026-10-16', periodTo: '2026-11-20', consumption: 10 });
  });

  it('a period overlapping an existing demand → Billing Period Already Exists', async () => {
    // A demand covering the period already exists (e.g. raised on another desktop, synced in) while the reading was not.
    const { demandIdFor } = await import('./write.js');
    const did = demandIdFor(id, 'waterConnection', '2026-09-01', '2026-10-31', 0);
    await t.core.db.insertInto('demands').values({ id: did, tenant_id: (await t.core.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id, connection_id: id, consumer_type: 'waterConnection', period_from: '2026-09-01', period_to: '2026-10-31', revision: 0, created_at: t.clock.now.toISOString(), created_by: 'x', updated_at: 'x' }).execute();
    const e = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-11-20', meterStatus: 'Working' }, token);
    expect(e.key).toBe('billing.periodExists');
    expect(e.message).toContain('Billing Period Already Exists');
  });

  it('meter statuses: Replaced/Reset count from 0; Breakdown/Locked/NoMeter bill the minimum charge and carry the reading', async () => {
    const r1 = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 7, readingDate: '2026-09-30', meterStatus: 'Replaced' }, token);
    expect(r1).toMatchObject({ consumption: 7, chargePaise: 10000 + 7 * 200 });
    // One bill per quarter (the shipped billing period).
    token = await at(t, '2027-04-10T06:30:00.000Z');
    const r2 = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 3, readingDate: '2026-12-30', meterStatus: 'Breakdown' }, token);
    expect(r2).toMatchObject({ consumption: 0, chargePaise: 10000 });
    const info = await t.ok('billing.meteredInfo', { connectionId: id }, token);
    expect(info.previousReading).toBe(7);
    const r3 = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 17, readingDate: '2027-03-30', meterStatus: 'Working' }, token);
    expect(r3.consumption).toBe(10);
  });

  it('billing period quarterly (shipped): a second bill inside the period is refused with the date it can be raised from, nothing stored; accepted from that date', async () => {
    const first = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 150, readingDate: '2026-10-15', meterStatus: 'Working' }, token);
    expect(first.periodFrom).toBe('2026-09-01'); // the first bill after set-up is not held back
    let info = await t.ok('billing.meteredInfo', { connectionId: id }, token);
    expect(info).toMatchObject({ billingPeriod: 'quarterly', nextBillFrom: '2027-01-15' });
    const before = { d: await count(t, 'demands'), m: await count(t, 'meter_readings'), s: await count(t, 'sms_outbox'), b: await count(t, 'bills') };

    const soon = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-11-25', meterStatus: 'Working' }, token);
    expect(soon.code).toBe('VALIDATION');
    expect(soon.key).toBe('billing.meteredTooSoon.quarterly');
    expect(soon.fields?.['readingDate']?.key).toBe('billing.meteredTooSoon.quarterly');
    expect(soon.message).toBe('This connection is billed quarterly: the last reading was on 15/10/2026, so the next bill can be raised from 15/01/2027');
    const hi = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-11-25', meterStatus: 'Working' }, token, 'hi');
    expect(hi.fields?.['readingDate']?.message).toContain('15/01/2027');
    expect(hi.message).toMatch(/तीन महीने/);
    const pa = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-11-25', meterStatus: 'Working' }, token, 'pa');
    expect(pa.message).toMatch(/ਤਿੰਨ ਮਹੀਨਿਆਂ.*15\/01\/2027/);

    // The day before the period ends, and a back-dated reading once it has ended, are refused too.
    token = await at(t, '2027-01-14T06:30:00.000Z');
    expect((await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2027-01-14', meterStatus: 'Working' }, token)).key).toBe('billing.meteredTooSoon.quarterly');
    token = await at(t, '2027-01-20T06:30:00.000Z');
    expect((await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2027-01-14', meterStatus: 'Working' }, token)).key).toBe('billing.meteredTooSoon.quarterly');
    expect({ d: await count(t, 'demands'), m: await count(t, 'meter_readings'), s: await count(t, 'sms_outbox'), b: await count(t, 'bills') }).toEqual(before);

    const next = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2027-01-15', meterStatus: 'Working' }, token);
    expect(next).toMatchObject({ periodFrom: '2026-10-16', periodTo: '2027-01-15', consumption: 10 });
    info = await t.ok('billing.meteredInfo', { connectionId: id }, token);
    expect(info.nextBillFrom).toBe('2027-04-15');

    // A cancelled bill's reading stops counting: the period runs from the reading before it again.
    await t.ok('billing.reverseDemand', { demandId: next.demandId, reason: 'wrong reading' }, token);
    expect((await t.ok('billing.meteredInfo', { connectionId: id }, token)).nextBillFrom).toBe('2027-01-15');
    const again = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 158, readingDate: '2027-01-18', meterStatus: 'Working' }, token);
    expect(again).toMatchObject({ periodFrom: '2026-10-16', periodTo: '2027-01-18', consumption: 8 });
  });

  it('billing period monthly: the next bill is due a month after the last reading; sooner is refused with the monthly message', async () => {
    await t.ok('billing.tariffs.update', { effectiveFrom: '2026-11', tariff: { ...DEFAULT_TARIFF, billingPeriod: { Metered: 'monthly', Non_Metered: 'monthly' } } }, token);
    await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 150, readingDate: '2026-10-10', meterStatus: 'Working' }, token);
    expect((await t.ok('billing.meteredInfo', { connectionId: id }, token)).nextBillFrom).toBe('2026-11-10');
    const soon = await t.err('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-11-09', meterStatus: 'Working' }, token);
    expect(soon.key).toBe('billing.meteredTooSoon.monthly');
    expect(soon.message).toBe('This connection is billed monthly: the last reading was on 10/10/2026, so the next bill can be raised from 10/11/2026');
    const r = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 160, readingDate: '2026-11-10', meterStatus: 'Working' }, token);
    expect(r).toMatchObject({ periodFrom: '2026-10-11', periodTo: '2026-11-10', consumption: 10 });
  });

  it('non-metered and inactive connections are refused', async () => {
    const nm = (await t.ok('consumers.create', consumer({ lastBilledCycle: '2026-10' }), token)).connectionId;
    expect((await t.err('billing.generateMeteredBill', { connectionId: nm, reading: 1, readingDate: '2026-11-20', meterStatus: 'Working' }, token)).key).toBe('billing.notMetered');
  });

  it('reversal by a GP admin with a reason: the demand stops counting and the period can be billed again', async () => {
    const r = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 120, readingDate: '2026-11-20', meterStatus: 'Working' }, token);
    const collector = await t.addUser(['COLLECTION_OPERATOR']);
    expect((await t.err('billing.reverseDemand', { demandId: r.demandId, reason: 'wrong reading' }, collector.token)).code).toBe('FORBIDDEN');
    expect((await t.err('billing.reverseDemand', { demandId: r.demandId, reason: '' }, token)).fields?.['reason']?.key).toBe('billing.reasonRequired');
    await t.ok('billing.reverseDemand', { demandId: r.demandId, reason: 'wrong reading' }, token);
    expect((await t.err('billing.reverseDemand', { demandId: r.demandId, reason: 'again' }, token)).key).toBe('billing.alreadyReversed');
    expect((await t.ok('billing.currentBill', { connectionId: id }, token)).hasBill).toBe(false);
    const again = await t.ok('billing.generateMeteredBill', { connectionId: id, reading: 118, readingDate: '2026-11-20', meterStatus: 'Working' }, token);
    expect(again.demandId).not.toBe(r.demandId);
    const audit = await t.core.db.selectFrom('audit_log').select('action').where('action', '=', 'reverseDemand').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('tariff editor (SPEC §4.1, Part A.3)', () => {
  let t: TestCore;
  let token: string;
  beforeEach(async () => {
    t = await openTestCore('2026-11-25T06:30:00.000Z');
    ({ token } = await t.setupAdmin());
  });
  afterEach(() => t.close());

  const metered = (slabs: { from: number; to: number; ratePaise: number }[]) => ({ ...DEFAULT_TARIFF, rows: [{ propertyType: 'RESIDENTIAL', connectionType: 'Metered' as const, minimumChargePaise: 10000, slabs }] });

  it.each([
    ['a gap', [{ from: 0, to: 10, ratePaise: 200 }, { from: 12, to: 20, ratePaise: 250 }], 'billing.tariff.slabGap'],
    ['an overlap', [{ from: 0, to: 10, ratePaise: 200 }, { from: 8, to: 20, ratePaise: 250 }], 'billing.tariff.slabOverlap'],
    ['a negative rate', [{ from: 0, to: 10, ratePaise: -1 }], 'billing.tariff.slabNegative'],
    ['an empty slab', [{ from: 0, to: 0, ratePaise: 1 }], 'billing.tariff.slabEmpty'],
    ['a first slab not from 0', [{ from: 5, to: 10, ratePaise: 1 }], 'billing.tariff.slabGap'],
    ['no slab for a metered row', [], 'billing.tariff.slabsRequired'],
  ])('a tariff with %s is refused with its message, nothing stored', async (_what, slabs, key) => {
    const e = await t.err('billing.tariffs.update', { effectiveFrom: '2026-12', tariff: metered(slabs) }, token);
    expect(e.code).toBe('VALIDATION');
    expect(Object.values(e.fields ?? {}).map((f) => f.key)).toContain(key);
    expect(e.message).not.toBe(key);
    expect(await count(t, 'tariff_versions')).toBe(0);
  });

  it('two rows for one property × connection type, or a past month, are refused', async () => {
    const dup = { ...DEFAULT_TARIFF, rows: [...DEFAULT_TARIFF.rows, { ...DEFAULT_TARIFF.rows[0]!, propertyType: 'residential' }] };
    expect(Object.values((await t.err('billing.tariffs.update', { effectiveFrom: '2026-12', tariff: dup }, token)).fields ?? {}).map((f) => f.key)).toContain('billing.tariff.duplicateRow');
    expect((await t.err('billing.tariffs.update', { effectiveFrom: '2026-10', tariff: DEFAULT_TARIFF }, token)).key).toBe('billing.tariff.effectiveFromPast');
    expect(await count(t, 'tariff_versions')).toBe(0);
  });

  it('a change is a new version effective from its cycle; history stays; audited; messages in Hindi and Punjabi', async () => {
    const next = metered([{ from: 0, to: 1_000_000, ratePaise: 300 }]);
    await t.ok('billing.tariffs.update', { effectiveFrom: '2026-12', tariff: next }, token);
    const got = await t.ok('billing.tariffs.get', {}, token);
    expect(got.current.effectiveFrom).toBeNull(); // November still uses the defaults
    expect(got.history).toHaveLength(1);
    token = await at(t, '2026-12-02T06:30:00.000Z');
    expect((await t.ok('billing.tariffs.get', {}, token)).current.tariff.rows[0]!.slabs[0]!.ratePaise).toBe(300);
    expect(await t.core.db.selectFrom('audit_log').select('action').where('action', '=', 'updateTariff').execute()).toHaveLength(1);
    const hi = await t.err('billing.tariffs.update', { effectiveFrom: '2026-12', tariff: metered([{ from: 0, to: 10, ratePaise: 1 }, { from: 11, to: 20, ratePaise: 1 }]) }, token, 'hi');
    expect(hi.message).toMatch(/स्लैब/);
    const pa = await t.err('billing.tariffs.update', { effectiveFrom: '2026-12', tariff: metered([{ from: 0, to: 10, ratePaise: 1 }, { from: 11, to: 20, ratePaise: 1 }]) }, token, 'pa');
    expect(pa.message).toMatch(/ਸਲੈਬ/);
  });

  it('rate info is readable by any signed-in user', async () => {
    const viewer = await t.addUser(['DASHBOARD_VIEWER']);
    const info = await t.ok('billing.rateInfo', {}, viewer.token);
    expect(info.gpwsc).toMatchObject({ villageName: 'Lodhipur', villageCode: 'LODHIPUR', tenantCode: 'pb.lodhipur' });
    expect(info.rates.find((r) => r.propertyType === 'PUBLICSECTOR' && r.connectionType === 'Non_Metered')?.minimumChargePaise).toBe(65000);
    expect((await t.err('billing.tariffs.get', {}, viewer.token)).code).toBe('FORBIDDEN');
  });
});
