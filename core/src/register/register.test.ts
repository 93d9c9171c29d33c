import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { meteredInput, nonMeteredInput } from '../consumers/testkit.js';
import type { RegisterRow } from './contract.js';

let t: TestCore;
afterEach(() => t.close());

describe('consumers.register on a small GP', () => {
  // consumers/testkit.ts inputs are valid on 15 Dec 2023.
  beforeEach(async () => {
    t = await openTestCore('2023-12-15T06:30:00.000Z');
  });

  async function fixture() {
    const { token } = await t.setupAdmin();
    const mk = async (overrides: Parameters<typeof nonMeteredInput>[0]) => (await t.ok('consumers.create', nonMeteredInput(overrides), token)).connectionId;
    const owes = await mk({ name: 'Gurpreet Singh', oldConnectionId: 'A1', mobile: '9876500001', arrears: 500 });
    const advance = await mk({ name: 'Baljit Kaur', gender: 'FEMALE', oldConnectionId: 'A2', mobile: '9876500002', paymentType: 'advance', advance: 200, arrears: undefined, penalty: undefined });
    const metered = (await t.ok('consumers.create', meteredInput({ oldConnectionId: 'A3', mobile: '9876500003' }), token)).connectionId;
    const settled = await mk({ name: 'Kuldeep Singh', oldConnectionId: 'A4', mobile: '9876500004', arrears: 300, penalty: 20 });
    const cancelled = await mk({ name: 'Manjit Kaur', gender: 'FEMALE', oldConnectionId: 'A5', mobile: '9876500005', arrears: 400 });
    await t.ok('collections.collect', { connectionId: settled, amountRupees: 320, idempotencyKey: randomUUID() }, token);
    const p = await t.ok('collections.collect', { connectionId: cancelled, amountRupees: 150, idempotencyKey: randomUUID() }, token);
    await t.ok('collections.cancelReceipt', { paymentId: p.paymentId, reason: 'Wrong amount' }, token);
    await t.ok('collections.collect', { connectionId: owes, amountRupees: 100, idempotencyKey: randomUUID() }, token);
    return { token, owes, advance, metered, settled, cancelled };
  }

  it('counts every tab, puts a household with something pending under Pending and the rest under Paid, with the ledger amounts', async () => {
    const f = await fixture();
    const all = await t.ok('consumers.register', {}, f.token);
    expect(all.counts).toEqual({ all: 5, paid: 3, pending: 2 });
    expect(all.total).toBe(5);
    expect(all.asOf).toBe('2023-12-15');
    const by = new Map(all.rows.map((r) => [r.connectionId, r]));
    const owes = by.get(f.owes)!;
    expect(owes.pendingPaise).toBe(40_000);
    expect(owes.totalBillPaise).toBe(50_000);
    expect(owes.totalCollectedPaise).toBe(10_000);
    expect(owes.arrearsOnCreationPaise).toBe(50_000);
    expect(by.get(f.advance)!).toMatchObject({ pendingPaise: 0, advanceTodayPaise: 20_000, advanceOnCreationPaise: 20_000, totalBillPaise: 0 });
    expect(by.get(f.settled)!).toMatchObject({ pendingPaise: 0, advanceTodayPaise: 0, totalBillPaise: 32_000, totalCollectedPaise: 32_000, penaltyOnCreationPaise: 2_000 });
    // A cancelled receipt counts for nothing.
    expect(by.get(f.cancelled)!).toMatchObject({ pendingPaise: 40_000, totalCollectedPaise: 0 });
    expect(by.get(f.metered)!).toMatchObject({ metered: true, meterNumber: 'MTR4501', previousReading: 120, meterReadingDate: '2023-10-01', pendingPaise: 0 });
    expect(by.get(f.owes)!).toMatchObject({ metered: false, meterNumber: null, meterReadingDate: null, status: 'Active', createdOn: '2023-12-15' });
    // Exactly what billing.currentBill shows as due.
    for (const r of all.rows) {
      const bill = await t.ok('billing.currentBill', { connectionId: r.connectionId }, f.token);
      expect(r.pendingPaise, r.name).toBe(bill.netDuePaise);
      expect(r.advanceTodayPaise).toBe(Math.max(0, -bill.balancePaise));
    }

    const pending = await t.ok('consumers.register', { tab: 'pending' }, f.token);
    expect(pending.total).toBe(2);
    expect(pending.rows.map((r) => r.connectionId).sort()).toEqual([f.owes, f.cancelled].sort());
    const paid = await t.ok('consumers.register', { tab: 'paid' }, f.token);
    expect(paid.rows.map((r) => r.connectionId).sort()).toEqual([f.advance, f.metered, f.settled].sort());
    expect(paid.counts).toEqual(all.counts);
  });

  it('follows the ledger after every write: a payment, a cancelled receipt, a reversed demand (the kept sums are refreshed)', async () => {
    const f = await fixture();
    const row = async (id: string) => (await t.ok('consumers.register', { search: '' }, f.token)).rows.find((r) => r.connectionId === id)!;
    expect((await row(f.owes)).pendingPaise).toBe(40_000);
    const p = await t.ok('collections.collect', { connectionId: f.owes, amountRupees: 450, idempotencyKey: randomUUID(), confirmAdvance: true }, f.token);
    expect(await row(f.owes)).toMatchObject({ pendingPaise: 0, advanceTodayPaise: 5_000, totalCollectedPaise: 55_000 });
    expect((await t.ok('consumers.register', {}, f.token)).counts).toEqual({ all: 5, paid: 4, pending: 1 });
    await t.ok('collections.cancelReceipt', { paymentId: p.paymentId, reason: 'Wrong amount' }, f.token);
    expect(await row(f.owes)).toMatchObject({ pendingPaise: 40_000, advanceTodayPaise: 0, totalCollectedPaise: 10_000 });
    // Reversing the opening arrears of the household whose receipt was cancelled clears its dues.
    const detail = await t.ok('consumers.get', { connectionId: f.cancelled }, f.token);
    const opening = detail.demands.find((d) => d.opening && !d.cancelled)!;
    await t.ok('billing.reverseDemand', { demandId: opening.id, reason: 'Entered twice' }, f.token);
    expect(await row(f.cancelled)).toMatchObject({ pendingPaise: 0, totalBillPaise: 0 });
    for (const id of [f.owes, f.cancelled]) {
      const bill = await t.ok('billing.currentBill', { connectionId: id }, f.token);
      expect((await row(id)).pendingPaise).toBe(bill.netDuePaise);
    }
    // A new household appears at once, with nothing due.
    const fresh = (await t.ok('consumers.create', nonMeteredInput({ name: 'Navdeep Kaur', gender: 'FEMALE', oldConnectionId: 'A6', mobile: '9876500006' }), f.token)).connectionId;
    expect(await row(fresh)).toMatchObject({ pendingPaise: 0, totalBillPaise: 0 });
  });

  it('searches name or new connection ID, partially; the counts follow the search', async () => {
    const f = await fixture();
    const s = await t.ok('consumers.register', { search: 'kaur' }, f.token);
    expect(s.rows.map((r) => r.name).sort()).toEqual(['Baljit Kaur', 'Harjeet Kaur', 'Manjit Kaur']);
    expect(s.counts).toEqual({ all: 3, paid: 2, pending: 1 });
    const one = (await t.ok('consumers.register', {}, f.token)).rows.find((r) => r.connectionId === f.settled)!;
    const byNo = await t.ok('consumers.register', { search: one.connectionNo.slice(-8) }, f.token);
    expect(byNo.rows.map((r) => r.connectionId)).toEqual([f.settled]);
    // LIKE wildcards typed by the clerk are plain characters.
    expect((await t.ok('consumers.register', { search: '%' }, f.token)).counts.all).toBe(0);
    expect((await t.ok('consumers.register', { search: 'nobody' }, f.token)).rows).toEqual([]);
  });

  it('sorts by connection ID, pending collections and last bill date, both ways; pages with the chosen size', async () => {
    const f = await fixture();
    const asc = await t.ok('consumers.register', { sort: 'connectionNo', direction: 'asc' }, f.token);
    const nos = asc.rows.map((r) => r.connectionNo);
    expect(nos).toEqual([...nos].sort());
    const desc = await t.ok('consumers.register', { sort: 'connectionNo', direction: 'desc' }, f.token);
    expect(desc.rows.map((r) => r.connectionNo)).toEqual([...nos].reverse());
    const byPending = await t.ok('consumers.register', { sort: 'pending', direction: 'desc' }, f.token);
    const amounts = byPending.rows.map((r) => r.pendingPaise);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(amounts[0]).toBe(40_000);
    const up = await t.ok('consumers.register', { sort: 'pending', direction: 'asc' }, f.token);
    expect(up.rows.at(-1)!.pendingPaise).toBe(40_000);
    // Nobody has a bill yet: all last bill dates are empty and the order falls back to connection ID.
    const byBill = await t.ok('consumers.register', { sort: 'lastBillDate', direction: 'desc' }, f.token);
    expect(byBill.rows.every((r) => r.lastBillDate === null)).toBe(true);

    const p1 = await t.ok('consumers.register', { pageSize: 10, page: 1 }, f.token);
    expect(p1.rows).toHaveLength(5);
    const p2 = await t.ok('consumers.register', { pageSize: 10, page: 2 }, f.token);
    expect(p2.rows).toEqual([]);
    expect(p2.counts).toEqual({ all: 5, paid: 3, pending: 2 });
  });

  it('refuses a page size other than 10/20/30/40/50 with its message, in the caller\'s language; and callers without the card\'s roles', async () => {
    const { token } = await t.setupAdmin();
    const e = await t.err('consumers.register', { pageSize: 15 }, token);
    expect(e.code).toBe('VALIDATION');
    expect(e.fields?.['pageSize']?.message).toBe('Rows per page must be 10, 20, 30, 40 or 50.');
    const hi = await t.err('consumers.register', { pageSize: 100 }, token, 'hi');
    expect(hi.fields?.['pageSize']?.message).toBe('प्रति पृष्ठ पंक्तियाँ 10, 20, 30, 40 या 50 होनी चाहिए।');
    expect((await t.err('consumers.register', { page: 0 }, token)).fields?.['page']?.message).toBe('The page number must be a whole number from 1.');
    expect((await t.err('consumers.register', { tab: 'unpaid' }, token)).fields?.['tab']).toBeDefined();
    expect((await t.err('consumers.register', { sort: 'name' }, token)).fields?.['sort']).toBeDefined();
    const clerk = await t.addUser(['EXPENSE_PROCESSING']);
    expect((await t.err('consumers.register', {}, clerk.token)).code).toBe('FORBIDDEN');
  });
});

