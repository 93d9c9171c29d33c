import { z } from 'zod';
import { op } from '../api/operation.js';
import { mobileNumber, uuid } from '../api/fields.js';
import expenseTypesData from '../../../resources/masterdata/expense-types.json';
import {
  MAX_AMOUNT_RUPEES,
  MAX_ATTACHMENT_BASE64,
  MAX_ATTACHMENTS,
  MIN_AMOUNT_RUPEES,
  attachmentExtension,
  isRealDate,
  isSafeFileName,
} from './rules.js';
import type { ExpenseEventKind, ExpenseStatus } from './tables.js';

export * from './rules.js';
export type { ExpenseStatus, ExpenseEventKind } from './tables.js';

/**
 * Expenses (SPEC §2.12, §2.13, §6): add, search, modify, mark paid, cancel, attachments, and the
 * vendor registry. Amounts go in as whole rupees and come out as paise.
 *
 * Expense bill number: `EB-<FY yyyy-yy>-<device code>-<seq>`, e.g. `EB-2026-27-7F3A-0001`. FY is
 * the April–March financial year of the day the bill is entered (Asia/Kolkata); the device code
 * is this installation's 4-character code (devices table), so two desktops of one GP never hand
 * out the same number while offline; seq counts per GP, FY and device from 1, at least 4 digits.
 */

export interface ExpenseType {
  code: string;
  name: string;
  taxHead: string;
  active: boolean;
}
export const EXPENSE_TYPES: readonly ExpenseType[] = expenseTypesData.expenseTypes;
export const EXPENSE_TYPE_CODES = EXPENSE_TYPES.map((t) => t.code);

/** Who may work with expenses (SPEC §1.2 cards ADD_EXPENSES_RECORD, CORE_UPDATE_EXPENSES). */
export const EXPENSE_ROLES = ['EXPENSE_PROCESSING', 'SUPERUSER', 'DIV_ADMIN', 'SARPANCH', 'SECRETARY'] as const;

export const businessDate = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .refine(isRealDate, 'expenses.dateFormat');

export const expenseAmountRupees = z
  .number({ error: 'expenses.amountWhole' })
  .int('expenses.amountWhole')
  .min(MIN_AMOUNT_RUPEES, 'expenses.amountMin')
  .max(MAX_AMOUNT_RUPEES, 'expenses.amountMax');

// Letters of any script, spaces, dot and apostrophe (SPEC §2.12 "letters/spaces").
export const vendorName = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(100, { error: 'validation.tooLong' })
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} .']*$/u, 'expenses.vendorNameLetters');

export const expenseTypeCode = z
  .string({ error: 'validation.required' })
  .min(1, 'validation.required')
  .refine((c) => EXPENSE_TYPES.some((t) => t.code === c && t.active), 'expenses.unknownType');

/** One file, base64 in JSON. Size and magic bytes are checked again by core on the decoded bytes. */
export const attachmentInput = z.object({
  name: z
    .string({ error: 'validation.required' })
    .min(1, 'validation.required')
    .max(120, { error: 'validation.tooLong' })
    .refine(isSafeFileName, 'expenses.attachmentBadName')
    .refine((n) => attachmentExtension(n) !== undefined, 'expenses.attachmentType'),
  contentBase64: z
    .string({ error: 'validation.required' })
    .min(1, 'expenses.attachmentEmpty')
    .max(MAX_ATTACHMENT_BASE64, 'expenses.attachmentTooLarge'),
});
export type AttachmentInput = z.input<typeof attachmentInput>;

const attachments = z.array(attachmentInput).max(MAX_ATTACHMENTS, 'expenses.tooManyAttachments');

export const createExpenseInput = z.object({
  typeCode: expenseTypeCode,
  vendorName,
  /** Needed only when the name is new (registers the vendor). */
  vendorMobile: mobileNumber.optional(),
  amountRupees: expenseAmountRupees,
  billDate: businessDate,
  partyBillDate: businessDate.optional(),
  periodFrom: businessDate,
  periodTo: businessDate,
  isPaid: z.boolean().default(false),
  paidDate: businessDate.optional(),
  attachments: attachments.default([]),
});

