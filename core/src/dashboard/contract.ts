import { z } from 'zod';
import { op } from '../api/operation.js';
import { pageNumber, pageSize, searchText, sortDirection, type Paged } from '../api/paging.js';

/**
 * GPWSC Dashboard (SPEC §2.15, §7.1–7.3): the monthly / annual figures of one financial year, and
 * the two tabular dashboards (collections per connection, expenditure per bill) of a year or a
 * month. Read-only. Money is integer paise, from the ledger tables (demands, demand_lines,
 * payments, payment_allocations and their reversals/cancellations, see ledger/outstanding.ts)
 * and the expenses table.
 */

/** SPEC §1.2 card CORE_GPWSC_DASHBOARD. */
export const DASHBOARD_ROLES = ['SUPERUSER', 'DASHBOARD_VIEWER', 'GP_ADMIN', 'DIV_ADMIN', 'SARPANCH', 'SECRETARY', 'REVENUE_COLLECTOR'] as const;

/** How many financial years the period picker offers (SPEC §7.1: the last 5, the current one included). */
export const DASHBOARD_YEARS = 5;

/** "2026-27": the form is checked here, "one of the last five" by the handler (it needs today). */
export const dashboardFinancialYear = z
  .string({ error: 'dashboard.errors.financialYear' })
  .trim()
  .regex(/^\d{4}-\d{2}$/, 'dashboard.errors.financialYear')
  .refine((fy) => (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5, 7)), 'dashboard.errors.financialYear');

/** `YYYY-MM`, one month of the chosen financial year, not after this month (checked by the handler). */
export const dashboardMonth = z
  .string({ error: 'dashboard.errors.month' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'dashboard.errors.month')
  .optional()
  .transform((v) => (v ? v : undefined));


export const monthlyInput = z.object({ financialYear: dashboardFinancialYear, month: dashboardMonth }).strict();

export const collectionsInput = z
  .object({
    financialYear: dashboardFinancialYear,
    month: dashboardMonth,
    /** Part of the consumer's name or of the connection ID, any case. */
    search: searchText,
    tab: z.enum(['all', 'residential', 'commercial'], { error: 'validation.invalid' }).default('all'),
    sort: z.enum(['connectionNo', 'name', 'collected'], { error: 'validation.invalid' }).default('connectionNo'),
    direction: sortDirection,
    page: pageNumber,
    pageSize,
  })
  .strict();

export const expenditureInput = z
  .object({
    financialYear: dashboardFinancialYear,
    month: dashboardMonth,
    /** Part of the bill number or of the vendor's name, any case. */
    search: searchText,
    tab: z.enum(['all', 'paid', 'pending'], { error: 'validation.invalid' }).default('all'),
    sort: z.enum(['billNo', 'billDate', 'amount'], { error: 'validation.invalid' }).default('billNo'),
    direction: sortDirection,
    page: pageNumber,
    pageSize,
  })
  .strict();

export type CollectionsInput = z.input<typeof collectionsInput>;
export type ExpenditureInput = z.input<typeof expenditureInput>;

/** One month's (or the year's) money, all in paise. */
export interface MonthFigures {
  /** New demand: lines of the month's regular demands (period ending in the month), advance lines excluded, reversed demands excluded. */
  demandPaise: number;
  /** What is still owed today on that demand (lines − what non-cancelled payments settled on them). */
  pendingCollectionPaise: number;
  /** Σ non-cancelled payments received in the month. */
  actualCollectionPaise: number;
  /** Σ expense bills dated in the month, cancelled bills excluded. */
  totalExpenditurePaise: number;
  /** The part of those bills still unpaid. */
  pendingExpenditurePaise: number;
  /** Σ expense bills paid in the month (by paid date). */
  actualPaymentPaise: number;
  /** actualCollection − actualPayment (see surplus.ts for why). Negative = deficit. */
  surplusPaise: number;
}

export interface MonthRow extends MonthFigures {
  /** `YYYY-MM`. */
  month: string;
}

export interface FeedbackAverages {
  /** How many payments got feedback in the period. */
  count: number;
  /** Averages 1–5, one decimal; null when nobody answered. */
  happy: number | null;
  regular: number | null;
  quality: number | null;
}

export interface MonthlyDashboard {
  financialYear: string;
  /** The chosen month, if any (the feedback and `selected` are for it). */
  month: string | null;
  /** The FY's months up to this month, April first. */
  months: MonthRow[];
  totals: MonthFigures;
  /** The chosen month's row, or the totals when the whole year is chosen. */
  selected: MonthFigures;
  feedback: FeedbackAverages;
  /** The last five financial years, newest first: what the picker offers. */
  years: string[];
}

export interface CollectionRow {
  connectionId: string;
  connectionNo: string;
  name: string;
  metered: boolean;
  propertyType: string;
  /** Σ non-cancelled payments of the connection in the period. */
  collectedPaise: number;
}

/** `total`: rows of the chosen tab matching the search. */
export interface CollectionsDashboard extends Paged {
  items: CollectionRow[];
  counts: { all: number; residential: number; commercial: number };
}

export interface ExpenditureRow {
  id: string;
  billNo: string;
  vendorName: string;
  typeCode: string;
  amountPaise: number;
  billDate: string;
  /** null = not paid yet ("Pending"). */
  paidDate: string | null;
}

export interface ExpenditureDashboard extends Paged {
  items: ExpenditureRow[];
  counts: { all: number; paid: number; pending: number };
}

export const dashboardContract = {
  'dashboard.monthly': op<MonthlyDashboard>()({
    input: monthlyInput,
    access: DASHBOARD_ROLES,
    mode: 'read',
    doc: 'GPWSC Dashboard (SPEC §7.1): per month of a financial year (one of the last five) demand, pending and actual collection, total, pending and paid expenditure, surplus/deficit, totals, and the feedback averages of the year or a chosen month.',
  }),
  'dashboard.collections': op<CollectionsDashboard>()({
    input: collectionsInput,
    access: DASHBOARD_ROLES,
    mode: 'read',
    doc: 'Collection dashboard (SPEC §7.2): connections with what each paid in the year or month, searchable by name or connection ID, All/Residential/Commercial with counts, sorted and paged (10–50).',
  }),
  'dashboard.expenditure': op<ExpenditureDashboard>()({
    input: expenditureInput,
    access: DASHBOARD_ROLES,
    mode: 'read',
    doc: 'Expenditure dashboard (SPEC §7.3): expense bills dated in the year or month (cancelled excluded), searchable by bill number or vendor, All/Paid/Pending with counts, sorted and paged (10–50).',
  }),
} as const;
