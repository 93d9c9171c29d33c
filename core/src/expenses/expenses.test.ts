import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';
import { financialYear, todayInKolkata } from './rules.js';
import { ELECTRICITY_BILL } from './testkit.js';

// Harness clock: 2026-11-25T06:30Z = 25/11/2026 12:00 IST, FY 2026-27.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF = Buffer.from('%PDF-1.4\n');
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
const file = (name: string, head: Buffer, size = 64) => {
  const bytes = Buffer.alloc(size, 7);
  head.copy(bytes);
  return { name, contentBase64: bytes.toString('base64') };
};

const base = ELECTRICITY_BILL;

let t: TestCore;
let token: string;
let tenantId: string;

beforeEach(async () => {
  t = await openTestCore();
  ({ token, tenantId } = await t.setupAdmin());
});
afterEach(async () => {
  await t.close();
});

async function counts() {
  const n = async (table: 'expenses' | 'vendors' | 'expense_attachments' | 'expense_events' | 'audit_log' | 'outbox') =>
    Number((await t.core.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    expenses: await n('expenses'),
    vendors: await n('vendors'),
    attachments: await n('expense_attachments'),
    events: await n('expense_events'),
    audit: await n('audit_log'),
    outbox: await n('outbox'),
    files: documentFiles(),
  };
}

function documentFiles(): string[] {
  const root = path.join(t.dataDir, 'documents');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}

/** Move the clock (sessions expire when idle) and sign in again. */
async function jumpTo(iso: string) {
  t.clock.set(iso);
  token = (await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).token;
}

/** The call fails with VALIDATION, `field` carries `key`, and nothing at all was stored. */
async function rejected(input: Record<string, unknown>, field: string, key: string, op = 'expenses.create') {
  const before = await counts();
  const e = await t.err(op, input, token);
  expect(e.code).toBe('VALIDATION');
  expect(e.fields?.[field]?.key).toBe(key);
  expect(await counts()).toEqual(before);
  return e;
}

describe('rules', () => {
  it('computes today in Asia/Kolkata and the April–March financial year', () => {
    expect(todayInKolkata(new Date('2026-11-25T18:29:00Z'))).toBe('2026-11-25');
    expect(todayInKolkata(new Date('2026-11-25T18:30:00Z'))).toBe('2026-11-26');
    expect(financialYear('2026-03-31')).toBe('2025-26');
    expect(financialYear('2026-04-01')).toBe('2026-27');
    expect(financialYear('2099-12-01')).toBe('2099-00');
  });
});

describe('expenses.create', () => {
  it('stores the bill in paise with an EB number from the device series, registers the vendor, audits', async () => {
    const r = await t.ok('expenses.create', base, token);
    const code = t.core.device.code;
    expect(r.billNo).toBe(`EB-2026-27-${code}-0001`);
    const r2 = await t.ok('expenses.create', { ...base, vendorMobile: undefined }, token);
    expect(r2.billNo).toBe(`EB-2026-27-${code}-0002`);
    const d = await t.ok('expenses.get', { id: r.id }, token);
    expect(d).toMatchObject({
      billNo: r.billNo,
      typeCode: 'ELECTRICITY_BILL',
      typeName: 'Electricity Bill',
      taxHead: '20101',
      vendorName: 'PSPCL',
      vendorMobile: '9876512345',
      amountPaise: 452_000,
      status: 'UNPAID',
      editable: true,
      partyBillDate: '2026-11-18',
    });
    expect(d.history.map((h) => h.kind)).toEqual(['CREATED']);
    expect(d.history[0]?.user?.name).toBe('Ram Singh');
    const vendors = await t.core.db.selectFrom('vendors').selectAll().execute();
    expect(vendors).toHaveLength(1);
    const audit = await t.core.db.selectFrom('audit_log').select('action').where('entity', 'in', ['expense', 'vendor']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['expenses.created', 'expenses.created', 'vendors.create']);
    // Replicated: every row has its outbox entry.
    const outboxTables = (await t.core.db.selectFrom('outbox').select('table_name').execute()).map((o) => o.table_name);
    expect(outboxTables).toEqual(expect.arrayContaining(['vendors', 'expenses', 'expense_events']));
  });

  it('takes the boundary amounts 1 and 9,99,999', async () => {
    await t.ok('expenses.create', { ...base, amountRupees: 1 }, token);
    const r = await t.ok('expenses.create', { ...base, amountRupees: 999_999 }, token);
    expect((await t.ok('expenses.get', { id: r.id }, token)).amountPaise).toBe(99_999_900);
  });

  it('creates a bill already paid, with the payment recorded as a transition', async () => {
    const r = await t.ok('expenses.create', { ...base, isPaid: true, paidDate: '2026-11-25' }, token);
    const d = await t.ok('expenses.get', { id: r.id }, token);
    expect(d).toMatchObject({ status: 'PAID', paidDate: '2026-11-25', editable: false, paidBy: { name: 'Ram Singh' } });
    expect(d.history.map((h) => h.kind)).toEqual(['CREATED', 'PAID']);
  });

  it('E11: amount 0, 1,000,000 (7 digits) and fractions are refused, nothing stored', async () => {
    await rejected({ ...base, amountRupees: 0 }, 'amountRupees', 'expenses.amountMin');
    const e = await rejected({ ...base, amountRupees: 1_000_000 }, 'amountRupees', 'expenses.amountMax');
    expect(e.fields?.['amountRupees']?.message).toBe('Amount can be at most ₹9,99,999.');
    await rejected({ ...base, amountRupees: 12.5 }, 'amountRupees', 'expenses.amountWhole');
    await rejected({ ...base, amountRupees: -5 }, 'amountRupees', 'expenses.amountMin');
  });

  it('E11: a future bill date is refused (today in Asia/Kolkata)', async () => {
    await rejected({ ...base, billDate: '2026-11-26' }, 'billDate', 'expenses.billDateFuture');
    // 25/11 23:59 IST is still the 25th; 26/11 00:00 IST is the 26th.
    await jumpTo('2026-11-25T18:29:00Z');
    await rejected({ ...base, billDate: '2026-11-26' }, 'billDate', 'expenses.billDateFuture');
    await jumpTo('2026-11-25T18:30:00Z');
    await t.ok('expenses.create', { ...base, billDate: '2026-11-26' }, token);
  });

  it('E11: paid date before the bill date, after today, or missing is refused', async () => {
    await rejected({ ...base, isPaid: true, paidDate: '2026-11-19' }, 'paidDate', 'expenses.paidDateBeforeBillDate');
    await rejected({ ...base, isPaid: true, paidDate: '2026-11-26' }, 'paidDate', 'expenses.paidDateFuture');
    await rejected({ ...base, isPaid: true }, 'paidDate', 'expenses.paidDateRequired');
    await rejected({ ...base, isPaid: false, paidDate: '2026-11-21' }, 'paidDate', 'expenses.paidDateWithoutPaid');
  });

  it('E11: service period start after end, after the bill date, or across financial years is refused', async () => {
    await rejected({ ...base, periodFrom: '2026-11-10', periodTo: '2026-11-05' }, 'periodFrom', 'expenses.fromDateAfterToDate');
    const e = await rejected({ ...base, periodFrom: '2026-11-21', periodTo: '2026-11-21' }, 'periodFrom', 'expenses.fromDateAfterBillDate');
    expect(e.fields?.['periodFrom']?.message).toBe('Expense start date cannot be after the bill date.');
    await rejected({ ...base, periodFrom: '2026-11-01', periodTo: '2026-11-22' }, 'periodTo', 'expenses.toDateAfterBillDate');
    await rejected(
      { ...base, billDate: '2026-04-20', partyBillDate: undefined, periodFrom: '2026-03-15', periodTo: '2026-04-10' },
      'periodTo',
      'expenses.periodAcrossFinancialYears',
    );
    await rejected({ ...base, partyBillDate: '2026-11-21' }, 'partyBillDate', 'expenses.partyBillDateAfterBillDate');
    await rejected({ ...base, billDate: '2026-02-30' }, 'billDate', 'expenses.dateFormat');
  });

  it('refuses an unknown type, a vendor name with digits, and a new vendor without mobile', async () => {
    await rejected({ ...base, typeCode: 'PARTY' }, 'typeCode', 'expenses.unknownType');
    await rejected({ ...base, vendorName: 'Vendor 42' }, 'vendorName', 'expenses.vendorNameLetters');
    await rejected({ ...base, vendorName: 'Sharma Hardware', vendorMobile: undefined }, 'vendorMobile', 'expenses.vendorMobileRequired');
    await rejected({ ...base, vendorMobile: '12345' }, 'vendorMobile', 'validation.mobileLength');
  });

  it('speaks the caller\'s language', async () => {
    const e = await t.err('expenses.create', { ...base, billDate: '2026-12-01' }, token, 'hi');
    expect(e.fields?.['billDate']?.message).toBe('बिल की तारीख भविष्य की नहीं हो सकती।');
    const p = await t.err('expenses.create', { ...base, billDate: '2026-12-01' }, token, 'pa');
    expect(p.fields?.['billDate']?.message).toBe('ਬਿੱਲ ਦੀ ਮਿਤੀ ਭਵਿੱਖ ਦੀ ਨਹੀਂ ਹੋ ਸਕਦੀ।');
  });
});

describe('attachments', () => {
  it('stores files in documents/<tenant>/<sha256> and reads them back', async () => {
    const files = [file('bill.pdf', PDF, 1000), file('photo.JPG', JPG, 2000), file('scan.png', PNG, 3000)];
    const r = await t.ok('expenses.create', { ...base, attachments: files }, token);
    const d = await t.ok('expenses.get', { id: r.id }, token);
    expect(d.attachments.map((a) => [a.fileName, a.mime, a.sizeBytes])).toEqual([
      ['bill.pdf', 'application/pdf', 1000],
      ['photo.JPG', 'image/jpeg', 2000],
      ['scan.png', 'image/png', 3000],
    ]);
    for (const [i, a] of d.attachments.entries()) {
      expect(fs.existsSync(path.join(t.dataDir, 'documents', tenantId, a.sha256))).toBe(true);
      const back = await t.ok('expenses.attachment', { attachmentId: a.id }, token);
      expect(back.contentBase64).toBe(files[i]?.contentBase64);
    }
    expect(documentFiles().some((f) => f.startsWith('.tmp-'))).toBe(false);
  });

  it('takes a file of exactly 5,000,000 bytes', async () => {
    await t.ok('expenses.create', { ...base, attachments: [file('big.pdf', PDF, 5_000_000)] }, token);
  });

  it('refuses a 6 MB file, 5,000,001 bytes, a .docx, a png that is a PDF, path characters, 6 files — nothing stored, no file left', async () => {
    await rejected({ ...base, attachments: [file('big.pdf', PDF, 6_000_000)] }, 'attachments.0.contentBase64', 'expenses.attachmentTooLarge');
    await rejected({ ...base, attachments: [file('big.pdf', PDF, 5_000_001)] }, 'attachments.0.contentBase64', 'expenses.attachmentTooLarge');
    await rejected({ ...base, attachments: [file('letter.docx', Buffer.from('PK\x03\x04'))] }, 'attachments.0.name', 'expenses.attachmentType');
    const e = await rejected(
      { ...base, attachments: [file('ok.pdf', PDF), file('fake.png', PDF)] },
      'attachments.1.contentBase64',
      'expenses.attachmentContentMismatch',
    );
    expect(e.fields?.['attachments.1.contentBase64']?.message).toBe("The file's content is not a .png file.");
    await rejected({ ...base, attachments: [file('../../etc/x.png', PNG)] }, 'attachments.0.name', 'expenses.attachmentBadName');
    await rejected({ ...base, attachments: [file('a\\b.pdf', PDF)] }, 'attachments.0.name', 'expenses.attachmentBadName');
    await rejected({ ...base, attachments: [file('dir/b.pdf', PDF)] }, 'attachments.0.name', 'expenses.attachmentBadName');
    await rejected({ ...base, attachments: [file('nul\u0000.pdf', PDF)] }, 'attachments.0.name', 'expenses.attachmentBadName');
    await rejected({ ...base, attachments: [{ name: 'x.pdf', contentBase64: '%%%%' }] }, 'attachments.0.contentBase64', 'expenses.attachmentNotBase64');
    await rejected({ ...base, attachments: Array.from({ length: 6 }, (_, i) => file(`f${i}.pdf`, PDF)) }, 'attachments', 'expenses.tooManyAttachments');
    expect(documentFiles()).toEqual([]);
  });

  it('leaves no file behind when the transaction fails after the files were written', async () => {
    await sql`CREATE TRIGGER test_fail BEFORE INSERT ON expense_events BEGIN SELECT RAISE(ABORT, 'boom'); END`.execute(t.core.db);
    const before = await counts();
    const e = await t.err('expenses.create', { ...base, attachments: [file('bill.pdf', PDF, 5000)] }, token);
    expect(e.code).toBe('INTERNAL');
    expect(await counts()).toEqual(before);
    expect(documentFiles()).toEqual([]);
  });

  it('adds up to 5 in all and removes them on an unpaid bill, with history', async () => {
    const r = await t.ok('expenses.create', { ...base, attachments: [file('a.pdf', PDF, 10), file('b.pdf', PDF, 11)] }, token);
    const before = await counts();
    const e = await t.err('expenses.addAttachments', { id: r.id, attachments: [1, 2, 3, 4].map((i) => file(`c${i}.png`, PNG, 20 + i)) }, token);
    expect(e.fields?.['attachments']?.key).toBe('expenses.tooManyAttachments');
    expect(await counts()).toEqual(before);
    let d = await t.ok('expenses.addAttachments', { id: r.id, attachments: [file('c.png', PNG, 30)] }, token);
    expect(d.attachments).toHaveLength(3);
    d = await t.ok('expenses.removeAttachment', { id: r.id, attachmentId: d.attachments[0]!.id }, token);
    expect(d.attachments.map((a) => a.fileName)).toEqual(['b.pdf', 'c.png']);
    expect(d.history.map((h) => h.kind)).toEqual(['CREATED', 'ATTACHED', 'DETACHED']);
  });
});

describe('modify, mark paid, cancel', () => {
  it('updates an unpaid bill field by field, auditing old → new; bill id and type stay', async () => {
    const r = await t.ok('expenses.create', base, token);
    t.clock.advanceMinutes(5);
    const d = await t.ok('expenses.update', { id: r.id, amountRupees: 5000, billDate: '2026-11-21', partyBillDate: null }, token);
    expect(d).toMatchObject({ amountPaise: 500_000, billDate: '2026-11-21', partyBillDate: null, billNo: r.billNo, typeCode: 'ELECTRICITY_BILL' });
    const upd = d.history.at(-1)!;
    expect(upd.kind).toBe('UPDATED');
    expect(upd.changes).toEqual({ amountPaise: [452_000, 500_000], billDate: ['2026-11-20', '2026-11-21'], partyBillDate: ['2026-11-18', null] });
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'expenses.updated').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.changes)).toEqual(upd.changes);
    // Unknown keys (type, bill number) are not accepted as changes.
    const again = await t.ok('expenses.update', { id: r.id, typeCode: 'SALARY', billNo: 'X' } as never, token);
    expect(again.typeCode).toBe('ELECTRICITY_BILL');
    expect(again.history).toHaveLength(2); // nothing changed, nothing recorded
    // The same rules as on create, against the stored values.
    await rejected({ id: r.id, periodFrom: '2026-11-22' }, 'periodFrom', 'expenses.fromDateAfterBillDate', 'expenses.update');
    await rejected({ id: r.id, amountRupees: 0 }, 'amountRupees', 'expenses.amountMin', 'expenses.update');
    await rejected({ id: r.id, vendorName: 'Gill Electricals' }, 'vendorMobile', 'expenses.vendorMobileRequired', 'expenses.update');
    const v = await t.ok('expenses.update', { id: r.id, vendorName: 'Gill Electricals', vendorMobile: '9812300000' }, token);
    expect(v.vendorName).toBe('Gill Electricals');
    expect(v.history.at(-1)?.changes).toEqual({ vendorName: ['PSPCL', 'Gill Electricals'] });
  });

  it('marks paid with a date between bill date and today; the bill is then read-only, also in the database', async () => {
    const r = await t.ok('expenses.create', base, token);
    await rejected({ id: r.id, paidDate: '2026-11-19' }, 'paidDate', 'expenses.paidDateBeforeBillDate', 'expenses.markPaid');
    await rejected({ id: r.id, paidDate: '2026-11-26' }, 'paidDate', 'expenses.paidDateFuture', 'expenses.markPaid');
    const d = await t.ok('expenses.markPaid', { id: r.id, paidDate: '2026-11-24' }, token);
    expect(d).toMatchObject({ status: 'PAID', paidDate: '2026-11-24', editable: false });
    expect(d.history.at(-1)).toMatchObject({ kind: 'PAID', changes: { status: ['UNPAID', 'PAID'], paidDate: [null, '2026-11-24'] } });
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'expenses.paid').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes)).toMatchObject({ status: ['UNPAID', 'PAID'] });

    const before = await counts();
    for (const [op, input] of [
      ['expenses.update', { id: r.id, amountRupees: 1 }],
      ['expenses.markPaid', { id: r.id, paidDate: '2026-11-25' }],
      ['expenses.addAttachments', { id: r.id, attachments: [file('a.pdf', PDF)] }],
    ] as const) {
      const e = await t.err(op, input, token);
      expect(e).toMatchObject({ code: 'CONFLICT', key: 'expenses.paidReadOnly' });
    }
    const c = await t.err('expenses.cancel', { id: r.id, reason: 'wrong' }, token);
    expect(c).toMatchObject({ code: 'CONFLICT', key: 'expenses.cannotCancelPaid' });
    expect(await counts()).toEqual(before);
    await expect(t.core.db.updateTable('expenses').set({ amount_paise: 100 }).where('id', '=', r.id).execute()).rejects.toThrow(/read-only/);
    await expect(t.core.db.deleteFrom('expenses').where('id', '=', r.id).execute()).rejects.toThrow(/never deleted/);
    await expect(t.core.db.deleteFrom('expense_events').execute()).rejects.toThrow(/append-only/);
  });

  it('cancels an unpaid bill only with a reason; it is then read-only', async () => {
    const r = await t.ok('expenses.create', base, token);
    await rejected({ id: r.id, reason: '  ' }, 'reason', 'expenses.cancelReasonRequired', 'expenses.cancel');
    await rejected({ id: r.id }, 'reason', 'expenses.cancelReasonRequired', 'expenses.cancel');
    const d = await t.ok('expenses.cancel', { id: r.id, reason: 'Entered twice' }, token);
    expect(d).toMatchObject({ status: 'CANCELLED', cancelReason: 'Entered twice', cancelledBy: { name: 'Ram Singh' }, editable: false });
    expect(d.history.at(-1)).toMatchObject({ kind: 'CANCELLED', reason: 'Entered twice' });
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'expenses.cancelled').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes)).toEqual({ status: ['UNPAID', 'CANCELLED'], reason: 'Entered twice' });
    for (const [op, input] of [
      ['expenses.update', { id: r.id, amountRupees: 1 }],
      ['expenses.markPaid', { id: r.id, paidDate: '2026-11-25' }],
      ['expenses.cancel', { id: r.id, reason: 'again' }],
    ] as const) {
      expect(await t.err(op, input, token)).toMatchObject({ code: 'CONFLICT', key: 'expenses.cancelledReadOnly' });
    }
  });

  it('NOT_FOUND for a bill of another id', async () => {
    const e = await t.err('expenses.get', { id: '01900000-0000-7000-8000-000000000001' }, token);
    expect(e).toMatchObject({ code: 'NOT_FOUND', key: 'expenses.notFound' });
  });
});

