import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { ledgerLines, balancePaise } from '../ledger/outstanding.js';
import type { DB } from '../db/schema.js';
import type { Transaction } from 'kysely';
import { addDemand, addHousehold } from './test-helpers.js';
import { dailyCollectionSummary, runCollectionSummaries } from './jobs.js';

let t: TestCore;
let admin: { token: string; tenantId: string; userId: string };

beforeEach(async () => {
  t = await openTestCore();
  admin = await t.setupAdmin();
});
afterEach(async () => {
  await t.close();
});

const balance = async (connectionId: string) => balancePaise(await ledgerLines(t.core.db as unknown as Transaction<DB>, connectionId));

/** E6's household: arrears Apr–Nov 2023 `10102` = 300, December `10101` = 50. */
async function e6Household() {
  const connectionId = await addHousehold(t.core.db, admin.tenantId);
  const arrears = await addDemand(t.core.db, admin.tenantId, connectionId, { type: 'waterConnection-arrears', from: '2023-04-01', to: '2023-11-30', lines: [{ head: '10102', paise: 30000 }] });
  const dec = await addDemand(t.core.db, admin.tenantId, connectionId, { from: '2023-12-01', to: '2023-12-31', lines: [{ head: '10101', paise: 5000 }] });
  return { connectionId, arrearsLine: arrears.lineIds[0]!, decLine: dec.lineIds[0]! };
}

const pay = (connectionId: string, amountRupees: number | string, extra: Record<string, unknown> = {}, token = admin.token) =>
  t.ok('collections.collect', { connectionId, amountRupees, mode: 'CASH', idempotencyKey: randomUUID(), ...extra } as never, token);

describe('household detail', () => {
  it('lists the opening arrears as opening balance, but not the advance an overpayment left', async () => {
    const h = await e6Household();
    await pay(h.connectionId, 400);
    const detail = await t.ok('consumers.get', { connectionId: h.connectionId }, admin.token);
    const byType = detail.demands.map((d) => [d.consumerType, d.opening]);
    expect(byType).toContainEqual(['waterConnection-arrears', true]);
    expect(byType).toContainEqual(['waterConnection-advance', false]);
    expect(byType).toContainEqual(['waterConnection', false]);
  });
});

