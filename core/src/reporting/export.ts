import ExcelJS from 'exceljs';
import { formatDate } from '../documents/money.js';
import { translate, type Language } from '../i18n/translate.js';
import type { ReportCell, ReportColumn, ReportKind, ReportRow } from './contract.js';

/** "Bill_Report_2026-10" (a month) or "Bill_Report_2026-27" (a financial year). */
export function reportFileBase(report: ReportKind, period: string): string {
  const name = { bill: 'Bill', collection: 'Collection', expenseBill: 'Expense_Bill', vendor: 'Vendor', inactiveConsumer: 'Inactive_Consumer' }[report];
  return `${name}_Report_${period}`;
}

/** dd/mm/yyyy hh:mm of an ISO instant, in IST. */
export function formatInstantIst(iso: string): string {
  const ist = new Date(Date.parse(iso) + 330 * 60_000).toISOString();
  return `${formatDate(ist.slice(0, 10))} ${ist.slice(11, 16)}`;
}

/** One cell for Excel: money as a rupees number, dates dd/mm/yyyy, codes and yes/no translated. */
export function excelCell(lang: Language, c: ReportColumn, v: ReportCell): string | number {
  if (v === null || v === '') return '';
  switch (c.kind) {
    case 'money':
      return Number(v) / 100;
    case 'date':
      return formatDate(String(v));
    case 'instant':
      return formatInstantIst(String(v));
    case 'bool':
      return translate(lang, v ? 'reports.yes' : 'reports.no');
    case 'code': {
      const key = `${c.prefix ?? ''}${String(v)}`;
      const text = translate(lang, key);
      return text === key ? String(v) : text;
    }
    default:
      return typeof v === 'number' ? v : String(v);
  }
}

export async function reportXlsx(lang: Language, report: ReportKind, columns: ReportColumn[], rows: ReportRow[], periodLabel: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = translate(lang, `reports.kind.${report}`);
  const sheet = wb.addWorksheet(title.slice(0, 31));
  sheet.addRow([title, periodLabel]).font = { bold: true };
  sheet.addRow(columns.map((c) => translate(lang, `reports.column.${c.key}`))).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => excelCell(lang, c, r[c.key] ?? null)));
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = c.key === 'connectionNo' ? 34 : c.kind === 'text' ? 24 : 16;
    if (c.kind === 'money') col.numFmt = '#,##0.00';
  });
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
