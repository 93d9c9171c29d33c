import { describe, expect, it } from 'vitest';
import { editOf, nonMeteredInput } from '@mgramseva/core/testing';
import type { ConsumerDetail } from '@mgramseva/core/contracts';
import { ENGINES, type Desktop } from './testing.js';
import { signInAdmin, twoOfficesEach } from './two-offices.js';

/**
 * Receipts on two desktops of one GP (issue 7; core/src/sync/converge.ts, migration 0014): a
 * receipt cancelled in both offices is cancelled once; advances taken in both offices on the same
 * day both replicate.
 */
describe.each(ENGINES)('receipts on two desktops, on $name', ({ name, skip }) => {
  let a: Desktop;
  let b: Desktop;
  twoOfficesEach(name, skip, new Date('2026-11-10T06:30:00.000Z'), (o) => ({ a, b } = o));

  const signIn = signInAdmin;
  const collect = async (d: Desktop, connectionId: string, amountRupees: number) =>
    d.call<{ paymentId: string }>('collections.collect', { connectionId, amountRupees, mode: 'CASH', idempotencyKey: crypto.randomUUID(), confirmAdvance: true }, await signIn(d));

  async function connection(arrears: number): Promise<string> {
    await a.sync();
    await b.sync();
    const { connectionId } = await a.call<{ connectionId: string }>('consumers.create', nonMeteredInput({ lastBilledCycle: '2026-10', arrears }), await signIn(a));
    for (const d of [a, b]) expect((await d.sync()).error).toBeUndefined();
    return connectionId;
  }

  const noRejects = async () => {
    for (const d of [a, b]) expect((await d.call<{ rejectedChanges: number }>('sync.status', {}, await signIn(d))).rejectedChanges).toBe(0);
  };

  it.skipIf(skip)('a receipt cancelled in both offices is cancelled once, with the first reason the server received', async () => {
    const connectionId = await connection(300);
    const { paymentId } = await collect(a, connectionId, 500); // ₹300 arrears, ₹200 advance
    for (const d of [a, b]) expect((await d.sync()).error).toBeUndefined();
    await a.call('collections.cancelReceipt', { paymentId, reason: 'Wrong consumer (A)' }, await signIn(a));
    await b.call('collections.cancelReceipt', { paymentId, reason: 'Counted twice (B)' }, await signIn(b));
    for (const d of [a, b, a, b]) expect((await d.sync()).error).toBeUndefined();

    const held = await Promise.all(
      [a, b].map(async (d) => ({
        cancellations: await d.core.db.selectFrom('payment_cancellations').select(['id', 'reason', 'created_by']).where('payment_id', '=', paymentId).execute(),
        reversals: await d.core.db.selectFrom('demand_reversals').select(['id', 'demand_id', 'reason']).execute(),
        balance: (await d.call<{ balancePaise: number }>('billing.currentBill', { connectionId }, await signIn(d))).balancePaise,
      })),
    );
    expect(held[0]!.cancellations).toHaveLength(1);
    expect(held[0]!.cancellations[0]!.reason).toBe('Wrong consumer (A)');
    expect(held[1]).toEqual(held[0]);
    expect(held[0]!.balance).toBe(30_000); // the arrears are due again, the advance is gone
    await noRejects();
  });

  it.skipIf(skip)('advances taken in both offices on the same day both replicate and both count', async () => {
    const connectionId = await connection(0);
    await collect(a, connectionId, 100);
    await collect(b, connectionId, 150);
    for (const d of [a, b, a, b]) expect((await d.sync()).error).toBeUndefined();
    for (const d of [a, b]) {
      const payments = await d.core.db.selectFrom('payments').select('id').where('connection_id', '=', connectionId).execute();
      expect(payments).toHaveLength(2);
      const bill = await d.call<{ balancePaise: number }>('billing.currentBill', { connectionId }, await signIn(d));
      expect(bill.balancePaise).toBe(-25_000);
    }
    await noRejects();
  });
});

describe.each(ENGINES)('opening arrears re-entered on two desktops, on $name', ({ name, skip }) => {
  let a: Desktop;
  let b: Desktop;
  twoOfficesEach(name, skip, new Date('2026-11-10T06:30:00.000Z'), (o) => ({ a, b } = o));
  const signIn = signInAdmin;

  it.skipIf(skip)('leave one opening demand, the same on both, not the two added together', async () => {
    await a.sync();
    await b.sync();
    const { connectionId } = await a.call<{ connectionId: string }>('consumers.create', nonMeteredInput({ lastBilledCycle: '2026-10', arrears: 300 }), await signIn(a));
    for (const d of [a, b]) expect((await d.sync()).error).toBeUndefined();
    for (const [d, arrears] of [[a, 400], [b, 500]] as const) {
      const detail = await d.call<ConsumerDetail>('consumers.get', { connectionId }, await signIn(d));
      await d.call('consumers.update', editOf(detail, { arrears }), await signIn(d));
    }
    for (const d of [a, b, a, b]) expect((await d.sync()).error).toBeUndefined();
    const balances = await Promise.all([a, b].map(async (d) => (await d.call<{ balancePaise: number }>('billing.currentBill', { connectionId }, await signIn(d))).balancePaise));
    expect(balances).toEqual([40_000, 40_000]);
    for (const d of [a, b]) expect((await d.call<{ rejectedChanges: number }>('sync.status', {}, await signIn(d))).rejectedChanges).toBe(0);
  });
});
