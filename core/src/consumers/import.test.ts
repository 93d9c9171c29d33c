import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { countRows } from './testkit.js';
import { IMPORT_COLUMNS } from './import.js';
import { translate } from '../i18n/translate.js';

let t: TestCore;
let token: string;
beforeEach(async () => {
  t = await openTestCore('2023-12-15T06:30:00.000Z');
  ({ token } = await t.setupAdmin());
});
afterEach(async () => t.close());

const FIRST = ['Gurpreet', 'Harjeet', 'Sunita', 'Baljit', 'Manpreet', 'Kuldeep', 'Rajinder', 'Paramjit', 'Amarjit', 'Sukhwinder'];
const LAST = ['Singh', 'Kaur', 'Devi', 'Sandhu', 'Gill'];

/** 50 rows as in the English template; rows 11, 27 and 40 (spreadsheet rows) are broken. */
function fiftyRows(): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < 50; i++) {
    const metered = i % 3 === 0;
    rows.push({
      name: `${FIRST[i % 10]} ${LAST[i % 5]}`,
      gender: i % 2 ? 'FEMALE' : 'M',
      fatherName: 'Harbans Singh',
      mobile: String(9800000000 + i),
      oldConnectionId: `OLD/${100 + i}`,
      category: i % 4 === 0 ? 'BPL' : '',
      subCategory: '',
      doorNo: String(i + 1),
      street: 'Main Bazaar',
      ward: '',
      propertyType: i % 7 === 0 ? 'Commercial' : 'RESIDENTIAL',
      serviceType: metered ? 'Metered' : 'Non_Metered',
      meterNumber: metered ? `MT${1000 + i}` : '',
      previousReadingDate: metered ? '01/10/2023' : '',
      previousReading: metered ? '00120' : '',
      lastBilledCycle: metered ? '' : '11/2023',
      paymentType: i % 10 === 5 ? 'advance' : 'arrears',
      arrears: i % 10 === 5 ? '' : String((i * 37) % 500),
      penalty: i % 10 === 5 || (i * 37) % 500 === 0 ? '' : '10',
      advance: i % 10 === 5 ? '200' : '',
    });
  }
  rows[9]!.mobile = '98765'; // spreadsheet row 11
  rows[25]!.arrears = '10001'; // row 27
  rows[38]!.serviceType = 'Metered'; // row 40
  rows[38]!.meterNumber = '0000';
  rows[38]!.previousReadingDate = '01/10/2023';
  return rows;
}

const csvOf = (rows: Record<string, string>[], headers: readonly string[] = IMPORT_COLUMNS) =>
  Buffer.from(Papa.unparse([headers as string[], ...rows.map((r) => IMPORT_COLUMNS.map((c) => r[c] ?? ''))])).toString('base64');

