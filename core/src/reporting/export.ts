import { formatDate } from '../documents/money.js';
import { translate, type Language } from '../i18n/translate.js';
import { tableXlsx } from '../documents/xlsx.js';
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
  const title = translate(lang, `reports.kind.${report}`);
  return tableXlsx(
    title.slice(0, 31),
    [title, periodLabel],
    columns.map((c) => ({
      heading: translate(lang, `reports.column.${c.key}`),
      width: c.key === 'connectionNo' ? 34 : c.kind === 'text' ? 24 : 16,
      money: c.kind === 'money',
    })),
    rows.map((r) => columns.map((c) => excelCell(lang, c, r[c.key] ?? null))),
  );
}
