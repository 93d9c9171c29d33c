import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';
import { addDemand, addHousehold } from '../collections/test-helpers.js';
import type { ReportKind } from './contract.js';

/**
 * A small GP with every report figure worked out by hand (today 25 Nov 2026, FY 2026-27):
 *
 * A "Gurpreet Kaur": demand Sep ₹250; Oct ₹250 + late penalty ₹25; an Oct demand of ₹999
 *   reversed; advance credit ₹300 recorded on 22 Oct. Pays ₹200 cash on 10 Oct.
 * B "Harjeet Singh": opening arrears ₹100 (Apr–Aug, not a bill), demand Sep ₹400. Pays ₹500 on
 *   12 Oct (cancelled 15 Oct) and ₹150 on 20 Oct.
 * Expenses: E1 PSPCL ₹1,000 billed 5 Oct paid 8 Oct; E2 Sharma Chlorine ₹300 billed 6 Oct unpaid;
 *   E3 Sharma Chlorine ₹700 billed 7 Oct, cancelled by Ram Singh; E4 Punjab Pumps ₹400 billed
 *   20 Sep, paid 9 Oct.
 * Deactivations (audit log): A on 10 Oct 12:00 IST by Ram Singh; B at 01:30 IST on 1 Nov
 *   (31 Oct 20:00 UTC — a November deactivation).
 *
 * Bill Oct: A bill ₹250, penalty ₹25, advance ₹300, total ₹275.  Bill Sep: A ₹250, B ₹400.
 * Bill FY: A ₹500 / ₹25 / ₹300 / ₹525; B ₹400 / 0 / 0 / ₹400.
 * Collection Oct: A cash ₹200 (1 receipt), B cash ₹150 (1 receipt; the cancelled ₹500 left out).
 * Expense bill Oct: E1 PAID, E2 UNPAID, E3 CANCELLED (by Ram Singh). Vendor Oct: PSPCL, Sharma (E2 only).
 * Inactive Oct: A only; Nov: B only.
 */
let t: TestCore;
let admin: { token: string; tenantId: string; userId: string };
let A: string;
let B: string;
const bills: Record<string, string> = {};

const at = async (date: string) => {
  t.clock.set(`${date}T06:30:00.000Z`);
  admin.token = (await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).token;
};
const pay = async (connectionId: string, amountRupees: number) =>
  t.ok('collections.collect', { connectionId, amountRupees, mode: 'CASH', idempotencyKey: randomUUID() }, admin.token);
const expense = async (billDate: string, amountRupees: number, vendorName: string, paidDate?: string) =>
  t.ok(
    'expenses.create',
    { typeCode: 'ELECTRICITY_BILL', vendorName, vendorMobile: '9888877777', amountRupees, billDate, periodFrom: billDate, periodTo: billDate, isPaid: Boolean(paidDate), paidDate },
    admin.token,
  );
const deactivated = (connectionId: string, atIso: string) =>
  // What consumers.update's ctx.audit writes for a deactivation (api/dispatcher.ts).
  t.core.db
    .insertInto('audit_log')
    .values({ id: randomUUID(), tenant_id: admin.tenantId, at: atIso, user_id: admin.userId, action: 'deactivate', entity: 'connection', entity_id: connectionId, changes: '{}', updated_at: atIso })
    .execute();

