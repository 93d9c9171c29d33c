import { documentShell, escapeHtml } from '../documents/html.js';
import { formatDate, formatRupees } from '../documents/money.js';
import { translate, type Language } from '../i18n/translate.js';
import type { MasterItem, MasterLists } from '../consumers/contract.js';
import { tableXlsx } from '../documents/xlsx.js';
import type { RegisterRow } from './contract.js';

/** The register's columns in the screen's order (SPEC §2.14); headings are `register.column.<key>`. */
export const REGISTER_COLUMNS = [
  'connectionNo', 'name', 'gender', 'fatherName', 'mobile', 'oldConnectionId', 'category', 'subCategory', 'propertyType',
  'connectionType', 'meterReadingDate', 'meterNumber', 'previousReading', 'arrearsOnCreation', 'penaltyOnCreation',
  'advanceOnCreation', 'totalBill', 'totalCollected', 'advanceToday', 'pending', 'createdOn', 'lastBillDate', 'status',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

const MONEY: Partial<Record<RegisterColumn, keyof RegisterRow>> = {
  arrearsOnCreation: 'arrearsOnCreationPaise',
  penaltyOnCreation: 'penaltyOnCreationPaise',
  advanceOnCreation: 'advanceOnCreationPaise',
  totalBill: 'totalBillPaise',
  totalCollected: 'totalCollectedPaise',
  advanceToday: 'advanceTodayPaise',
  pending: 'pendingPaise',
};

function masterName(lang: Language, masters: MasterLists, list: keyof MasterLists, code: string | null): string {
  if (!code) return '';
  const item: MasterItem | undefined = masters[list].find((i) => i.code === code);
  if (item?.name) return item.name;
  const key = `consumers:masters.${list}.${code}`;
  const text = translate(lang, key);
  return text === key || text === `masters.${list}.${code}` ? code : text;
}

/** One cell as text (PDF) or value (Excel: money as rupees numbers, dates as dd/mm/yyyy). */
function cell(lang: Language, masters: MasterLists, r: RegisterRow, c: RegisterColumn, forExcel: boolean): string | number {
  const money = MONEY[c];
  if (money) {
    const paise = r[money] as number;
    return forExcel ? paise / 100 : formatRupees(paise);
  }
  switch (c) {
    case 'connectionNo':
      return r.metered ? `${r.connectionNo} (M)` : r.connectionNo;
    case 'name':
      return r.name;
    case 'gender':
      return translate(lang, `consumers:masters.genders.${r.gender}`);
    case 'fatherName':
      return r.fatherName;
    case 'mobile':
      return r.mobile;
    case 'oldConnectionId':
      return r.oldConnectionId;
    case 'category':
      return masterName(lang, masters, 'categories', r.category);
    case 'subCategory':
      return masterName(lang, masters, 'subCategories', r.subCategory);
    case 'propertyType':
      return masterName(lang, masters, 'propertyTypes', r.propertyType);
    case 'connectionType':
      return translate(lang, `consumers:masters.serviceTypes.${r.connectionType}`);
    case 'meterReadingDate':
      return r.meterReadingDate ? formatDate(r.meterReadingDate) : '';
    case 'meterNumber':
      return r.meterNumber ?? '';
    case 'previousReading':
      return r.previousReading ?? '';
    case 'createdOn':
      return formatDate(r.createdOn);
    case 'lastBillDate':
      return r.lastBillDate ? formatDate(r.lastBillDate) : '';
    case 'status':
      return translate(lang, `register.status.${r.status}`);
    default:
      return '';
  }
}

export function registerFileBase(asOf: string): string {
  return `HH_Register_${asOf}`;
}

export async function registerXlsx(lang: Language, masters: MasterLists, rows: RegisterRow[], asOf: string): Promise<Buffer> {
  return tableXlsx(
    translate(lang, 'register.sheet'),
    [translate(lang, 'register.title'), translate(lang, 'register.asOf', { date: formatDate(asOf) })],
    REGISTER_COLUMNS.map((c) => ({
      heading: translate(lang, `register.column.${c}`),
      width: c === 'connectionNo' ? 34 : c === 'name' || c === 'fatherName' ? 24 : 16,
      money: MONEY[c] !== undefined,
    })),
    rows.map((r) => REGISTER_COLUMNS.map((c) => cell(lang, masters, r, c, true))),
  );
}

/** The PDF is portrait A4 (documents/pdf.ts): the columns that fit; the Excel file has them all. */
export const PDF_COLUMNS: readonly RegisterColumn[] = [
  'connectionNo', 'name', 'fatherName', 'mobile', 'oldConnectionId', 'connectionType', 'totalBill', 'totalCollected', 'advanceToday', 'pending', 'lastBillDate', 'status',
];

const CSS = `
body{font-size:7pt;line-height:1.25}
h1{font-size:12pt;margin:0 0 2mm}
.meta{margin:0 0 2mm;color:#505A5F}
table{width:100%;border-collapse:collapse;table-layout:auto}
th,td{border:0.5px solid #B1B4B6;padding:1mm 0.8mm;vertical-align:top;word-break:break-word}
th{background:#EEEEEE;font-weight:700;text-align:left}
td.num{text-align:right;white-space:nowrap}
tr:nth-child(even) td{background:#F7F7F7}
`;

/** The register as one HTML document, `rowsPerPage` table rows per printed page. */
export function registerHtml(lang: Language, masters: MasterLists, rows: RegisterRow[], o: { asOf: string; gp: string; total: number; rowsPerPage: number }): string {
  const heads = PDF_COLUMNS.map((c) => `<th>${escapeHtml(translate(lang, `register.column.${c}`))}</th>`).join('');
  const pages: string[] = [];
  for (let i = 0; i < Math.max(rows.length, 1); i += o.rowsPerPage) {
    const body = rows
      .slice(i, i + o.rowsPerPage)
      .map((r) => `<tr>${PDF_COLUMNS.map((c) => `<td${MONEY[c] ? ' class="num"' : ''}>${escapeHtml(cell(lang, masters, r, c, false))}</td>`).join('')}</tr>`)
      .join('');
    const note = rows.length < o.total ? `<p class="meta">${escapeHtml(translate(lang, 'register.pdfTruncated', { shown: rows.length, total: o.total }))}</p>` : '';
    pages.push(`<div class="page"><h1>${escapeHtml(translate(lang, 'register.title'))} — ${escapeHtml(o.gp)}</h1>
<p class="meta">${escapeHtml(translate(lang, 'register.asOf', { date: formatDate(o.asOf) }))} · ${escapeHtml(translate(lang, 'register.pdfPage', { page: i / o.rowsPerPage + 1 }))}</p>${i === 0 ? note : ''}
<table><thead><tr>${heads}</tr></thead><tbody>${body}</tbody></table></div>`);
  }
  return documentShell({ lang, title: registerFileBase(o.asOf), body: pages.join('\n'), css: CSS });
}