describe('search and vendors', () => {
  async function seed() {
    const a = await t.ok('expenses.create', base, token);
    const b = await t.ok('expenses.create', { ...base, typeCode: 'SALARY', vendorName: 'Balwinder Singh', vendorMobile: '9888800001', amountRupees: 6000 }, token);
    const c = await t.ok('expenses.create', { ...base, typeCode: 'CHLORINATION', vendorName: 'Singla Chemicals', vendorMobile: '9888800002', amountRupees: 800 }, token);
    await t.ok('expenses.markPaid', { id: b.id, paidDate: '2026-11-25' }, token);
    await t.ok('expenses.cancel', { id: c.id, reason: 'Duplicate' }, token);
    return { a, b, c };
  }

  it('needs at least one of vendor, type or bill id', async () => {
    await rejected({}, 'vendor', 'expenses.noFieldsFilled', 'expenses.search');
    const e = await t.err('expenses.search', { status: 'PAID' }, token);
    expect(e).toMatchObject({ code: 'VALIDATION', key: 'expenses.noFieldsFilled', message: 'Fill at least one of vendor name, expense type or bill ID.' });
  });

  it('finds by vendor fragment (any case), type, bill id fragment, status; paginates', async () => {
    const { a, b, c } = await seed();
    const s = await t.ok('expenses.search', { vendor: 'SINg' }, token);
    expect(s.items.map((i) => i.id).sort()).toEqual([b.id, c.id].sort());
    expect(s.total).toBe(2);
    expect((await t.ok('expenses.search', { vendor: 'sing', status: 'CANCELLED' }, token)).items.map((i) => [i.id, i.status])).toEqual([[c.id, 'CANCELLED']]);
    expect((await t.ok('expenses.search', { typeCode: 'SALARY' }, token)).items.map((i) => [i.id, i.status, i.vendorName])).toEqual([[b.id, 'PAID', 'Balwinder Singh']]);
    expect((await t.ok('expenses.search', { billNo: a.billNo.toLowerCase() }, token)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await t.ok('expenses.search', { billNo: '-0002' }, token)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await t.ok('expenses.search', { vendor: '%' }, token)).total).toBe(0); // wildcards are literal
    const p = await t.ok('expenses.search', { vendor: 'l', pageSize: 2, page: 2 }, token);
    expect(p).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p.items).toHaveLength(1);
  });

  it('pages a broad vendor fragment (over 2,000 matches) newest first, the same as a narrow one', async () => {
    await t.ok('expenses.create', base, token);
    const vendor = await t.core.db.selectFrom('vendors').select('id').executeTakeFirstOrThrow();
    const rows = Array.from({ length: 2100 }, (_, i) => ({
      id: `01900000-0000-7000-9000-${String(i).padStart(12, '0')}`, tenant_id: tenantId, bill_no: `EB-T-${String(i).padStart(5, '0')}`,
      type_code: 'SALARY', vendor_id: vendor.id, amount_paise: 100, bill_date: `2026-${String(1 + (i % 9)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      party_bill_date: null, period_from: '2026-04-01', period_to: '2026-04-01', status: i % 4 ? 'PAID' : 'UNPAID', paid_date: null, paid_at: null,
      paid_by: null, cancelled_at: null, cancelled_by: null, cancel_reason: null, created_at: '2026-11-25T00:00:00Z', created_by: null, updated_at: '0',
    }));
    for (let i = 0; i < rows.length; i += 300) await t.core.db.insertInto('expenses').values(rows.slice(i, i + 300) as never).execute();
    const broad = await t.ok('expenses.search', { vendor: 'ps', page: 3, pageSize: 10 }, token);
    const narrow = await t.ok('expenses.search', { vendorId: vendor.id, page: 3, pageSize: 10 }, token);
    expect(broad.total).toBe(2101);
    expect(broad.items.map((i) => i.billNo)).toEqual(narrow.items.map((i) => i.billNo));
    const dates = (await t.ok('expenses.search', { vendor: 'ps', status: 'UNPAID', pageSize: 100 }, token)).items.map((i) => i.billDate + i.billNo);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('registers a vendor once by name (case and spaces ignored), suggests it, lists bills, edits the mobile with audit', async () => {
    await seed();
    const again = await t.ok('expenses.create', { ...base, vendorName: '  balwinder   SINGH ', vendorMobile: undefined, typeCode: 'INCENTIVES' }, token);
    const d = await t.ok('expenses.get', { id: again.id }, token);
    expect(d.vendorName).toBe('Balwinder Singh');
    expect(d.vendorMobile).toBe('9888800001');
    const list = await t.ok('vendors.list', {}, token);
    expect(list.items.map((v) => [v.name, v.billCount, v.unpaidCount, v.totalPaise])).toEqual([
      ['Balwinder Singh', 2, 1, 600_000 + 452_000],
      ['PSPCL', 1, 1, 452_000],
      ['Singla Chemicals', 1, 0, 0],
    ]);
    expect((await t.ok('vendors.suggest', { prefix: 'si' }, token)).map((v) => v.name)).toEqual(['Singla Chemicals', 'Balwinder Singh']);
    expect(await t.ok('vendors.suggest', { prefix: '' }, token)).toEqual([]);
    const balwinder = list.items[0]!;
    const u = await t.ok('vendors.update', { id: balwinder.id, mobile: '9000000009' }, token);
    expect(u.mobile).toBe('9000000009');
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'vendors.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes)).toEqual({ mobile: ['9888800001', '9000000009'] });
    expect((await t.ok('expenses.search', { vendorId: balwinder.id }, token)).total).toBe(2);
  });
});

describe('roles', () => {
  it('FORBIDDEN without an expense role; EXPENSE_PROCESSING and SECRETARY may', async () => {
    const r = await t.ok('expenses.create', base, token);
    const collector = await t.addUser(['REVENUE_COLLECTOR']);
    const before = await counts();
    for (const [op, input] of [
      ['expenses.create', base],
      ['expenses.search', { vendor: 'p' }],
      ['expenses.get', { id: r.id }],
      ['expenses.update', { id: r.id, amountRupees: 2 }],
      ['expenses.markPaid', { id: r.id, paidDate: '2026-11-25' }],
      ['expenses.cancel', { id: r.id, reason: 'x' }],
      ['vendors.list', {}],
      ['vendors.update', { id: r.id, mobile: '9876500000' }],
    ] as const) {
      expect((await t.err(op, input, collector.token)).code).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
    expect((await t.err('expenses.search', { vendor: 'p' })).code).toBe('UNAUTHENTICATED');
    const clerk = await t.addUser(['EXPENSE_PROCESSING']);
    await t.ok('expenses.create', base, clerk.token);
    const secretary = await t.addUser(['SECRETARY']);
    expect((await t.ok('expenses.search', { vendor: 'p' }, secretary.token)).total).toBe(2);
  });
});

describe('reminders', () => {
  it('adds "enter new expenditure" and "mark paid" once per fortnight, catching up after the PC was off', async () => {
    let n = await t.ok('notifications.list', {}, token);
    // 25 Nov: the fortnight of 15 Nov; no unpaid bills yet, so only "enter new expenditure".
    expect(n.items.map((i) => i.code)).toEqual(['expenses.notifications.newExpenditure']);
    expect(n.items[0]).toMatchObject({ title: 'Enter new expenditure', body: 'Record the expense bills of the fortnight from 15/11/2026.', actionRoute: '/expenses/new' });
    await t.ok('expenses.create', base, token);
    await t.ok('expenses.create', base, token);
    n = await t.ok('notifications.list', {}, token);
    // Same fortnight: "mark paid" was not due when the fortnight's run happened… but it had not
    // been added yet, so it is added now with the count; "new expenditure" is not repeated.
    expect(n.items.map((i) => i.code).sort()).toEqual(['expenses.notifications.markPaid', 'expenses.notifications.newExpenditure']);
    expect(n.items.find((i) => i.code === 'expenses.notifications.markPaid')?.body).toBe('2 expense bill(s) are awaiting payment confirmation.');
    expect((await t.ok('notifications.list', {}, token)).total).toBe(2); // idempotent
    // PC off over 1 December; opened on 3 December: the 1 December reminders appear once.
    await jumpTo('2026-12-03T04:00:00Z');
    n = await t.ok('notifications.list', {}, token);
    expect(n.total).toBe(4);
    expect((await t.ok('notifications.list', {}, token)).total).toBe(4);
    const rows = await t.core.db.selectFrom('notifications').select(['code', 'period_key']).orderBy('period_key').orderBy('code').execute();
    expect(rows).toEqual([
      { code: 'expenses.notifications.markPaid', period_key: '2026-11-15' },
      { code: 'expenses.notifications.newExpenditure', period_key: '2026-11-15' },
      { code: 'expenses.notifications.markPaid', period_key: '2026-12-01' },
      { code: 'expenses.notifications.newExpenditure', period_key: '2026-12-01' },
    ]);
    // Each new reminder queued its SMS (SPEC §8.1) for the GP's expense users, once.
    const sms = await t.core.db.selectFrom('sms_outbox').select(['template_key', 'to_mobile']).execute();
    expect(sms.map((m) => m.template_key).sort()).toEqual([
      'MARK_PAID_BILL_SMS_EN_REMINDER', 'MARK_PAID_BILL_SMS_EN_REMINDER', 'NEW_ENPENDITURE_SMS_EN_REMINDER', 'NEW_ENPENDITURE_SMS_EN_REMINDER',
    ]);
    expect(new Set(sms.map((m) => m.to_mobile))).toEqual(new Set([ADMIN.mobile]));
    // Hindi, and dismissal per user.
    const hi = await t.ok('notifications.list', {}, token, 'hi');
    expect(hi.items.some((i) => i.title === 'नया व्यय दर्ज करें')).toBe(true);
    await t.ok('notifications.dismiss', { id: n.items[0]!.id }, token);
    expect((await t.ok('notifications.list', {}, token)).total).toBe(3);
    const secretary = await t.addUser(['SECRETARY']);
    expect((await t.ok('notifications.list', {}, secretary.token)).total).toBe(4);
    // Users without an expense role do not see expense reminders.
    const collector = await t.addUser(['REVENUE_COLLECTOR']);
    expect((await t.ok('notifications.list', {}, collector.token)).total).toBe(0);
  });

  it('runDueJobs covers every GP, idempotently', async () => {
    const { runDueJobs } = await import('../notifications/jobs.js');
    await runDueJobs(t.core.db, new Date('2026-11-01T00:00:00Z'), t.dataDir);
    await runDueJobs(t.core.db, new Date('2026-11-01T12:00:00Z'), t.dataDir);
    const rows = await t.core.db.selectFrom('notifications').select(['code', 'period_key']).execute();
    expect(rows).toEqual([{ code: 'expenses.notifications.newExpenditure', period_key: '2026-11-01' }]);
  });
});

describe('demo', () => {
  it('a year of bills of every type, valid by every rule, mostly paid, some unpaid, one cancelled', async () => {
    const { demoBills } = await import('./demo.js');
    const bills = demoBills('2026-11-25');
    const { EXPENSE_TYPE_CODES } = await import('./contract.js');
    const { expenseDateErrors } = await import('./rules.js');
    expect(new Set(bills.map((b) => b.type))).toEqual(new Set(EXPENSE_TYPE_CODES));
    for (const b of bills) {
      const paidDate = b.paidAfter === undefined ? undefined : new Date(Date.parse(`${b.billDate}T00:00:00Z`) + b.paidAfter * 86_400_000).toISOString().slice(0, 10);
      expect(expenseDateErrors({ billDate: b.billDate, partyBillDate: b.partyBillDate, periodFrom: b.from, periodTo: b.to, isPaid: !!paidDate, paidDate }, '2026-11-25'), JSON.stringify(b)).toEqual({});
    }
    const t2 = await openTestCore('2026-11-25T06:30:00.000Z');
    try {
      const { users } = await t2.ok('setup.loadDemo', {});
      const secretary = users.find((u) => u.role === 'SECRETARY')!;
      const { token: tk } = await t2.ok('auth.signIn', { mobile: secretary.mobile, password: secretary.password });
      const all = await t2.ok('expenses.search', { vendor: ' ', billNo: 'EB', pageSize: 100 }, tk);
      const byStatus = (s: string) => all.items.filter((i) => i.status === s).length;
      expect(all.total).toBeGreaterThan(40);
      expect(byStatus('CANCELLED')).toBe(1);
      expect(byStatus('UNPAID')).toBeGreaterThan(0);
      expect(byStatus('PAID')).toBeGreaterThan(all.total * 0.8);
      expect(all.items.some((i) => i.billNo.startsWith('EB-2025-26-'))).toBe(true);
      expect((await t2.ok('expenses.search', { vendor: 'pspcl' }, tk)).total).toBe(13);
    } finally {
      await t2.close();
    }
  });
});

describe('document store upkeep and translations', () => {
  it('sweeps stale temp files and unreferenced files, keeps every referenced one (removed attachments too)', async () => {
    const { sweepDocuments } = await import('./documents.js');
    const r = await t.ok('expenses.create', { ...base, attachments: [file('a.pdf', PDF, 100), file('b.pdf', PDF, 101)] }, token);
    const d = await t.ok('expenses.get', { id: r.id }, token);
    await t.ok('expenses.removeAttachment', { id: r.id, attachmentId: d.attachments[0]!.id }, token);
    const dir = path.join(t.dataDir, 'documents', tenantId);
    fs.writeFileSync(path.join(dir, '.tmp-crashed'), 'x');
    fs.writeFileSync(path.join(dir, 'f'.repeat(64)), 'orphan');
    fs.writeFileSync(path.join(dir, 'e'.repeat(64)), 'young orphan');
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const n of ['.tmp-crashed', 'f'.repeat(64), ...d.attachments.map((a) => a.sha256)]) fs.utimesSync(path.join(dir, n), old, old);
    expect(await sweepDocuments(t.core.db, t.dataDir, new Date())).toBe(2);
    expect(fs.readdirSync(dir).sort()).toEqual([...d.attachments.map((a) => a.sha256), 'e'.repeat(64)].sort());
  });

  it('Hindi and Punjabi have every key of English', async () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    const en = keys((await import('../../../resources/locales/en/expenses.json')).default);
    const hi = keys((await import('../../../resources/locales/hi/expenses.json')).default);
    const pa = keys((await import('../../../resources/locales/pa/expenses.json')).default);
    expect(hi.sort()).toEqual([...en].sort());
    expect(pa.sort()).toEqual([...en].sort());
  });
});
