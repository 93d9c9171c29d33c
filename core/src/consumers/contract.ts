import { z } from 'zod';
import { op } from '../api/operation.js';
import { mobileNumber, optionalText, personName, requiredText, uuid } from '../api/fields.js';

/**
 * Consumers & connections (SPEC §2.4–2.7, §3, §10). Messages are i18n keys; this domain's own
 * keys live in resources/locales/<lang>/consumers.json and are written `consumers:<path>`
 * (i18next's namespace syntax, so the core and the renderer resolve them the same way).
 *
 * The renderer validates the form with `consumerInput` (the static rules) and `checkConsumer`
 * from consumers/validation.ts (the rules that depend on today's date and the GP's master lists);
 * the core runs exactly the same two, then the database rules (unique old connection ID).
 */

/** Who may create or edit consumers (SPEC §1.2 cards 7 and 8). Bundles (SARPANCH…) expand to these. */
export const CONSUMER_EDITORS = ['GP_ADMIN', 'SUPERUSER', 'COLLECTION_OPERATOR', 'DIV_ADMIN', 'SARPANCH', 'SECRETARY', 'REVENUE_COLLECTOR'] as const;
/** Who may search and open a household (SPEC §1.2 household details route, plus the consumer editors). */
export const CONSUMER_VIEWERS = [...CONSUMER_EDITORS, 'BULK_DEMAND_PROCESSING'] as const;
/** Who may bulk-load consumers and change master lists. */
export const CONSUMER_ADMINS = ['GP_ADMIN', 'SUPERUSER', 'DIV_ADMIN'] as const;

export const GENDERS = ['MALE', 'FEMALE', 'TRANSGENDER'] as const;
export const SERVICE_TYPES = ['Metered', 'Non_Metered'] as const;
export const PAYMENT_TYPES = ['arrears', 'advance'] as const;
/** Opening arrears, penalty and advance are each at most ₹10,000 (SPEC §2.4, ARREAR_VALIDATION). */
export const OPENING_BALANCE_MAX_RUPEES = 10_000;
export const OLD_CONNECTION_ID_PATTERN = /^[A-Za-z0-9/-]+$/;
export const METER_NUMBER_PATTERN = /^(?!0+$)[a-zA-Z0-9]+$/;
/** Deactivation remarks: letters and spaces, at most 40 (SPEC §2.7). */
export const REMARKS_PATTERN = /^[\p{L}\p{M} ]+$/u;

/** Digits typed as text or a number; blank = absent. Anything else stays as is and fails the number check. */
function wholeNumber(max: number, maxKey: string) {
  return z.preprocess(
    (v) => {
      if (v === null || v === undefined) return undefined;
      if (typeof v === 'string') {
        const s = v.trim();
        if (s === '') return undefined;
        return /^\d+$/.test(s) ? Number(s) : v;
      }
      return v;
    },
    z
      .number({ error: 'validation.digitsOnly' })
      .int({ error: 'validation.digitsOnly' })
      .min(0, { error: 'validation.digitsOnly' })
      .max(max, { error: maxKey })
      .optional(),
  );
}

const rupees = (maxKey: string) => wholeNumber(OPENING_BALANCE_MAX_RUPEES, maxKey);

export const consumerFields = {
  name: personName,
  gender: z.enum(GENDERS, { error: 'consumers:validation.gender' }),
  fatherName: personName,
  mobile: mobileNumber,
  oldConnectionId: requiredText(20).regex(OLD_CONNECTION_ID_PATTERN, 'consumers:validation.oldConnectionIdChars'),
  category: optionalText(20),
  subCategory: optionalText(20),
  doorNo: optionalText(128),
  street: optionalText(128),
  /** Required only when the GP has more than one ward; preset otherwise. */
  ward: optionalText(40),
  propertyType: requiredText(40),
  serviceType: z.enum(SERVICE_TYPES, { error: 'consumers:validation.serviceType' }),
  /** Metered only. */
  meterNumber: optionalText(30),
  /** Metered only: YYYY-MM-DD. */
  previousReadingDate: optionalText(10),
  /** Metered only: 0–99999 (five odometer digits; blank = 0). */
  previousReading: wholeNumber(99_999, 'consumers:validation.previousReading'),
  /** Non-metered only: YYYY-MM, one of the two most recent completed months. */
  lastBilledCycle: optionalText(7),
  paymentType: z.enum(PAYMENT_TYPES, { error: 'consumers:validation.paymentType' }).default('arrears'),
  /** Whole rupees. */
  arrears: rupees('consumers:validation.arrearsMax'),
  penalty: rupees('consumers:validation.penaltyMax'),
  advance: rupees('consumers:validation.advanceMax'),
};

