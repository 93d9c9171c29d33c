import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';
import { addDemand, addHousehold } from '../collections/test-helpers.js';
import { balancePaise, ledgerLines } from '../ledger/outstanding.js';
import { cycleSummary } from '../billing/index.js';
import type { DB } from '../db/schema.js';
import { recentFinancialYears, monthsOf } from './period.js';

/**
 * A small GP where every dashboard figure is worked out by hand (today 25 Nov 2026, FY 2026-27):
 *
 * Household A (residential, non-metered, "Gurpreet Kaur"): demand Sep ₹250, Oct ₹250, and an Oct
 *   demand of ₹999 that was reversed. Pays ₹200 on 10 Oct (settles ₹200 of Sep). Feedback 5/4/3.
 * Household B (commercial, metered, "Harjeet Singh"): opening arrears ₹100 (Apr–Aug, not new
 *   demand), demand Sep ₹400. Pays ₹500 on 12 Oct, cancelled on 15 Oct; pays ₹150 on 20 Oct
 *   (arrears ₹100, Sep ₹50). Feedback 3/2/5.
 * Expenses: E1 ₹1,000 billed 5 Oct paid 8 Oct; E2 ₹300 billed 6 Oct unpaid; E3 ₹700 billed
 *   7 Oct cancelled; E4 ₹400 billed 20 Sep, paid 9 Oct.
 *
 * Sep: demand 250+400 = ₹650; settled 200 (A) + 50 (B) → pending ₹400; collection 0;
 *      expenditure ₹400 (E4), unpaid 0; paid out 0; surplus 0.
 * Oct: demand ₹250 (reversed ₹999 not counted); pending ₹250; collection 200+150 = ₹350 (the
 *      cancelled ₹500 not counted); expenditure 1000+300 = ₹1,300 (E3 cancelled), unpaid ₹300;
 *      paid out 1000 (E1) + 400 (E4) = ₹1,400; surplus 350 − 1400 = −₹1,050.
 */
let t: TestCore;
let admin: { token: string; tenantId: string; userId: string };
let A: string;
let B: string;

/** Move the clock to a day and sign in again (a session does not survive weeks of idling). */
const at = async (date: string) => {
  t.clock.set(`${date}T06:30:00.000Z`);
  admin.token = (await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).token;
};
const pay = async (connectionId: string, amountRupees: number) =>
  t.ok('collections.collect', { connectionId, amountRupees, mode: 'CASH', idempotencyKey: randomUUID() }, admin.token);
const expense = (billDate: string, amountRupees: number, vendorName: string, paidDate?: string) =>
  t.ok(
    'expenses.create',
    { typeCode: 'ELECTRICITY_BILL', vendorName, vendorMobile: '9888877777', amountRupees, billDate, periodFrom: billDate, periodTo: billDate, isPaid: Boolean(paidDate), paidDate },
    admin.token,
  );

beforeEach(async () => {
  t = await openTestCore('2026-09-01T06:30:00.000Z');
  admin = await t.setupAdmin();
  const db = t.core.db;
  A = await addHousehold(db, admin.tenantId, { name: 'Gurpreet Kaur' });
  B = await addHousehold(db, admin.tenantId, { name: 'Harjeet Singh', type: 'Metered' });
  const bConsumer = (await db.selectFrom('connections').select('consumer_id').where('id', '=', B).executeTakeFirstOrThrow()).consumer_id;
  await db.updateTable('consumers').set({ property_type: 'COMMERCIAL' }).where('id', '=', bConsumer).execute();

  await addDemand(db, admin.tenantId, A, { from: '2026-09-01', to: '2026-09-30', lines: [{ head: '10101', paise: 25000 }] });
  await addDemand(db, admin.tenantId, A, { from: '2026-10-01', to: '2026-10-31', lines: [{ head: '10101', paise: 25000 }] });
  const reversed = await addDemand(db, admin.tenantId, A, { from: '2026-10-01', to: '2026-10-15', lines: [{ head: '10101', paise: 99900 }] });
  await db.insertInto('demand_reversals').values({ id: randomUUID(), tenant_id: admin.tenantId, demand_id: reversed.demandId, reason: 'wrong', created_at: t.clock.now.toISOString(), created_by: admin.userId, updated_at: t.clock.now.toISOString() }).execute();
  await addDemand(db, admin.tenantId, B, { type: 'waterConnection-arrears', from: '2026-04-01', to: '2026-08-31', lines: [{ head: '10102', paise: 10000 }] });
  await addDemand(db, admin.tenantId, B, { from: '2026-09-01', to: '2026-09-30', lines: [{ head: '10101', paise: 40000 }] });

  await at('2026-09-20');
  const e4 = await expense('2026-09-20', 400, 'Punjab Pumps');
  await at('2026-10-06');
  await expense('2026-10-06', 300, 'Sharma Chlorine');
  await at('2026-10-07');
  const e3 = await expense('2026-10-07', 700, 'Sharma Chlorine');
  await t.ok('expenses.cancel', { id: e3.id, reason: 'entered twice' }, admin.token);
  await at('2026-10-08');
  await expense('2026-10-05', 1000, 'PSPCL', '2026-10-08');
  await at('2026-10-09');
  await t.ok('expenses.markPaid', { id: e4.id, paidDate: '2026-10-09' }, admin.token);

  await at('2026-10-10');
  const pa = await pay(A, 200);
  await t.ok('collections.feedback', { paymentId: pa.paymentId, happyWithSupply: 5, supplyRegular: 4, qualityGood: 3 }, admin.token);
  await at('2026-10-12');
  const pb1 = await pay(B, 500);
  await at('2026-10-15');
  await t.ok('collections.cancelReceipt', { paymentId: pb1.paymentId, reason: 'wrong household' }, admin.token);
  await at('2026-10-20');
  const pb2 = await pay(B, 150);
  await t.ok('collections.feedback', { paymentId: pb2.paymentId, happyWithSupply: 3, supplyRegular: 2, qualityGood: 5 }, admin.token);
  await at('2026-11-25');
});
afterEach(async () => {
  await t.close();
});