export const updateExpenseInput = z.object({
  id: uuid,
  vendorName: vendorName.optional(),
  vendorMobile: mobileNumber.optional(),
  amountRupees: expenseAmountRupees.optional(),
  billDate: businessDate.optional(),
  /** null clears the party bill date. */
  partyBillDate: businessDate.nullable().optional(),
  periodFrom: businessDate.optional(),
  periodTo: businessDate.optional(),
});

export const expenseStatus = z.enum(['UNPAID', 'PAID', 'CANCELLED'], { error: 'expenses.status' });

const page = z.number().int().min(1).default(1);
const pageSize = z.number().int().min(1).max(100, { error: 'validation.invalid' }).default(20);
const fragment = z
  .string()
  .trim()
  .max(100, { error: 'validation.tooLong' })
  .optional()
  .transform((v) => (v ? v : undefined));

export const searchExpensesInput = z.object({
  /** Part of the vendor's name, any case. */
  vendor: fragment,
  vendorId: uuid.optional(),
  typeCode: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((c) => c === undefined || EXPENSE_TYPE_CODES.includes(c), 'expenses.unknownType'),
  /** Part of the bill number, any case. */
  billNo: fragment,
  status: expenseStatus.optional(),
  page,
  pageSize,
});

export interface ExpenseSummary {
  id: string;
  billNo: string;
  typeCode: string;
  vendorId: string;
  vendorName: string;
  amountPaise: number;
  billDate: string;
  status: ExpenseStatus;
}