describe('consumers.register on the demo GP', () => {
  beforeEach(async () => {
    t = await openTestCore();
  });

  it('agrees with billing.currentBill for every household, pages and sorts over all of them, and downloads what is shown', async () => {
    const demo = await t.ok('setup.loadDemo', {});
    const sarpanch = demo.users.find((u) => u.role === 'SARPANCH')!;
    const { token } = await t.ok('auth.signIn', { mobile: sarpanch.mobile, password: sarpanch.password });
    const first = await t.ok('consumers.register', { sort: 'pending', direction: 'desc', pageSize: 50 }, token);
    expect(first.counts.all).toBeGreaterThan(50);
    expect(first.counts.paid).toBeGreaterThan(0);
    expect(first.counts.pending).toBeGreaterThan(0);
    expect(first.counts.paid + first.counts.pending).toBe(first.counts.all);
    const rows: RegisterRow[] = [];
    for (let page = 1; (page - 1) * 50 < first.counts.all; page++) rows.push(...(await t.ok('consumers.register', { sort: 'pending', direction: 'desc', pageSize: 50, page }, token)).rows);
    expect(rows).toHaveLength(first.counts.all);
    expect(new Set(rows.map((r) => r.connectionId)).size).toBe(first.counts.all);
    const amounts = rows.map((r) => r.pendingPaise);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    let sawPaid = false;
    let sawPending = false;
    for (const r of rows) {
      const bill = await t.ok('billing.currentBill', { connectionId: r.connectionId }, token);
      expect(r.pendingPaise, r.connectionNo).toBe(bill.netDuePaise);
      expect(r.lastBillDate, r.connectionNo).toBe(bill.billDate);
      if (bill.netDuePaise === 0) sawPaid = true;
      else sawPending = true;
    }
    expect(sawPaid && sawPending).toBe(true);
    expect(rows.filter((r) => r.pendingPaise > 0)).toHaveLength(first.counts.pending);

    const dates = (await t.ok('consumers.register', { sort: 'lastBillDate', direction: 'desc', pageSize: 50 }, token)).rows.map((r) => r.lastBillDate ?? '');
    expect(dates.filter(Boolean)).toEqual([...dates.filter(Boolean)].sort().reverse());

    const x = await t.ok('consumers.registerXlsx', { tab: 'pending', sort: 'pending', direction: 'desc' }, token);
    expect(x.fileName).toBe('HH_Register_2026-11-25.xlsx');
    expect(x.rows).toBe(first.counts.pending);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe('Connection ID');
    expect(sheet.rowCount).toBe(2 + first.counts.pending);
    const topPending = rows[0]!;
    expect(String(sheet.getRow(3).getCell(1).value)).toContain(topPending.connectionNo);
    expect(sheet.getRow(3).getCell(20).value).toBe(topPending.pendingPaise / 100);

    const pdf = await t.ok('consumers.registerPdf', { search: rows[0]!.name.slice(0, 4) }, token, 'hi');
    expect(pdf.fileName).toBe('HH_Register_2026-11-25.pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rows).toBeGreaterThan(0);
    expect(pdf.truncated).toBe(false);
  }, 120_000);
});