beforeEach(async () => {
  t = await openTestCore('2026-09-01T06:30:00.000Z');
  admin = await t.setupAdmin();
  const db = t.core.db;
  A = await addHousehold(db, admin.tenantId, { name: 'Gurpreet Kaur' });
  B = await addHousehold(db, admin.tenantId, { name: 'Harjeet Singh' });

  await addDemand(db, admin.tenantId, A, { from: '2026-09-01', to: '2026-09-30', lines: [{ head: '10101', paise: 25000 }] });
  await addDemand(db, admin.tenantId, A, { from: '2026-10-01', to: '2026-10-31', lines: [{ head: '10101', paise: 25000 }, { head: 'WS_TIME_PENALTY', paise: 2500 }] });
  const reversed = await addDemand(db, admin.tenantId, A, { from: '2026-10-01', to: '2026-10-15', lines: [{ head: '10101', paise: 99900 }] });
  await db.insertInto('demand_reversals').values({ id: randomUUID(), tenant_id: admin.tenantId, demand_id: reversed.demandId, reason: 'wrong', created_at: t.clock.now.toISOString(), created_by: admin.userId, updated_at: t.clock.now.toISOString() }).execute();
  await addDemand(db, admin.tenantId, A, { type: 'waterConnection-advance', from: '2026-10-22', to: '2026-10-22', lines: [{ head: 'WS_ADVANCE_CARRYFORWARD', paise: -30000 }] });
  await addDemand(db, admin.tenantId, B, { type: 'waterConnection-arrears', from: '2026-04-01', to: '2026-08-31', lines: [{ head: '10102', paise: 10000 }] });
  await addDemand(db, admin.tenantId, B, { from: '2026-09-01', to: '2026-09-30', lines: [{ head: '10101', paise: 40000 }] });

  await at('2026-09-20');
  const e4 = await expense('2026-09-20', 400, 'Punjab Pumps');
  bills['E4'] = e4.billNo;
  await at('2026-10-06');
  bills['E2'] = (await expense('2026-10-06', 300, 'Sharma Chlorine')).billNo;
  await at('2026-10-07');
  const e3 = await expense('2026-10-07', 700, 'Sharma Chlorine');
  bills['E3'] = e3.billNo;
  await t.ok('expenses.cancel', { id: e3.id, reason: 'entered twice' }, admin.token);
  await at('2026-10-08');
  bills['E1'] = (await expense('2026-10-05', 1000, 'PSPCL', '2026-10-08')).billNo;
  await at('2026-10-09');
  await t.ok('expenses.markPaid', { id: e4.id, paidDate: '2026-10-09' }, admin.token);

  await at('2026-10-10');
  await pay(A, 200);
  await at('2026-10-12');
  const pb1 = await pay(B, 500);
  await at('2026-10-15');
  await t.ok('collections.cancelReceipt', { paymentId: pb1.paymentId, reason: 'wrong household' }, admin.token);
  await at('2026-10-20');
  await pay(B, 150);
  await deactivated(A, '2026-10-10T06:30:00.000Z');
  await deactivated(B, '2026-10-31T20:00:00.000Z');
  await at('2026-11-25');
});
afterEach(async () => {
  await t.close();
});

const view = (report: ReportKind, extra: Record<string, unknown> = {}) => t.ok('reports.view', { report, financialYear: '2026-27', ...extra }, admin.token);