export interface AttachmentInfo {
  id: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface UserRef {
  id: string;
  name: string;
}

export interface ExpenseEventInfo {
  kind: ExpenseEventKind;
  at: string;
  user: UserRef | null;
  reason: string | null;
  /** Field → [old, new]; for CREATED, field → value. */
  changes: Record<string, unknown>;
}

export interface ExpenseDetail extends ExpenseSummary {
  typeName: string;
  taxHead: string;
  vendorMobile: string;
  partyBillDate: string | null;
  periodFrom: string;
  periodTo: string;
  paidDate: string | null;
  paidAt: string | null;
  paidBy: UserRef | null;
  cancelledAt: string | null;
  cancelledBy: UserRef | null;
  cancelReason: string | null;
  createdAt: string;
  createdBy: UserRef | null;
  /** Only an unpaid bill can be edited, marked paid or cancelled. */
  editable: boolean;
  attachments: AttachmentInfo[];
  /** Oldest first. */
  history: ExpenseEventInfo[];
}

export interface VendorInfo {
  id: string;
  name: string;
  mobile: string;
  billCount: number;
  unpaidCount: number;
  /** Sum of the vendor's bills that are not cancelled. */
  totalPaise: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const expensesContract = {
  'expenses.types': op<ExpenseType[]>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mode: 'read',
    doc: 'The expense types of master data (SPEC §6.1): code, name, tax head, and whether new bills may use it.',
  }),
  'expenses.create': op<{ id: string; billNo: string }>()({
    input: createExpenseInput,
    access: EXPENSE_ROLES,
    mode: 'write',
    doc: 'Add an expense bill (SPEC §2.12): type, vendor (a new name registers the vendor with its mobile), amount in whole rupees 1–9,99,999, bill/party/service-period dates, paid flag and date, up to 5 attachments (jpg, jpeg, png, pdf; ≤ 5,000,000 bytes each, base64). Returns the EB bill number.',
  }),
  'expenses.search': op<Page<ExpenseSummary>>()({
    input: searchExpensesInput,
    access: EXPENSE_ROLES,
    mode: 'read',
    doc: 'Search expense bills (SPEC §2.13) by vendor name fragment, vendor, type or bill number (at least one), optionally by status; newest bill date first, paginated.',
  }),
  'expenses.get': op<ExpenseDetail>()({
    input: z.object({ id: uuid }),
    access: EXPENSE_ROLES,
    mode: 'read',
    doc: 'One expense bill with its vendor, attachments and full history (who, when, old → new).',
  }),
  'expenses.update': op<ExpenseDetail>()({
    input: updateExpenseInput,
    access: EXPENSE_ROLES,
    mode: 'write',
    doc: 'Modify an unpaid bill: everything but bill number and type. Each changed field is audited old → new. Paid and cancelled bills are read-only.',
  }),
  'expenses.markPaid': op<ExpenseDetail>()({
    input: z.object({ id: uuid, paidDate: businessDate }),
    access: EXPENSE_ROLES,
    mode: 'write',
    doc: 'Mark an unpaid bill paid on a date between its bill date and today. The bill becomes read-only.',
  }),
  'expenses.cancel': op<ExpenseDetail>()({
    input: z.object({
      id: uuid,
      reason: z
        .string({ error: 'expenses.cancelReasonRequired' })
        .trim()
        .min(1, 'expenses.cancelReasonRequired')
        .max(500, { error: 'validation.tooLong' }),
    }),
    access: EXPENSE_ROLES,
    mode: 'write',
    doc: 'Cancel an unpaid bill with a reason (paid bills cannot be cancelled). The bill becomes read-only.',
  }),
  'expenses.addAttachments': op<ExpenseDetail>()({
    input: z.object({ id: uuid, attachments: attachments.min(1, 'validation.required') }),
    access: EXPENSE_ROLES,
    mode: 'write',
    doc: 'Attach files to an unpaid bill (at most 5 in all; jpg, jpeg, png, pdf; ≤ 5,000,000 bytes each, base64).',
  }),
  'expenses.removeAttachment': op<ExpenseDetail>()({
    input: z.object({ id: uuid, attachmentId: uuid }),
    access: EXPENSE_ROLES,
    mode: 'write',
    doc: 'Take an attachment off an unpaid bill (recorded in its history; the stored file is kept).',
  }),
  'expenses.attachment': op<{ fileName: string; mime: string; sizeBytes: number; contentBase64: string }>()({
    input: z.object({ attachmentId: uuid }),
    access: EXPENSE_ROLES,
    mode: 'read',
    doc: 'The content of one attachment, base64, for a thumbnail or to open it in place.',
  }),
  'vendors.list': op<Page<VendorInfo>>()({
    input: z.object({ fragment, page, pageSize }),
    access: EXPENSE_ROLES,
    mode: 'read',
    doc: 'The vendor registry of the Gram Panchayat with bill counts and totals, by name, optionally filtered by a name fragment.',
  }),
  'vendors.suggest': op<{ id: string; name: string; mobile: string }[]>()({
    input: z.object({ prefix: z.string().trim().max(100, { error: 'validation.tooLong' }) }),
    access: EXPENSE_ROLES,
    mode: 'read',
    doc: 'Up to 10 vendors whose name starts with (then contains) the typed text, for the vendor name field.',
  }),
  'vendors.update': op<VendorInfo>()({
    input: z.object({ id: uuid, mobile: mobileNumber }),
    access: EXPENSE_ROLES,
    mode: 'write',
    doc: "Change a vendor's mobile number (audited old → new).",
  }),
} as const;

/**
 * Operations whose JSON carries attachment files, base64: up to 5 × 5,000,000 bytes ≈ 33.4 MB
 * encoded. The local HTTP server gives these (and only these) UPLOAD_BODY_LIMIT instead of its
 * 1 MB default (server/http.ts). IPC has no such limit.
 */
export const ATTACHMENT_UPLOAD_OPS = ['expenses.create', 'expenses.addAttachments'] as const;
export const UPLOAD_BODY_LIMIT = 36 * 1024 * 1024;
