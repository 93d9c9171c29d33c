import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { z } from 'zod';
import { signedIn, type Ctx } from '../api/context.js';
import { fail } from '../api/errors.js';
import { fieldErrors } from '../api/validation.js';
import { LANGUAGES, translate, type Language } from '../i18n/translate.js';
import {
  consumerInput,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ConsumerValues,
  type ImportResult,
  type ImportRowResult,
  type importInput,
  type MasterLists,
} from './contract.js';
import { insertConsumer, mastersFor, problemsForCreate, tenantOf } from './consumers.js';
import { isValidIsoDate } from '../calendar/dates.js';

/**
 * Bulk consumer load (SPEC §10). The file is a CSV (UTF-8) or an XLSX workbook whose first sheet
 * has one heading row and one consumer per row. Headings may be in English, Hindi or Punjabi (the
 * template's) or the column keys below. Every row is checked with the form's rules (the same
 * zod schema, checkConsumer and the unique old connection ID); a row whose old connection ID
 * already exists in the GP is reported as "exists" and skipped, so loading a file twice creates
 * nothing the second time.
 */
export const IMPORT_COLUMNS = [
  'name',
  'gender',
  'fatherName',
  'mobile',
  'oldConnectionId',
  'category',
  'subCategory',
  'doorNo',
  'street',
  'ward',
  'propertyType',
  'serviceType',
  'meterNumber',
  'previousReadingDate',
  'previousReading',
  'lastBilledCycle',
  'paymentType',
  'arrears',
  'penalty',
  'advance',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: Column[] = ['name', 'gender', 'fatherName', 'mobile', 'oldConnectionId', 'propertyType', 'serviceType'];

export const columnLabel = (lang: Language, column: string) => translate(lang, `consumers:fields.${column}`);

const simplify = (s: string) => s.toLowerCase().replace(/[\s*_.:()/-]+/g, '');

function headerIndex(headers: string[]): Map<Column, number> {
  const out = new Map<Column, number>();
  headers.forEach((h, i) => {
    const key = simplify(h);
    if (!key) return;
    for (const col of IMPORT_COLUMNS) {
      if (out.has(col)) continue;
      if (simplify(col) === key || LANGUAGES.some((l) => simplify(columnLabel(l, col)) === key)) {
        out.set(col, i);
        break;
      }
    }
  });
  return out;
}

type Cell = string | number | boolean | Date | null | undefined;

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd or a spreadsheet date → YYYY-MM-DD; anything else as typed (then refused by the rules). */
function parseDateCell(v: Cell): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = cellText(v);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return isValidIsoDate(iso) ? iso : s;
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return s;
}

/** MM/YYYY, YYYY-MM, or a date in that month → YYYY-MM. */
function parseMonthCell(v: Cell): string {
  if (v instanceof Date) return v.toISOString().slice(0, 7);
  const s = cellText(v);
  let m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[2]}-${m[1]!.padStart(2, '0')}`;
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}`;
  const d = parseDateCell(v);
  return isValidIsoDate(d) ? d.slice(0, 7) : s;
}

/** A code from its code, or its label in any language (case and spaces ignored). */
function codeOf(text: string, codes: { code: string; name?: string }[], list: string, aliases: Record<string, string> = {}): string {
  if (!text) return '';
  const key = simplify(text);
  if (aliases[key]) return aliases[key];
  for (const item of codes) {
    if (simplify(item.code) === key || (item.name && simplify(item.name) === key)) return item.code;
    if (LANGUAGES.some((l) => simplify(translate(l, `consumers:masters.${list}.${item.code}`)) === key)) return item.code;
  }
  return text;
}