describe('E6 apportionment and advance', () => {
  it('pay 320: arrears fully paid, December gets 20, 30 remains', async () => {
    const h = await e6Household();
    const r = await pay(h.connectionId, 320);
    expect(r).toMatchObject({ amountPaise: 32000, dueBeforePaise: 35000, pendingPaise: 3000, advancePaise: 0, repeated: false });
    expect(r.receiptNo).toMatch(/^WS\/2026-27\/[0-9A-F]{4}-0001$/);
    const alloc = await t.core.db.selectFrom('payment_allocations').select(['demand_line_id', 'amount_paise']).where('payment_id', '=', r.paymentId).execute();
    expect(new Map(alloc.map((a) => [a.demand_line_id, a.amount_paise]))).toEqual(new Map([[h.arrearsLine, 30000], [h.decLine, 2000]]));
    expect(await balance(h.connectionId)).toBe(3000);
    const receipt = await t.ok('collections.receipt', { paymentId: r.paymentId }, admin.token);
    expect(receipt.lines.map((l) => [l.taxHead, l.paise])).toEqual([['10102', 30000], ['10101', 2000]]);
    expect(receipt.billPeriod).toEqual({ from: '2023-04-01', to: '2023-12-31' });
    expect(receipt).toMatchObject({ pendingPaise: 3000, advancePaise: 0, cancelled: null, mobileMasked: '+91-XXXXXX5678' });
  });

  it('pay 400: 300 + 50 settled, 50 becomes advance; next month\'s 50 nets to 0', async () => {
    const h = await e6Household();
    const r = await pay(h.connectionId, 400);
    expect(r).toMatchObject({ pendingPaise: 0, advancePaise: 5000 });
    const p = await t.core.db.selectFrom('payments').selectAll().where('id', '=', r.paymentId).executeTakeFirstOrThrow();
    expect(p.advance_demand_id).not.toBeNull();
    const adv = await t.core.db.selectFrom('demand_lines').selectAll().where('demand_id', '=', p.advance_demand_id!).execute();
    expect(adv.map((l) => [l.tax_head, l.amount_paise])).toEqual([['WS_ADVANCE_CARRYFORWARD', -5000]]);
    const d = await t.core.db.selectFrom('demands').select('consumer_type').where('id', '=', p.advance_demand_id!).executeTakeFirstOrThrow();
    expect(d.consumer_type).toBe('waterConnection-advance');
    expect(await balance(h.connectionId)).toBe(-5000);
    const receipt = await t.ok('collections.receipt', { paymentId: r.paymentId }, admin.token);
    expect(receipt).toMatchObject({ advancePaise: 5000, advanceCreatedPaise: 5000 });
    await addDemand(t.core.db, admin.tenantId, h.connectionId, { from: '2024-01-01', to: '2024-01-31', lines: [{ head: '10101', paise: 5000 }] });
    expect(await balance(h.connectionId)).toBe(0);
  });

  it('a later payment uses the advance first (credits first) and records it on the receipt', async () => {
    const h = await e6Household();
    await pay(h.connectionId, 400);
    await addDemand(t.core.db, admin.tenantId, h.connectionId, { from: '2024-01-01', to: '2024-01-31', lines: [{ head: '10101', paise: 8000 }] });
    expect(await balance(h.connectionId)).toBe(3000);
    const r = await pay(h.connectionId, 30);
    expect(r).toMatchObject({ dueBeforePaise: 3000, pendingPaise: 0, advancePaise: 0 });
    const receipt = await t.ok('collections.receipt', { paymentId: r.paymentId }, admin.token);
    expect(receipt.advanceUsedPaise).toBe(5000);
    expect(receipt.lines.map((l) => l.paise).sort((a, b) => a - b)).toEqual([-5000, 8000]);
    expect(await balance(h.connectionId)).toBe(0);
  });
});

describe('E7 amount validation', () => {
  const cases: [string | number, string | null][] = [
    ['', 'collections.validation.amountRequired'],
    ['12a', 'collections.validation.amountDigits'],
    ['10001', 'collections.validation.amountExceeds'],
    [10001, 'collections.validation.amountExceeds'],
    ['0', 'collections.validation.amountMin'],
    ['12.5', 'collections.validation.amountDigits'],
    ['10000', null],
  ];
  for (const [value, key] of cases) {
    it(`${JSON.stringify(value)} → ${key ?? 'accepted'}`, async () => {
      const h = await e6Household();
      await addDemand(t.core.db, admin.tenantId, h.connectionId, { from: '2024-01-01', to: '2024-01-31', lines: [{ head: '10101', paise: 1_000_000 }] });
      const input = { connectionId: h.connectionId, amountRupees: value, mode: 'CASH', idempotencyKey: randomUUID() };
      if (key === null) {
        const r = await t.ok('collections.collect', input as never, admin.token);
        expect(r.amountPaise).toBe(1_000_000);
        return;
      }
      const msgs: string[] = [];
      for (const lang of ['en', 'hi', 'pa'] as const) {
        const e = await t.err('collections.collect', input, admin.token, lang);
        expect(e.code).toBe('VALIDATION');
        expect(e.fields?.['amountRupees']?.key).toBe(key);
        msgs.push(e.fields!['amountRupees']!.message);
      }
      expect(new Set(msgs).size).toBe(3);
      expect(msgs.every((m) => !m.includes('collections.'))).toBe(true);
      if (key.endsWith('Exceeds')) expect(msgs[0]).toContain('10000');
    });
  }

  it('partial payment: 45 of 100 due is accepted', async () => {
    const connectionId = await addHousehold(t.core.db, admin.tenantId);
    await addDemand(t.core.db, admin.tenantId, connectionId, { from: '2024-01-01', to: '2024-01-31', lines: [{ head: '10101', paise: 10000 }] });
    const r = await pay(connectionId, '45');
    expect(r).toMatchObject({ amountPaise: 4500, pendingPaise: 5500 });
  });

  it('a mode that is not enabled is refused; a bad payer mobile is refused', async () => {
    const h = await e6Household();
    const e = await t.err('collections.collect', { connectionId: h.connectionId, amountRupees: 10, mode: 'OFFLINE_NEFT', idempotencyKey: randomUUID() }, admin.token);
    expect(e.fields?.['mode']?.key).toBe('collections.validation.mode');
    const e2 = await t.err('collections.collect', { connectionId: h.connectionId, amountRupees: 10, payerMobile: '98765', idempotencyKey: randomUUID() }, admin.token);
    expect(e2.fields?.['payerMobile']).toBeDefined();
  });
});

