import { z } from 'zod';
import { op } from '../api/operation.js';
import { pageNumber, pageSize, type Paged } from '../api/paging.js';
import { dashboardMonth, dashboardFinancialYear } from '../dashboard/contract.js';

/**
 * Reports (SPEC §2.16, §7.4): choose a financial year (one of the last five, as the dashboard's
 * period picker) and optionally one month (billing cycle) of it, view the report a page at a
 * time, download it as Excel. Read-only; money from the ledger tables (rules of
 * ledger/outstanding.ts) and the expenses table, computed set-wise (one statement per report).
 *
 * Definitions, one per report (rule files beside this one):
 * - bill: one row per connection with a regular demand ('waterConnection', not reversed) whose
 *   period ends in the chosen period. Bill amount = its charge lines (10101, 10102, WS_Round_Off),
 *   penalty = its penalty lines (WS_TIME_PENALTY, 10201), total = bill + penalty; advance = the
 *   advance credit (WS_ADVANCE_CARRYFORWARD, any non-reversed demand) recorded in the period.
 * - collection: non-cancelled payments received (paid_on) in the period, summed per connection
 *   and payment method.
 * - expenseBill: every expense bill dated (bill_date) in the period, cancelled ones included
 *   (with when and by whom).
 * - vendor: the non-cancelled expense bills dated in the period with their vendor.
 * - inactiveConsumer: every deactivation of a connection (audit log) in the period (IST days).
 * Messages are i18n keys; the period's are the dashboard's (`dashboard.errors.*`), the rest live
 * in resources/locales/<lang>/reports.json (`reports.<path>` in core, `reports:<path>` in the
 * renderer).
 */

/** SPEC §1.2 card CORE_REPORTS (resources/masterdata/roles.json). */
export const REPORT_ROLES = ['SUPERUSER', 'DASHBOARD_VIEWER', 'GP_ADMIN', 'DIV_ADMIN', 'SARPANCH', 'SECRETARY', 'REVENUE_COLLECTOR'] as const;
export const REPORT_KINDS = ['bill', 'collection', 'expenseBill', 'vendor', 'inactiveConsumer'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * How a cell is shown: text as is; money in paise; a business date; an ISO instant (shown as its
 * IST date and time); yes/no; or a code translated with `<prefix><code>`.
 */
export type CellKind = 'text' | 'money' | 'date' | 'instant' | 'bool' | 'code';
export interface ReportColumn {
  /** Heading key: `reports.column.<key>`. */
  key: string;
  kind: CellKind;
  /** kind 'code': the i18n key prefix, e.g. `expenses.type.`. */
  prefix?: string;
}
export type ReportCell = string | number | boolean | null;
export type ReportRow = Record<string, ReportCell>;

const period = {
  report: z.enum(REPORT_KINDS, { error: 'reports.errors.report' }),
  financialYear: dashboardFinancialYear,
  month: dashboardMonth,
};

export const reportInput = z
  .object({
    ...period,
    page: pageNumber,
    pageSize,
  })
  .strict();
export type ReportInput = z.input<typeof reportInput>;

export const reportXlsxInput = z
  .object({ ...period, lang: z.enum(['en', 'hi', 'pa'], { error: 'validation.invalid' }).optional() })
  .strict();
export type ReportXlsxInput = z.input<typeof reportXlsxInput>;

/** `total`: rows of the whole report (not only this page). */
export interface ReportPage extends Paged {
  report: ReportKind;
  financialYear: string;
  month: string | null;
  /** Inclusive business-date range of the period. */
  from: string;
  to: string;
  /** The last five financial years, newest first: what the picker offers. */
  years: string[];
  columns: ReportColumn[];
  rows: ReportRow[];
}

export interface ReportFile {
  fileName: string;
  mimeType: string;
  base64: string;
  rows: number;
}

export const reportsContract = {
  'reports.view': op<ReportPage>()({
    input: reportInput,
    access: REPORT_ROLES,
    mode: 'read',
    doc: 'One page of a report (SPEC §7.4: bill, collection, expense bill, vendor, inactive consumer) for a financial year or one month of it.',
  }),
  'reports.xlsx': op<ReportFile>()({
    input: reportXlsxInput,
    access: REPORT_ROLES,
    mode: 'read',
    doc: 'A whole report (SPEC §7.4) for a financial year or one month of it, as an Excel file (<Report>_<period>.xlsx).',
  }),
} as const;