function rowToInput(cells: Cell[], index: Map<Column, number>, masters: MasterLists): Record<string, unknown> {
  const get = (c: Column): Cell => {
    const i = index.get(c);
    return i === undefined ? undefined : cells[i];
  };
  const text = (c: Column) => cellText(get(c));
  const opt = (c: Column) => text(c) || undefined;
  const serviceKey = simplify(text('serviceType'));
  const serviceType =
    serviceKey === 'metered' || serviceKey === simplify(translate('hi', 'consumers:masters.serviceTypes.Metered')) || serviceKey === simplify(translate('pa', 'consumers:masters.serviceTypes.Metered'))
      ? 'Metered'
      : ['nonmetered', ...(['hi', 'pa', 'en'] as const).map((l) => simplify(translate(l, 'consumers:masters.serviceTypes.Non_Metered')))].includes(serviceKey)
        ? 'Non_Metered'
        : text('serviceType');
  const payment = codeOf(text('paymentType'), [{ code: 'arrears' }, { code: 'advance' }], 'paymentTypes');
  return {
    name: text('name'),
    gender: codeOf(text('gender'), masters.genders, 'genders', { m: 'MALE', f: 'FEMALE', t: 'TRANSGENDER' }).toUpperCase(),
    fatherName: text('fatherName'),
    mobile: text('mobile').replace(/^\+91[\s-]*/, ''),
    oldConnectionId: text('oldConnectionId'),
    category: opt('category') && codeOf(text('category'), masters.categories, 'categories'),
    subCategory: opt('subCategory') && codeOf(text('subCategory'), masters.subCategories, 'subCategories'),
    doorNo: opt('doorNo'),
    street: opt('street'),
    ward: opt('ward') && codeOf(text('ward'), masters.wards, 'wards'),
    propertyType: codeOf(text('propertyType'), masters.propertyTypes, 'propertyTypes'),
    serviceType,
    meterNumber: serviceType === 'Metered' ? opt('meterNumber') : undefined,
    previousReadingDate: serviceType === 'Metered' && text('previousReadingDate') ? parseDateCell(get('previousReadingDate')) : undefined,
    previousReading: serviceType === 'Metered' ? opt('previousReading') : undefined,
    lastBilledCycle: serviceType === 'Non_Metered' && text('lastBilledCycle') ? parseMonthCell(get('lastBilledCycle')) : undefined,
    paymentType: payment ? payment.toLowerCase() : undefined,
    arrears: opt('arrears'),
    penalty: opt('penalty'),
    advance: opt('advance'),
  };
}

/** What kind of file this really is, from its bytes (the name alone is not trusted). */
export function sniff(bytes: Buffer): 'xlsx' | 'csv' | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const head = bytes.subarray(0, 65536);
  if (head.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return 'csv';
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v !== 'object') return v as Cell;
  if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return String(v.text);
  if ('error' in v) return '';
  return String(v as unknown);
}

