import { z } from 'zod';
import { op } from '../api/operation.js';
import { pageNumber, pageSize, searchText, sortDirection, type Paged } from '../api/paging.js';

/**
 * Household register (SPEC §2.14): every household of the GP, one page at a time, with its
 * money from the ledger (ledger/outstanding.ts rules, computed set-wise in register.ts).
 *
 * Definitions (the register's own, written down once):
 * - balance = Σ lines of non-reversed demands − Σ allocations of non-cancelled payments on them
 *   (exactly balancePaise(ledgerLines(connection))).
 * - Pending collections = max(0, balance) = billing.currentBill's netDuePaise.
 * - Advance as on today = max(0, −balance) (advance credit not yet used).
 * - "Paid" tab = nothing pending (balance ≤ 0); "Pending" tab = something pending (balance > 0).
 * - Total bill amount = Σ every non-reversed demand line except advance credit
 *   (WS_ADVANCE_CARRYFORWARD): bills, opening arrears and penalties.
 * - Total amount collected = Σ non-cancelled payments (receipts) of the connection.
 * - Last bill generated date = IST date of the latest regular demand (the one billing.currentBill
 *   shows as billDate).
 * Messages are i18n keys; this module's own live in resources/locales/<lang>/register.json,
 * written `register.<path>` in core and `register:<path>` in the renderer.
 */

/** The home card's roles (resources/masterdata/roles.json CORE_HOUSEHOLD_REGISTER). */
export const REGISTER_VIEWERS = ['COLLECTION_OPERATOR', 'SUPERUSER', 'DIV_ADMIN', 'SARPANCH', 'SECRETARY', 'REVENUE_COLLECTOR'] as const;
export const REGISTER_TABS = ['all', 'paid', 'pending'] as const;
export const REGISTER_SORT_KEYS = ['connectionNo', 'pending', 'lastBillDate'] as const;
/** The PDF download stops after this many pages (SPEC §2.14 MAX_PDF_PAGES). */
export const MAX_PDF_PAGES = 100;
/** Table rows on one printed A4 page of the register PDF. */
export const PDF_ROWS_PER_PAGE = 22;

export type RegisterTab = (typeof REGISTER_TABS)[number];
export type RegisterSortKey = (typeof REGISTER_SORT_KEYS)[number];

const criteria = {
  /** Consumer name or new connection ID, partial; blank = everyone. */
  search: searchText,
  tab: z.enum(REGISTER_TABS, { error: 'register.validation.tab' }).default('all'),
  sort: z.enum(REGISTER_SORT_KEYS, { error: 'register.validation.sort' }).default('connectionNo'),
  direction: sortDirection,
};

export const registerInput = z.object({ ...criteria, page: pageNumber, pageSize });
export type RegisterInput = z.input<typeof registerInput>;

export const registerExportInput = z.object({
  ...criteria,
  lang: z.enum(['en', 'hi', 'pa'], { error: 'validation.invalid' }).optional(),
});
export type RegisterExportInput = z.input<typeof registerExportInput>;

export interface RegisterRow {
  connectionId: string;
  connectionNo: string;
  metered: boolean;
  name: string;
  gender: 'MALE' | 'FEMALE' | 'TRANSGENDER';
  fatherName: string;
  mobile: string;
  oldConnectionId: string;
  category: string | null;
  subCategory: string | null;
  propertyType: string;
  connectionType: 'Metered' | 'Non_Metered';
  /** Metered only: the previous reading date / number / reading entered at creation. */
  meterReadingDate: string | null;
  meterNumber: string | null;
  previousReading: number | null;
  arrearsOnCreationPaise: number;
  penaltyOnCreationPaise: number;
  advanceOnCreationPaise: number;
  totalBillPaise: number;
  totalCollectedPaise: number;
  advanceTodayPaise: number;
  pendingPaise: number;
  /** IST date the household was created. */
  createdOn: string;
  lastBillDate: string | null;
  status: 'Active' | 'Inactive';
}

/** `total`: rows of the chosen tab (= counts[tab]). */
export interface RegisterPage extends Paged {
  /** Today (IST): the register is "as of" this date. */
  asOf: string;
  counts: Record<RegisterTab, number>;
  rows: RegisterRow[];
}

export interface RegisterFile {
  fileName: string;
  mimeType: string;
  base64: string;
  /** Households in the file, and whether the PDF stopped at MAX_PDF_PAGES. */
  rows: number;
  truncated: boolean;
}

export const registerContract = {
  'consumers.register': op<RegisterPage>()({
    input: registerInput,
    access: REGISTER_VIEWERS,
    mode: 'write',
    doc: 'Household register (SPEC §2.14): one page of households with their ledger money, searched by name or connection ID, tab all/paid/pending with counts, sorted by connection ID, pending collections or last bill date.',
  }),
  'consumers.registerXlsx': op<RegisterFile>()({
    input: registerExportInput,
    access: REGISTER_VIEWERS,
    mode: 'write',
    doc: 'The household register as an Excel file (HH_Register_<date>.xlsx), honouring the search, tab and sort shown.',
  }),
  'consumers.registerPdf': op<RegisterFile>()({
    input: registerExportInput,
    access: REGISTER_VIEWERS,
    mode: 'write',
    doc: 'The household register as a PDF (HH_Register_<date>.pdf, at most 100 pages), honouring the search, tab and sort shown.',
  }),
} as const;