describe('bad input and money rules', () => {
  it('a double click with the same idempotency key records one payment', async () => {
    const h = await e6Household();
    const input = { connectionId: h.connectionId, amountRupees: 100, mode: 'CASH', idempotencyKey: randomUUID() };
    const [a, b] = await Promise.all([t.ok('collections.collect', input, admin.token), t.ok('collections.collect', input, admin.token)]);
    const c = await t.ok('collections.collect', input, admin.token);
    expect(new Set([a.paymentId, b.paymentId, c.paymentId]).size).toBe(1);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(c).toMatchObject({ repeated: true, receiptNo: a.receiptNo, pendingPaise: 25000 });
    const n = await t.core.db.selectFrom('payments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    expect(await balance(h.connectionId)).toBe(25000);
  });

  it('nothing due: refused without confirmAdvance, recorded as advance with it', async () => {
    const connectionId = await addHousehold(t.core.db, admin.tenantId);
    const e = await t.err('collections.collect', { connectionId, amountRupees: 100, idempotencyKey: randomUUID() }, admin.token);
    expect(e).toMatchObject({ code: 'VALIDATION', key: 'collections.errors.nothingDue' });
    expect(e.fields?.['confirmAdvance']?.key).toBe('collections.errors.nothingDue');
    const r = await pay(connectionId, 100, { confirmAdvance: true });
    expect(r).toMatchObject({ dueBeforePaise: 0, advancePaise: 10000, pendingPaise: 0 });
    expect(await balance(connectionId)).toBe(-10000);
    // Advance already held: still nothing due, still needs the confirmation.
    const e2 = await t.err('collections.collect', { connectionId, amountRupees: 5, idempotencyKey: randomUUID() }, admin.token);
    expect(e2.key).toBe('collections.errors.nothingDue');
  });

  it('a metered connection without its first bill collects nothing', async () => {
    const connectionId = await addHousehold(t.core.db, admin.tenantId, { type: 'Metered' });
    await addDemand(t.core.db, admin.tenantId, connectionId, { type: 'waterConnection-arrears', from: '2026-04-01', to: '2026-10-01', lines: [{ head: '10102', paise: 10000 }] });
    const e = await t.err('collections.collect', { connectionId, amountRupees: 100, idempotencyKey: randomUUID() }, admin.token);
    expect(e.key).toBe('collections.errors.meteredNoBill');
    const info = await t.ok('collections.info', { connectionId }, admin.token);
    expect(info.blocked).toBe(true);
  });

  it('the payment, allocations, advance demand, snapshot and messages are all in the outbox of one call', async () => {
    const h = await e6Household();
    const before = await t.core.db.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow();
    const r = await pay(h.connectionId, 400);
    const rows = await t.core.db.selectFrom('outbox').select(['table_name', 'created_at']).where('seq', '>', Number(before.m ?? 0)).execute();
    const tables = rows.map((x) => x.table_name).sort();
    expect(tables).toEqual(['demand_lines', 'demands', 'payment_allocations', 'payment_allocations', 'payments', 'receipt_snapshots', 'sms_outbox', 'sms_outbox']);
    const sms = await t.core.db.selectFrom('sms_outbox').selectAll().execute();
    expect(sms.map((s) => s.template_key).sort()).toEqual(['Gram.Consumer.DownloadReceipt', 'mGram.Consumer.TakeSurvey']);
    expect(sms.every((s) => s.status === 'queued' && s.to_mobile === '9812345678')).toBe(true);
    expect(JSON.parse(sms.find((s) => s.template_key === 'Gram.Consumer.DownloadReceipt')!.params)).toMatchObject({ amountpaid: '400', pendingamount: '0' });
    const n = await t.core.db.selectFrom('notifications').selectAll().where('period_key', '=', r.paymentId).execute();
    expect(n.map((x) => x.code)).toEqual(['collections.notifications.payment']);
  });

  it('a failed collection leaves nothing behind and gives its receipt number back', async () => {
    const h = await e6Household();
    await t.err('collections.collect', { connectionId: h.connectionId, amountRupees: 'x', idempotencyKey: randomUUID() }, admin.token);
    const other = await addHousehold(t.core.db, admin.tenantId);
    await t.err('collections.collect', { connectionId: other, amountRupees: 10, idempotencyKey: randomUUID() }, admin.token);
    const r = await pay(h.connectionId, 10);
    expect(r.receiptNo).toMatch(/-0001$/);
  });

  it('UPDATE and DELETE on payments are refused by the database', async () => {
    const h = await e6Household();
    await pay(h.connectionId, 10);
    await expect(sql`UPDATE payments SET amount_paise = 1`.execute(t.core.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM payments`.execute(t.core.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM payment_allocations`.execute(t.core.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE receipt_snapshots SET due_before_paise = 0`.execute(t.core.db)).rejects.toThrow(/append-only/);
  });
});

describe('receipt cancellation (Part A.5)', () => {
  it('restores the balance; both entries stay; cancelling again is a CONFLICT', async () => {
    const h = await e6Household();
    const r = await pay(h.connectionId, 400);
    expect(await balance(h.connectionId)).toBe(-5000);
    const e0 = await t.err('collections.cancelReceipt', { paymentId: r.paymentId, reason: '  ' }, admin.token);
    expect(e0.fields?.['reason']?.key).toBe('collections.validation.reasonRequired');
    const c = await t.ok('collections.cancelReceipt', { paymentId: r.paymentId, reason: 'Wrong household' }, admin.token);
    expect(c.balancePaise).toBe(35000);
    expect(await balance(h.connectionId)).toBe(35000);
    const p = await t.core.db.selectFrom('payments').selectAll().where('id', '=', r.paymentId).executeTakeFirstOrThrow();
    const rev = await t.core.db.selectFrom('demand_reversals').selectAll().where('demand_id', '=', p.advance_demand_id!).execute();
    expect(rev).toHaveLength(1);
    const list = await t.ok('collections.receipts', { connectionId: h.connectionId }, admin.token);
    expect(list).toMatchObject([{ paymentId: r.paymentId, cancelled: true, amountPaise: 40000 }]);
    const receipt = await t.ok('collections.receipt', { paymentId: r.paymentId }, admin.token);
    expect(receipt.cancelled).toMatchObject({ reason: 'Wrong household' });
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'cancelReceipt').execute();
    expect(audit).toHaveLength(1);
    const again = await t.err('collections.cancelReceipt', { paymentId: r.paymentId, reason: 'again' }, admin.token);
    expect(again).toMatchObject({ code: 'CONFLICT', key: 'collections.errors.alreadyCancelled' });
  });

  it('refuses to cancel a receipt whose advance a later receipt used, until that one is cancelled', async () => {
    const h = await e6Household();
    const first = await pay(h.connectionId, 400);
    await addDemand(t.core.db, admin.tenantId, h.connectionId, { from: '2024-01-01', to: '2024-01-31', lines: [{ head: '10101', paise: 8000 }] });
    const second = await pay(h.connectionId, 30);
    const e = await t.err('collections.cancelReceipt', { paymentId: first.paymentId, reason: 'mistake' }, admin.token);
    expect(e).toMatchObject({ code: 'CONFLICT', key: 'collections.errors.advanceUsed' });
    await t.ok('collections.cancelReceipt', { paymentId: second.paymentId, reason: 'mistake' }, admin.token);
    expect(await balance(h.connectionId)).toBe(3000);
    await t.ok('collections.cancelReceipt', { paymentId: first.paymentId, reason: 'mistake' }, admin.token);
    expect(await balance(h.connectionId)).toBe(43000);
  });
});

describe('roles', () => {
  it('collect needs a collection role; cancel needs GP_ADMIN, SARPANCH or SECRETARY', async () => {
    const h = await e6Household();
    const viewer = await t.addUser(['DASHBOARD_VIEWER']);
    const collector = await t.addUser(['REVENUE_COLLECTOR']);
    const e = await t.err('collections.collect', { connectionId: h.connectionId, amountRupees: 10, idempotencyKey: randomUUID() }, viewer.token);
    expect(e.code).toBe('FORBIDDEN');
    const r = await pay(h.connectionId, 10, {}, collector.token);
    const e2 = await t.err('collections.cancelReceipt', { paymentId: r.paymentId, reason: 'x' }, collector.token);
    expect(e2.code).toBe('FORBIDDEN');
    const secretary = await t.addUser(['SECRETARY']);
    await t.ok('collections.cancelReceipt', { paymentId: r.paymentId, reason: 'x' }, secretary.token);
    const e3 = await t.err('collections.collect', { connectionId: h.connectionId, amountRupees: 10, idempotencyKey: randomUUID() }, undefined);
    expect(e3.code).toBe('UNAUTHENTICATED');
  });
});

describe('feedback (SPEC §5.4, Part A.6)', () => {
  it('stores each answer under its own question, once per payment', async () => {
    const h = await e6Household();
    const r = await pay(h.connectionId, 10);
    const bad = await t.err('collections.feedback', { paymentId: r.paymentId, happyWithSupply: 6, supplyRegular: 1, qualityGood: 1 }, admin.token);
    expect(bad.fields?.['happyWithSupply']?.key).toBe('collections.validation.rating');
    const bad2 = await t.err('collections.feedback', { paymentId: r.paymentId, happyWithSupply: 2.5, supplyRegular: 1, qualityGood: 1 }, admin.token);
    expect(bad2.code).toBe('VALIDATION');
    await t.ok('collections.feedback', { paymentId: r.paymentId, happyWithSupply: 5, supplyRegular: 2, qualityGood: 4 }, admin.token);
    const row = await t.core.db.selectFrom('payment_feedback').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ happy_with_supply: 5, supply_regular: 2, quality_good: 4, connection_id: h.connectionId });
    const again = await t.err('collections.feedback', { paymentId: r.paymentId, happyWithSupply: 1, supplyRegular: 1, qualityGood: 1 }, admin.token);
    expect(again).toMatchObject({ code: 'CONFLICT', key: 'collections.errors.feedbackExists' });
  });
});

describe('register and daily summary', () => {
  it('groups by collector with totals by mode; cancelled receipts listed but not counted', async () => {
    const h = await e6Household();
    const collector = await t.addUser(['REVENUE_COLLECTOR']);
    await pay(h.connectionId, 100);
    const x = await pay(h.connectionId, 50, {}, collector.token);
    await pay(h.connectionId, 20, {}, collector.token);
    await t.ok('collections.cancelReceipt', { paymentId: x.paymentId, reason: 'typo' }, admin.token);
    const reg = await t.ok('collections.register', { from: '2026-11-25', to: '2026-11-25' }, admin.token);
    expect(reg).toMatchObject({ totalPaise: 12000, count: 2, totalsByMode: { CASH: 12000 } });
    const mine = reg.collectors.find((c) => c.collectorId === collector.userId)!;
    expect(mine).toMatchObject({ totalPaise: 2000, count: 1, cancelledCount: 1, cancelledPaise: 5000 });
    expect(mine.rows).toHaveLength(2);
    const only = await t.ok('collections.register', { from: '2026-11-25', to: '2026-11-25', collectorId: collector.userId }, admin.token);
    expect(only.collectors).toHaveLength(1);
    const none = await t.ok('collections.register', { from: '2026-11-26', to: '2026-11-30' }, admin.token);
    expect(none.count).toBe(0);
  });

  it('"Rs. X collected today from N consumers" once per day, and only on a day with collections', async () => {
    const h = await e6Household();
    const h2 = await addHousehold(t.core.db, admin.tenantId);
    await addDemand(t.core.db, admin.tenantId, h2, { from: '2024-01-01', to: '2024-01-31', lines: [{ head: '10101', paise: 5000 }] });
    await pay(h.connectionId, 100);
    await pay(h.connectionId, 20);
    await pay(h2, 50);
    const hlc = () => t.core.hlc.now();
    const r = await t.core.db.transaction().execute((trx) => dailyCollectionSummary(trx, { tenantId: admin.tenantId, day: '2026-11-25', nowIso: new Date().toISOString(), hlc }));
    expect(r).toEqual({ created: true, amountPaise: 17000, count: 2 });
    const n = await t.core.db.selectFrom('notifications').selectAll().where('code', '=', 'collections.notifications.todayCollection').execute();
    expect(n).toHaveLength(1);
    const list = await t.ok('notifications.list', { page: 1, pageSize: 50 }, admin.token);
    expect(list.items.map((i) => i.body)).toContain('Rs. 170 collected today from 2 consumers.');
    const sms = await t.core.db.selectFrom('sms_outbox').selectAll().where('template_key', '=', 'TODAY_COLLECTION_FROM_CASH').execute();
    expect(sms.map((s) => s.to_mobile)).toEqual(['9876543210']);
    // Rerun (the scheduler at 19:00 IST the same day): nothing new. An empty day: nothing.
    expect(await runCollectionSummaries(t.core.db, new Date('2026-11-25T13:30:00Z'), hlc)).toBe(0);
    expect(await runCollectionSummaries(t.core.db, new Date('2026-11-27T13:30:00Z'), hlc)).toBe(0);
  });
});

describe('receipt numbers', () => {
  it('two desktops number independently and never collide (device code in the number)', async () => {
    const other = await openTestCore();
    try {
      const o = await other.setupAdmin();
      const h1 = await e6Household();
      const h2 = await addHousehold(other.core.db, o.tenantId);
      await addDemand(other.core.db, o.tenantId, h2, { from: '2024-01-01', to: '2024-01-31', lines: [{ head: '10101', paise: 5000 }] });
      const a = await pay(h1.connectionId, 10);
      const b = await other.ok('collections.collect', { connectionId: h2, amountRupees: 10, idempotencyKey: randomUUID() }, o.token);
      expect(a.receiptNo).toMatch(/-0001$/);
      expect(b.receiptNo).toMatch(/-0001$/);
      expect(a.receiptNo).not.toBe(b.receiptNo);
      expect(a.receiptNo.split('/')[2]!.split('-')[0]).toBe(t.core.device.code);
      const second = await pay(h1.connectionId, 10);
      expect(second.receiptNo).toMatch(/-0002$/);
    } finally {
      await other.close();
    }
  });
});