describe('reports.view', () => {
  it('bill report: bill, penalty, advance and total per connection, reversed demands and arrears left out', async () => {
    const oct = await view('bill', { month: '2026-10' });
    expect(oct.columns.map((c) => c.key)).toEqual(['connectionNo', 'oldConnectionId', 'name', 'createdOn', 'billAmount', 'penalty', 'advance', 'totalAmount']);
    expect(oct.from).toBe('2026-10-01');
    expect(oct.to).toBe('2026-10-31');
    expect(oct.total).toBe(1);
    expect(oct.rows[0]).toMatchObject({ name: 'Gurpreet Kaur', billAmount: 25000, penalty: 2500, advance: 30000, totalAmount: 27500 });
    const sep = await view('bill', { month: '2026-09' });
    expect(sep.rows.map((r) => [r['name'], r['billAmount'], r['totalAmount']])).toEqual([['Gurpreet Kaur', 25000, 25000], ['Harjeet Singh', 40000, 40000]]);
    const fy = await view('bill');
    expect(fy.month).toBeNull();
    expect(fy.rows.map((r) => [r['name'], r['billAmount'], r['penalty'], r['advance'], r['totalAmount']])).toEqual([
      ['Gurpreet Kaur', 50000, 2500, 30000, 52500],
      ['Harjeet Singh', 40000, 0, 0, 40000],
    ]);
    expect(fy.years).toEqual(['2026-27', '2025-26', '2024-25', '2023-24', '2022-23']);
  });

  it('collection report: non-cancelled receipts of the period per connection and method', async () => {
    const oct = await view('collection', { month: '2026-10' });
    expect(oct.rows.map((r) => [r['name'], r['paymentMethod'], r['receipts'], r['totalAmount']])).toEqual([
      ['Gurpreet Kaur', 'CASH', 1, 20000],
      ['Harjeet Singh', 'CASH', 1, 15000],
    ]);
    expect((await view('collection', { month: '2026-09' })).total).toBe(0);
  });

  it('expense bill report: every bill dated in the period, the cancelled one with who and when', async () => {
    const oct = await view('expenseBill', { month: '2026-10' });
    expect(oct.rows.map((r) => [r['billNo'], r['vendor'], r['amount'], r['billDate'], r['status'], r['paidDate'], r['hasAttachment'], r['cancelledBy']])).toEqual([
      [bills['E1'], 'PSPCL', 100000, '2026-10-05', 'PAID', '2026-10-08', false, null],
      [bills['E2'], 'Sharma Chlorine', 30000, '2026-10-06', 'UNPAID', null, false, null],
      [bills['E3'], 'Sharma Chlorine', 70000, '2026-10-07', 'CANCELLED', null, false, ADMIN.name],
    ]);
    expect(oct.rows[2]!['cancelledAt']).toBe('2026-10-07T06:30:00.000Z');
    expect(oct.rows[0]).toMatchObject({ expenseType: 'ELECTRICITY_BILL', startDate: '2026-10-05', endDate: '2026-10-05' });
    const sep = await view('expenseBill', { month: '2026-09' });
    expect(sep.rows.map((r) => [r['billNo'], r['status'], r['paidDate']])).toEqual([[bills['E4'], 'PAID', '2026-10-09']]);
  });

  it('vendor report: vendors of the non-cancelled bills of the period', async () => {
    const oct = await view('vendor', { month: '2026-10' });
    expect(oct.rows).toEqual([
      { billNo: bills['E1'], vendor: 'PSPCL', mobile: '9888877777', expenseType: 'ELECTRICITY_BILL' },
      { billNo: bills['E2'], vendor: 'Sharma Chlorine', mobile: '9888877777', expenseType: 'ELECTRICITY_BILL' },
    ]);
    expect((await view('vendor')).total).toBe(3);
  });

  it('inactive consumer report: deactivations on the IST days of the period, with who did it', async () => {
    const oct = await view('inactiveConsumer', { month: '2026-10' });
    expect(oct.rows).toEqual([{ connectionNo: expect.any(String), name: 'Gurpreet Kaur', status: 'Active', inactivatedAt: '2026-10-10T06:30:00.000Z', inactivatedBy: ADMIN.name }]);
    const nov = await view('inactiveConsumer', { month: '2026-11' });
    expect(nov.rows.map((r) => r['name'])).toEqual(['Harjeet Singh']);
    expect((await view('inactiveConsumer')).total).toBe(2);
  });

  it('pages the rows in order', async () => {
    const p1 = await view('expenseBill', { pageSize: 10 });
    expect(p1.total).toBe(4);
    const p2 = await view('expenseBill', { page: 2, pageSize: 10 });
    expect(p2.rows).toEqual([]);
    expect(p2.total).toBe(4);
    expect(p1.rows.map((r) => r['billDate'])).toEqual(['2026-09-20', '2026-10-05', '2026-10-06', '2026-10-07']);
  });

  it('refuses a bad report, period or page with a message', async () => {
    const r = await t.err('reports.view', { report: 'ledger', financialYear: '2026-27' }, admin.token);
    expect(r.fields?.['report']?.key).toBe('reports.errors.report');
    for (const month of ['2026-12', '2025-10', '2026-13', 'oct']) {
      const e = await t.err('reports.view', { report: 'bill', financialYear: '2026-27', month }, admin.token);
      expect(e.code).toBe('VALIDATION');
      expect(e.fields?.['month']?.key).toBe('dashboard.errors.month');
    }
    const fy = await t.err('reports.view', { report: 'bill', financialYear: '2020-21' }, admin.token, 'hi');
    expect(fy.fields?.['financialYear']?.key).toBe('dashboard.errors.financialYear');
    const size = await t.err('reports.view', { report: 'bill', financialYear: '2026-27', pageSize: 7 }, admin.token, 'pa');
    expect(size.fields?.['pageSize']?.key).toBe('validation.pageSize');
    expect(JSON.stringify(size)).toContain('ਕਤਾਰਾਂ');
    const page = await t.err('reports.view', { report: 'bill', financialYear: '2026-27', page: 0 }, admin.token);
    expect(page.fields?.['page']?.message).toMatch(/whole number/);
  });

  it('is for the Reports card roles only', async () => {
    const operator = await t.addUser(['COLLECTION_OPERATOR']);
    expect((await t.err('reports.view', { report: 'bill', financialYear: '2026-27' }, operator.token)).code).toBe('FORBIDDEN');
    const clerk = await t.addUser(['EXPENSE_PROCESSING']);
    expect((await t.err('reports.xlsx', { report: 'vendor', financialYear: '2026-27' }, clerk.token)).code).toBe('FORBIDDEN');
    for (const role of ['DASHBOARD_VIEWER', 'SARPANCH', 'REVENUE_COLLECTOR']) {
      const u = await t.addUser([role]);
      expect((await t.ok('reports.view', { report: 'bill', financialYear: '2026-27' }, u.token)).total).toBe(2);
    }
    expect((await t.err('reports.view', { report: 'bill', financialYear: '2026-27' })).code).toBe('UNAUTHENTICATED');
  });
});