const zero = { demandPaise: 0, pendingCollectionPaise: 0, actualCollectionPaise: 0, totalExpenditurePaise: 0, pendingExpenditurePaise: 0, actualPaymentPaise: 0, surplusPaise: 0 };
const SEP = { demandPaise: 65000, pendingCollectionPaise: 40000, actualCollectionPaise: 0, totalExpenditurePaise: 40000, pendingExpenditurePaise: 0, actualPaymentPaise: 0, surplusPaise: 0 };
const OCT = { demandPaise: 25000, pendingCollectionPaise: 25000, actualCollectionPaise: 35000, totalExpenditurePaise: 130000, pendingExpenditurePaise: 30000, actualPaymentPaise: 140000, surplusPaise: -105000 };

describe('dashboard.monthly', () => {
  it('gives every month of the FY up to now, each figure as worked out by hand, and the totals', async () => {
    const d = await t.ok('dashboard.monthly', { financialYear: '2026-27' }, admin.token);
    expect(d.months.map((m) => m.month)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const byMonth = new Map(d.months.map(({ month, ...f }) => [month, f]));
    expect(byMonth.get('2026-09')).toEqual(SEP);
    expect(byMonth.get('2026-10')).toEqual(OCT);
    for (const m of ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-11']) expect(byMonth.get(m)).toEqual(zero);
    expect(d.totals).toEqual({ demandPaise: 90000, pendingCollectionPaise: 65000, actualCollectionPaise: 35000, totalExpenditurePaise: 170000, pendingExpenditurePaise: 30000, actualPaymentPaise: 140000, surplusPaise: -105000 });
    expect(d.selected).toEqual(d.totals);
    expect(d.month).toBeNull();
    expect(d.feedback).toEqual({ count: 2, happy: 4, regular: 3, quality: 4 });
    expect(d.years).toEqual(['2026-27', '2025-26', '2024-25', '2023-24', '2022-23']);
  });

  it('a chosen month selects its row and its feedback', async () => {
    const oct = await t.ok('dashboard.monthly', { financialYear: '2026-27', month: '2026-10' }, admin.token);
    expect(oct.month).toBe('2026-10');
    expect(oct.selected).toMatchObject(OCT);
    expect(oct.feedback).toEqual({ count: 2, happy: 4, regular: 3, quality: 4 });
    const sep = await t.ok('dashboard.monthly', { financialYear: '2026-27', month: '2026-09' }, admin.token);
    expect(sep.selected).toMatchObject(SEP);
    expect(sep.feedback).toEqual({ count: 0, happy: null, regular: null, quality: null });
  });

  it('agrees with the ledger (ledgerLines) and with the bill summary (cycleSummary)', async () => {
    const d = await t.ok('dashboard.monthly', { financialYear: '2026-27' }, admin.token);
    await t.core.db.transaction().execute(async (trx) => {
      // B's arrears are fully settled, so the pending of the FY's new demand is everything owed.
      const owed = balancePaise(await ledgerLines(trx as Transaction<DB>, A)) + balancePaise(await ledgerLines(trx as Transaction<DB>, B));
      expect(d.totals.pendingCollectionPaise).toBe(owed);
      for (const month of ['2026-09', '2026-10']) {
        const s = await cycleSummary(trx as Transaction<DB>, admin.tenantId, month);
        const row = d.months.find((m) => m.month === month)!;
        expect([row.demandPaise, row.actualCollectionPaise, row.actualPaymentPaise]).toEqual([s.newDemandPaise, s.collectedPaise, s.paidExpensePaise]);
      }
    });
  });

  it('a past FY has all twelve months, empty here', async () => {
    const d = await t.ok('dashboard.monthly', { financialYear: '2023-24' }, admin.token);
    expect(d.months.map((m) => m.month)).toEqual(['2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03']);
    expect(d.totals).toEqual(zero);
  });

  it('refuses a bad financial year or month with a message', async () => {
    for (const financialYear of ['2021-22', '2027-28', '2026-28', '2026', 'abc']) {
      const e = await t.err('dashboard.monthly', { financialYear }, admin.token);
      expect(e.code).toBe('VALIDATION');
      expect(e.fields?.['financialYear']?.key).toBe('dashboard.errors.financialYear');
    }
    const e = await t.err('dashboard.monthly', { financialYear: '2020-21' }, admin.token, 'en');
    expect(e.fields?.['financialYear']?.message ?? e.message).toMatch(/last five financial years/);
    const pa = await t.err('dashboard.monthly', { financialYear: '2020-21' }, admin.token, 'pa');
    expect(JSON.stringify(pa)).toContain('ਵਿੱਤੀ ਸਾਲ');
    for (const month of ['2026-12', '2025-10', '2026-13', '10-2026']) {
      const m = await t.err('dashboard.monthly', { financialYear: '2026-27', month }, admin.token);
      expect(m.fields?.['month']?.key).toBe('dashboard.errors.month');
    }
    const size = await t.err('dashboard.collections', { financialYear: '2026-27', pageSize: 5 }, admin.token);
    expect(size.fields?.['pageSize']?.key).toBe('validation.pageSize');
    const sort = await t.err('dashboard.expenditure', { financialYear: '2026-27', sort: 'vendor' }, admin.token);
    expect(sort.code).toBe('VALIDATION');
  });

  it('is for the dashboard roles only', async () => {
    const operator = await t.addUser(['COLLECTION_OPERATOR']);
    expect((await t.err('dashboard.monthly', { financialYear: '2026-27' }, operator.token)).code).toBe('FORBIDDEN');
    const expenseClerk = await t.addUser(['EXPENSE_PROCESSING']);
    expect((await t.err('dashboard.expenditure', { financialYear: '2026-27' }, expenseClerk.token)).code).toBe('FORBIDDEN');
    const viewer = await t.addUser(['DASHBOARD_VIEWER']);
    expect((await t.ok('dashboard.monthly', { financialYear: '2026-27' }, viewer.token)).totals.actualCollectionPaise).toBe(35000);
    const collector = await t.addUser(['REVENUE_COLLECTOR']);
    expect((await t.ok('dashboard.collections', { financialYear: '2026-27' }, collector.token)).total).toBe(2);
    expect((await t.err('dashboard.monthly', { financialYear: '2026-27' })).code).toBe('UNAUTHENTICATED');
  });
});

describe('dashboard.collections', () => {
  it('lists each connection with what it paid in the period, tabs with counts, sorting and search', async () => {
    const fy = await t.ok('dashboard.collections', { financialYear: '2026-27', sort: 'collected', direction: 'desc' }, admin.token);
    expect(fy.counts).toEqual({ all: 2, residential: 1, commercial: 1 });
    expect(fy.items.map((r) => [r.name, r.collectedPaise, r.metered])).toEqual([['Gurpreet Kaur', 20000, false], ['Harjeet Singh', 15000, true]]);
    const asc = await t.ok('dashboard.collections', { financialYear: '2026-27', sort: 'collected', direction: 'asc' }, admin.token);
    expect(asc.items.map((r) => r.name)).toEqual(['Harjeet Singh', 'Gurpreet Kaur']);
    const byName = await t.ok('dashboard.collections', { financialYear: '2026-27', sort: 'name', direction: 'desc' }, admin.token);
    expect(byName.items.map((r) => [r.name, r.collectedPaise])).toEqual([['Harjeet Singh', 15000], ['Gurpreet Kaur', 20000]]);
    const sep = await t.ok('dashboard.collections', { financialYear: '2026-27', month: '2026-09' }, admin.token);
    expect(sep.items.map((r) => r.collectedPaise)).toEqual([0, 0]);
    const commercial = await t.ok('dashboard.collections', { financialYear: '2026-27', tab: 'commercial' }, admin.token);
    expect(commercial.items.map((r) => r.name)).toEqual(['Harjeet Singh']);
    expect(commercial.total).toBe(1);
    const found = await t.ok('dashboard.collections', { financialYear: '2026-27', search: '  GURP ' }, admin.token);
    expect(found.items.map((r) => r.name)).toEqual(['Gurpreet Kaur']);
    expect(found.counts).toEqual({ all: 1, residential: 1, commercial: 0 });
    const byId = await t.ok('dashboard.collections', { financialYear: '2026-27', search: fy.items[1]!.connectionNo.slice(-5).toLowerCase() }, admin.token);
    expect(byId.items.map((r) => r.name)).toEqual(['Harjeet Singh']);
    const none = await t.ok('dashboard.collections', { financialYear: '2026-27', search: '100%_' }, admin.token);
    expect(none.total).toBe(0);
  });

  it('pages through 10–50 rows', async () => {
    for (let i = 0; i < 12; i++) await addHousehold(t.core.db, admin.tenantId, { name: `Extra Person` });
    const p1 = await t.ok('dashboard.collections', { financialYear: '2026-27', pageSize: 10 }, admin.token);
    const p2 = await t.ok('dashboard.collections', { financialYear: '2026-27', pageSize: 10, page: 2 }, admin.token);
    expect([p1.items.length, p2.items.length, p1.total]).toEqual([10, 4, 14]);
    expect(new Set([...p1.items, ...p2.items].map((r) => r.connectionId)).size).toBe(14);
  });
});

describe('dashboard.expenditure', () => {
  it('lists the bills of the period (cancelled left out), All/Paid/Pending with counts, search by bill or vendor', async () => {
    const oct = await t.ok('dashboard.expenditure', { financialYear: '2026-27', month: '2026-10', sort: 'billDate' }, admin.token);
    expect(oct.counts).toEqual({ all: 2, paid: 1, pending: 1 });
    expect(oct.items.map((r) => [r.vendorName, r.amountPaise, r.billDate, r.paidDate, r.typeCode])).toEqual([
      ['PSPCL', 100000, '2026-10-05', '2026-10-08', 'ELECTRICITY_BILL'],
      ['Sharma Chlorine', 30000, '2026-10-06', null, 'ELECTRICITY_BILL'],
    ]);
    const fy = await t.ok('dashboard.expenditure', { financialYear: '2026-27', tab: 'paid', sort: 'amount', direction: 'desc' }, admin.token);
    expect(fy.counts).toEqual({ all: 3, paid: 2, pending: 1 });
    expect(fy.items.map((r) => [r.vendorName, r.paidDate])).toEqual([['PSPCL', '2026-10-08'], ['Punjab Pumps', '2026-10-09']]);
    const pending = await t.ok('dashboard.expenditure', { financialYear: '2026-27', tab: 'pending' }, admin.token);
    expect(pending.items.map((r) => r.vendorName)).toEqual(['Sharma Chlorine']);
    const vendor = await t.ok('dashboard.expenditure', { financialYear: '2026-27', search: 'punjab  PUMPS' }, admin.token);
    expect(vendor.items.map((r) => r.vendorName)).toEqual(['Punjab Pumps']);
    const bill = await t.ok('dashboard.expenditure', { financialYear: '2026-27', search: fy.items[0]!.billNo.toLowerCase() }, admin.token);
    expect(bill.items.map((r) => r.vendorName)).toEqual(['PSPCL']);
    expect(bill.counts).toEqual({ all: 1, paid: 1, pending: 0 });
  });
});

describe('period rules', () => {
  it('offers the last five FYs and the months up to now', () => {
    expect(recentFinancialYears('2027-03-31')).toEqual(['2026-27', '2025-26', '2024-25', '2023-24', '2022-23']);
    expect(recentFinancialYears('2027-04-01')[0]).toBe('2027-28');
    expect(monthsOf('2026-27', '2026-04-01')).toEqual(['2026-04']);
    expect(monthsOf('2026-27', '2027-02-10').slice(-2)).toEqual(['2027-01', '2027-02']);
  });
});