describe('bulk consumer load (SPEC §10)', () => {
  it('50 rows with 3 broken: exact per-row errors; all-or-nothing stores nothing; valid-only stores 47; a re-run creates nothing', async () => {
    const base64 = csvOf(fiftyRows());
    const before = await countRows(t);
    const none = await t.ok('consumers.import', { fileName: 'consumers.csv', base64, mode: 'allOrNothing' }, token);
    expect(none).toMatchObject({ total: 50, failed: 3, created: 0, stored: false });
    expect(none.rows.filter((r) => r.status === 'error').map((r) => [r.row, r.errors])).toEqual([
      [11, [{ field: 'mobile', label: 'Mobile number', message: 'Mobile number must be 10 digits.' }]],
      [27, [{ field: 'arrears', label: 'Arrears (₹)', message: 'Arrears cannot be more than ₹10,000.' }]],
      [40, [{ field: 'meterNumber', label: 'Meter number', message: 'Meter number must be letters and digits, and not all zeros.' }]],
    ]);
    expect(none.rows.filter((r) => r.status === 'valid')).toHaveLength(47);
    expect(await countRows(t)).toEqual(before);

    const some = await t.ok('consumers.import', { fileName: 'consumers.csv', base64, mode: 'validOnly' }, token);
    expect(some).toMatchObject({ total: 50, failed: 3, created: 47, stored: true });
    expect((await countRows(t)).connections).toBe(before.connections! + 47);
    const created = some.rows.find((r) => r.row === 2)!;
    expect(created.status).toBe('created');
    expect(created.connectionNo).toMatch(/^WS\/LODHIPUR\/2023-24\//);

    const again = await t.ok('consumers.import', { fileName: 'consumers.csv', base64, mode: 'validOnly' }, token);
    expect(again).toMatchObject({ created: 0, existing: 47, failed: 3 });
    expect((await countRows(t)).connections).toBe(before.connections! + 47);

    // The rows became the same households the form would have made, opening demands included.
    const advance = await t.ok('consumers.search', { oldConnectionId: 'OLD/105' }, token);
    const detail = await t.ok('consumers.get', { connectionId: advance.results[0]!.connectionId }, token);
    expect(detail.demands[0]?.lines).toEqual([{ taxHead: 'WS_ADVANCE_CARRYFORWARD', amountPaise: -20000 }]);
    expect(detail.propertyType).toBe('RESIDENTIAL');
    const commercial = await t.ok('consumers.search', { oldConnectionId: 'OLD/107' }, token);
    const c = await t.ok('consumers.get', { connectionId: commercial.results[0]!.connectionId }, token);
    expect(c.propertyType).toBe('COMMERCIAL');
  });

  it('errors come in the user\'s language; a duplicate inside the file is reported', async () => {
    const rows = fiftyRows().slice(0, 12);
    rows[11]!.oldConnectionId = rows[0]!.oldConnectionId!;
    const r = await t.ok('consumers.import', { fileName: 'c.csv', base64: csvOf(rows), mode: 'allOrNothing' }, token, 'hi');
    expect(r.rows.find((x) => x.row === 11)?.errors).toEqual([{ field: 'mobile', label: 'मोबाइल नंबर', message: translate('hi', 'validation.mobileLength') }]);
    expect(r.rows.find((x) => x.row === 11)?.errors[0]?.message).not.toMatch(/[A-Za-z]{4}/);
    expect(r.rows.find((x) => x.row === 13)?.errors[0]).toMatchObject({ field: 'oldConnectionId', message: 'यही पुराना कनेक्शन आईडी फ़ाइल की पंक्ति 2 में भी है।' });
  });

  it('XLSX: the Hindi template, filled in, loads', async () => {
    const tpl = await t.ok('consumers.importTemplate', { format: 'xlsx' }, token, 'hi');
    expect(tpl.fileName).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('उपभोक्ता का नाम');
    for (const row of fiftyRows().slice(0, 5)) {
      const values: (string | number | Date)[] = IMPORT_COLUMNS.map((c) => row[c] ?? '');
      values[3] = Number(row.mobile); // a mobile typed as a number
      if (row.serviceType === 'Metered') values[13] = new Date(Date.UTC(2023, 9, 1)); // a real date cell
      sheet.addRow(values);
    }
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await t.ok('consumers.import', { fileName: 'filled.xlsx', base64, mode: 'allOrNothing' }, token, 'hi');
    expect(r).toMatchObject({ total: 5, created: 5, failed: 0 });
    const m = await t.ok('consumers.search', { oldConnectionId: 'OLD/100' }, token);
    const d = await t.ok('consumers.get', { connectionId: m.results[0]!.connectionId }, token);
    expect(d).toMatchObject({ serviceType: 'Metered', previousReadingDate: '2023-10-01', previousReading: 120, mobile: '9800000000' });
  });

  it('CSV template in Punjabi has the Punjabi headings', async () => {
    const tpl = await t.ok('consumers.importTemplate', { format: 'csv' }, token, 'pa');
    const text = Buffer.from(tpl.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFਖਪਤਕਾਰ ਦਾ ਨਾਮ,ਲਿੰਗ,')).toBe(true);
  });

  it('refuses what is not CSV/XLSX, empty files, missing columns and files over 15 MB', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]).toString('base64');
    expect((await t.err('consumers.import', { fileName: 'x.csv', base64: binary, mode: 'validOnly' }, token)).fields?.['base64']?.key).toBe('consumers:import.badFormat');
    const fakeZip = Buffer.from('PK\u0003\u0004garbage').toString('base64');
    expect((await t.err('consumers.import', { fileName: 'x.xlsx', base64: fakeZip, mode: 'validOnly' }, token)).fields?.['base64']?.key).toBe('consumers:import.badFormat');
    const headerOnly = csvOf([]);
    expect((await t.err('consumers.import', { fileName: 'x.csv', base64: headerOnly, mode: 'validOnly' }, token)).fields?.['base64']?.key).toBe('consumers:import.empty');
    const noMobile = Buffer.from('name,gender\nA,M\n').toString('base64');
    const e = await t.err('consumers.import', { fileName: 'x.csv', base64: noMobile, mode: 'validOnly' }, token);
    expect(e.fields?.['base64']?.message).toMatch(/^Columns missing from the file: Father's \/ spouse name, Mobile number/);
    const huge = 'A'.repeat(21_000_000);
    expect((await t.err('consumers.import', { fileName: 'x.csv', base64: huge, mode: 'validOnly' }, token)).fields?.['base64']?.key).toBe('consumers:import.tooLarge');
  });
});