describe('reports.xlsx', () => {
  const read = async (base64: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  };

  it('the bill report of a month: headings, rupees as numbers, dd/mm/yyyy', async () => {
    const f = await t.ok('reports.xlsx', { report: 'bill', financialYear: '2026-27', month: '2026-10' }, admin.token);
    expect(f.fileName).toBe('Bill_Report_2026-10.xlsx');
    expect(f.rows).toBe(1);
    const s = await read(f.base64);
    expect(s.getRow(1).getCell(2).value).toBe('01/10/2026 to 31/10/2026');
    expect(s.getRow(2).values).toEqual([undefined, 'Connection ID', 'Old connection ID', 'Consumer name', 'Consumer created on', 'Bill amount', 'Penalty', 'Advance', 'Total amount']);
    const row = s.getRow(3);
    expect([row.getCell(3).value, row.getCell(5).value, row.getCell(6).value, row.getCell(7).value, row.getCell(8).value]).toEqual(['Gurpreet Kaur', 250, 25, 300, 275]);
    expect(String(row.getCell(4).value)).toMatch(/^\d\d\/\d\d\/\d{4}$/);
  });

  it('the expense bill report of the year in Hindi: types, status and yes/no translated, cancel time in IST', async () => {
    const f = await t.ok('reports.xlsx', { report: 'expenseBill', financialYear: '2026-27', lang: 'hi' }, admin.token);
    expect(f.fileName).toBe('Expense_Bill_Report_2026-27.xlsx');
    const s = await read(f.base64);
    expect(s.rowCount).toBe(2 + 4);
    expect(s.getRow(2).getCell(1).value).toBe('बिल आईडी');
    const cancelled = s.getRow(6);
    expect(cancelled.getCell(1).value).toBe(bills['E3']);
    expect(cancelled.getCell(4).value).toBe(700);
    expect(cancelled.getCell(10).value).toBe('नहीं');
    expect(cancelled.getCell(11).value).toBe('07/10/2026 12:00');
    expect(cancelled.getCell(12).value).toBe(ADMIN.name);
    expect(String(cancelled.getCell(2).value)).not.toBe('ELECTRICITY_BILL');
    expect(String(cancelled.getCell(8).value)).not.toBe('CANCELLED');
  });
});