export const consumerInput = z.object(consumerFields);
export type ConsumerInput = z.input<typeof consumerInput>;
export type ConsumerValues = z.output<typeof consumerInput>;

export const remarksField = z
  .string({ error: 'validation.required' })
  .trim()
  .max(40, { error: 'validation.tooLong' })
  .regex(/^[\p{L}\p{M} ]*$/u, 'consumers:validation.remarksLetters')
  .optional()
  .transform((v) => (v ? v : undefined));

export const updateInput = z.object({
  connectionId: uuid,
  ...consumerFields,
  /** Untick = mark inactive (remarks then required); tick again to reactivate (remarks required too). */
  active: z.boolean({ error: 'validation.required' }),
  remarks: remarksField,
});
export type UpdateInput = z.input<typeof updateInput>;

export const searchInput = z
  .object({
    mobile: z.string().trim().optional(),
    name: z.string().trim().max(50, { error: 'validation.tooLong' }).optional(),
    oldConnectionId: z.string().trim().max(20, { error: 'validation.tooLong' }).optional(),
    connectionNo: z.string().trim().max(40, { error: 'validation.tooLong' }).optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .superRefine((v, issue) => {
    const given = (['mobile', 'name', 'oldConnectionId', 'connectionNo'] as const).filter((k) => v[k]);
    if (given.length !== 1) {
      issue.addIssue({ code: 'custom', path: ['_'], message: 'consumers:search.oneCriterion' });
      return;
    }
    if (v.mobile && !/^\d{10}$/.test(v.mobile)) issue.addIssue({ code: 'custom', path: ['mobile'], message: 'validation.mobileLength' });
    if (v.name && !/^[\p{L}\p{M} .']+$/u.test(v.name)) issue.addIssue({ code: 'custom', path: ['name'], message: 'validation.nameLetters' });
  });
export type SearchInput = z.input<typeof searchInput>;

/** Master lists a GP admin may change (genders are fixed by SPEC §3.1). */
export const EDITABLE_MASTER_LISTS = ['wards', 'propertyTypes', 'categories', 'subCategories'] as const;
export type MasterList = 'wards' | 'propertyTypes' | 'categories' | 'subCategories' | 'genders';
export interface MasterItem {
  code: string;
  name?: string;
}
export type MasterLists = Record<MasterList, MasterItem[]>;

export const masterUpdateInput = z.object({
  list: z.enum(EDITABLE_MASTER_LISTS, { error: 'validation.invalid' }),
  items: z
    .array(
      z.object({
        code: z.string().trim().min(1, 'validation.required').max(40, { error: 'validation.tooLong' }).regex(/^[A-Z0-9_]+$/, 'consumers:validation.masterCode'),
        name: optionalText(60),
      }),
    )
    .min(1, 'consumers:validation.masterEmpty')
    .max(200, { error: 'validation.tooLong' })
    .refine((items) => new Set(items.map((i) => i.code)).size === items.length, 'consumers:validation.masterDuplicate'),
});

/** 15 MB of file, as base64 (4 characters per 3 bytes). */
export const IMPORT_MAX_BYTES = 15 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
export const importInput = z.object({
  fileName: z.string().trim().min(1, 'validation.required').max(200, { error: 'validation.tooLong' }),
  base64: z
    .string({ error: 'validation.required' })
    .min(1, 'validation.required')
    .max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 4, { error: 'consumers:import.tooLarge' }),
  /** 'allOrNothing': if any row is wrong nothing is stored. 'validOnly': the valid rows are stored. */
  mode: z.enum(['allOrNothing', 'validOnly'], { error: 'validation.invalid' }),
  /** Only check the rows and report, store nothing. */
  dryRun: z.boolean().optional(),
});

export interface ConsumerRow {
  connectionId: string;
  connectionNo: string;
  oldConnectionId: string;
  name: string;
  fatherName: string;
  mobile: string;
  doorNo: string | null;
  street: string | null;
  ward: string;
  wardName: string;
  serviceType: 'Metered' | 'Non_Metered';
  status: 'Active' | 'Inactive';
}

export interface AuditRow {
  at: string;
  userName: string | null;
  action: string;
  /** field → [old, new] (for a creation, field → new value). */
  changes: Record<string, unknown>;
}

export interface DemandSummary {
  id: string;
  consumerType: string;
  periodFrom: string;
  periodTo: string;
  lines: { taxHead: string; amountPaise: number }[];
  cancelled: boolean;
  /** The opening arrears or advance entered at creation (not a bill, not advance left by a payment). */
  opening: boolean;
}

export interface ConsumerDetail extends ConsumerRow {
  gramPanchayat: string;
  gender: 'MALE' | 'FEMALE' | 'TRANSGENDER';
  previousMobiles: string[];
  category: string | null;
  subCategory: string | null;
  propertyType: string;
  meterNumber: string | null;
  previousReadingDate: string;
  previousReading: number | null;
  lastBilledCycle: string | null;
  paymentType: 'arrears' | 'advance';
  arrears: number;
  penalty: number;
  advance: number;
  statusRemarks: string | null;
  /** True once the "first demand" exists (SPEC §2.7): history fields are then locked. */
  historyLocked: boolean;
  demands: DemandSummary[];
  audit: AuditRow[];
  createdAt: string;
}

export interface FormInfo {
  gramPanchayat: string;
  cityCode: string;
  masters: MasterLists;
  /** The selectable last billed cycles (YYYY-MM), newest first. */
  billingCycles: string[];
  /** Allowed previous reading dates (metered), inclusive. */
  readingDateMin: string;
  readingDateMax: string;
  today: string;
}

export type ImportRowStatus = 'created' | 'valid' | 'error' | 'exists';
export interface ImportRowResult {
  /** Spreadsheet row number (header = row 1). */
  row: number;
  status: ImportRowStatus;
  oldConnectionId: string;
  name: string;
  connectionNo?: string;
  /** field → message in the caller's language (empty when fine). */
  errors: { field: string; label: string; message: string }[];
}
export interface ImportResult {
  mode: 'allOrNothing' | 'validOnly';
  total: number;
  created: number;
  failed: number;
  existing: number;
  /** False in all-or-nothing mode when any row was wrong, or for a dry run. */
  stored: boolean;
  rows: ImportRowResult[];
}

export const consumersContract = {
  'consumers.formInfo': op<FormInfo>()({
    input: z.object({}).strict(),
    access: CONSUMER_VIEWERS,
    mode: 'read',
    doc: 'What the consumer form needs: GP name and code, master lists, the selectable billing cycles and reading-date range.',
  }),
  'consumers.create': op<{ connectionId: string; connectionNo: string }>()({
    input: consumerInput,
    access: CONSUMER_EDITORS,
    mode: 'write',
    doc: 'Create a consumer and its connection (SPEC §2.4), with the opening arrears or advance demand; returns the new connection number.',
  }),
  'consumers.search': op<{ results: ConsumerRow[]; truncated: boolean; fuzzy: boolean }>()({
    input: searchInput,
    access: CONSUMER_VIEWERS,
    mode: 'read',
    doc: 'Find consumers by exactly one of: mobile (current or earlier), name (partial, forgiving), old connection ID, new connection ID (SPEC §2.5).',
  }),
  'consumers.get': op<ConsumerDetail>()({
    input: z.object({ connectionId: uuid }),
    access: CONSUMER_VIEWERS,
    mode: 'read',
    doc: 'One household: connection card data, opening demands and the audit history of every change (SPEC §2.6).',
  }),
  'consumers.update': op<{ connectionId: string; changed: string[] }>()({
    input: updateInput,
    access: CONSUMER_EDITORS,
    mode: 'write',
    doc: 'Edit a consumer (SPEC §2.7): history fields lock after the first demand; deactivate/reactivate with remarks; every change audited.',
  }),
  'consumers.duplicates': op<{ oldConnectionId: string; connections: ConsumerRow[] }[]>()({
    input: z.object({}).strict(),
    access: CONSUMER_ADMINS,
    mode: 'read',
    doc: 'Old connection IDs held by more than one connection of the GP (made offline on two desktops), for the GP admin to resolve.',
  }),
  'consumers.importTemplate': op<{ fileName: string; mimeType: string; base64: string }>()({
    input: z.object({ format: z.enum(['xlsx', 'csv'], { error: 'validation.invalid' }) }),
    access: CONSUMER_ADMINS,
    mode: 'read',
    doc: 'The bulk consumer load template (SPEC §10), headings in the caller\'s language, with one example row.',
  }),
  'consumers.import': op<ImportResult>()({
    input: importInput,
    access: CONSUMER_ADMINS,
    mode: 'write',
    doc: 'Bulk consumer load from CSV or XLSX (≤ 15 MB): every row checked with the form\'s rules; all-or-nothing or valid rows only; rows whose old connection ID exists are skipped.',
  }),
  'masterdata.get': op<MasterLists>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mode: 'read',
    doc: 'The selected GP\'s consumer master lists: wards, property types, categories, sub-categories, genders.',
  }),
  'masterdata.update': op<MasterLists>()({
    input: masterUpdateInput,
    access: CONSUMER_ADMINS,
    mode: 'write',
    doc: 'Replace one of the GP\'s consumer master lists (wards, property types, categories, sub-categories); audited.',
  }),
} as const;