async function readRows(bytes: Buffer, kind: 'xlsx' | 'csv'): Promise<Cell[][]> {
  if (kind === 'csv') {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
    return parsed.data;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fail.field('base64', 'consumers:import.badFormat');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

export async function importConsumers(ctx: Ctx, input: z.output<typeof importInput>): Promise<ImportResult> {
  const s = signedIn(ctx);
  const bytes = Buffer.from(input.base64, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES) throw fail.field('base64', 'consumers:import.tooLarge');
  const kind = sniff(bytes);
  if (!kind) throw fail.field('base64', 'consumers:import.badFormat');
  const table = await readRows(bytes, kind);
  const headerAt = table.findIndex((r) => r.some((c) => cellText(c) !== ''));
  if (headerAt < 0) throw fail.field('base64', 'consumers:import.empty');
  const index = headerIndex(table[headerAt]!.map(cellText));
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) throw fail.field('base64', 'consumers:import.missingColumns', { columns: missing.map((c) => columnLabel(ctx.lang, c)).join(', ') });
  const body = table.slice(headerAt + 1).map((cells, i) => ({ cells, row: headerAt + 2 + i })).filter((r) => r.cells.some((c) => cellText(c) !== ''));
  if (body.length === 0) throw fail.field('base64', 'consumers:import.empty');
  if (body.length > IMPORT_MAX_ROWS) throw fail.field('base64', 'consumers:import.tooManyRows', { max: IMPORT_MAX_ROWS });

  const tenant = await tenantOf(ctx.db, s.tenantId);
  const masters = await mastersFor(ctx, s.tenantId);
  const seen = new Map<string, number>();
  const results: ImportRowResult[] = [];
  const valid: { result: ImportRowResult; values: ConsumerValues }[] = [];
  for (const { cells, row } of body) {
    const raw = rowToInput(cells, index, masters);
    const result: ImportRowResult = { row, status: 'valid', oldConnectionId: String(raw['oldConnectionId'] ?? ''), name: String(raw['name'] ?? ''), errors: [] };
    results.push(result);
    const parsed = consumerInput.safeParse(raw);
    const problems: Record<string, { key: string; params?: Record<string, string | number> }> = {};
    if (!parsed.success) {
      for (const [field, f] of Object.entries(fieldErrors(parsed.error.issues, ctx.lang))) problems[field] = { key: f.key, ...(f.params ? { params: f.params } : {}) };
    } else {
      Object.assign(problems, await problemsForCreate(ctx, parsed.data, { tenantId: s.tenantId, masters }));
      if (problems['oldConnectionId']?.key === 'consumers:errors.duplicateOldConnectionId' && Object.keys(problems).length === 1) {
        result.status = 'exists';
        continue;
      }
      const key = parsed.data.oldConnectionId.toUpperCase();
      const first = seen.get(key);
      if (first !== undefined && !problems['oldConnectionId']) problems['oldConnectionId'] = { key: 'consumers:import.duplicateInFile', params: { row: first } };
      else seen.set(key, row);
    }
    if (Object.keys(problems).length) {
      result.status = 'error';
      result.errors = Object.entries(problems).map(([field, p]) => ({ field, label: columnLabel(ctx.lang, field), message: translate(ctx.lang, p.key, p.params ?? {}) }));
    } else if (parsed.success) {
      valid.push({ result, values: parsed.data });
    }
  }
  const failed = results.filter((r) => r.status === 'error').length;
  const existing = results.filter((r) => r.status === 'exists').length;
  const store = !input.dryRun && (input.mode === 'validOnly' || failed === 0);
  let created = 0;
  if (store) {
    for (const v of valid) {
      const made = await insertConsumer(ctx, v.values, { tenantId: s.tenantId, tenantCode: tenant.code, userId: s.userId, masters, action: 'import' });
      v.result.status = 'created';
      v.result.connectionNo = made.connectionNo;
      created++;
    }
    if (created > 0) {
      await ctx.audit({ action: 'import', entity: 'consumerImport', entityId: ctx.newId(), changes: { fileName: input.fileName, mode: input.mode, created, failed, existing } });
    }
  }
  return { mode: input.mode, total: results.length, created, failed, existing, stored: store && created > 0, rows: results };
}

/** The template: the headings in the caller's language, plus (XLSX) a sheet of allowed values and an example. */
export async function buildTemplate(lang: Language, format: 'xlsx' | 'csv'): Promise<{ fileName: string; mimeType: string; base64: string }> {
  const headers = IMPORT_COLUMNS.map((c) => columnLabel(lang, c));
  const base = translate(lang, 'consumers:import.templateFileName');
  if (format === 'csv') {
    const csv = `\uFEFF${Papa.unparse([headers])}\r\n`;
    return { fileName: `${base}.csv`, mimeType: 'text/csv', base64: Buffer.from(csv, 'utf8').toString('base64') };
  }
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(translate(lang, 'consumers:import.sheetConsumers'));
  sheet.addRow(headers).font = { bold: true };
  sheet.columns.forEach((col) => {
    col.width = 20;
  });
  const help = wb.addWorksheet(translate(lang, 'consumers:import.sheetHelp'));
  help.addRow([translate(lang, 'consumers:import.helpColumn'), translate(lang, 'consumers:import.helpRule')]).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([columnLabel(lang, c), translate(lang, `consumers:import.help.${c}`)]);
  help.getColumn(1).width = 28;
  help.getColumn(2).width = 90;
  const buf = await wb.xlsx.writeBuffer();
  return {
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buf as ArrayBuffer).toString('base64'),
  };
}
