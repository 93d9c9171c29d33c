/**
 * The date and money rules of an expense (SPEC §2.12, example E11), free of Node and SQLite so
 * the renderer's form can run the very same checks. Every message is an i18n key of
 * resources/locales/<lang>/expenses.json (prefix `expenses.`).
 */

/** Whole rupees a bill may carry: `^[1-9][0-9]{0,5}$` in the original, i.e. 1 … 9,99,999. */
export const MIN_AMOUNT_RUPEES = 1;
export const MAX_AMOUNT_RUPEES = 999_999;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today's business date in Asia/Kolkata (UTC+05:30, no daylight saving) for an instant. */
export function todayInKolkata(now: Date): string {
  return new Date(now.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}

/** The April–March financial year of a date, as "2026-27". */
export function financialYear(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export interface ExpenseDates {
  billDate: string;
  partyBillDate?: string | null | undefined;
  periodFrom: string;
  periodTo: string;
  isPaid?: boolean | undefined;
  paidDate?: string | null | undefined;
}

/**
 * Field → i18n key for every broken date rule; empty when all hold. `today` (Asia/Kolkata) adds
 * the "not in the future" rules. One message per field, the first rule that fails.
 */
export function expenseDateErrors(v: ExpenseDates, today?: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const set = (field: string, key: string) => {
    if (!errors[field]) errors[field] = key;
  };
  if (today && v.billDate > today) set('billDate', 'expenses.billDateFuture');
  if (v.partyBillDate && v.partyBillDate > v.billDate) set('partyBillDate', 'expenses.partyBillDateAfterBillDate');
  if (v.periodFrom > v.billDate) set('periodFrom', 'expenses.fromDateAfterBillDate');
  if (v.periodTo > v.billDate) set('periodTo', 'expenses.toDateAfterBillDate');
  if (v.periodFrom > v.periodTo) set('periodFrom', 'expenses.fromDateAfterToDate');
  if (financialYear(v.periodFrom) !== financialYear(v.periodTo)) set('periodTo', 'expenses.periodAcrossFinancialYears');
  if (v.isPaid) {
    if (!v.paidDate) set('paidDate', 'expenses.paidDateRequired');
    else if (v.paidDate < v.billDate) set('paidDate', 'expenses.paidDateBeforeBillDate');
    else if (today && v.paidDate > today) set('paidDate', 'expenses.paidDateFuture');
  } else if (v.paidDate) {
    set('paidDate', 'expenses.paidDateWithoutPaid');
  }
  return errors;
}

/** The name key of a vendor: single-spaced, lower case (uniqueness and search). */
export function vendorKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-IN');
}

/** The vendor name as stored: trimmed and single-spaced. */
export function tidyName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

// ---- attachments -------------------------------------------------------------------------

export const MAX_ATTACHMENT_BYTES = 5_000_000;
export const MAX_ATTACHMENTS = 5;
/** Base64 length of the largest allowed file (4 characters per 3 bytes, padded). */
export const MAX_ATTACHMENT_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

export const ATTACHMENT_TYPES = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

/** Lower-case extension of a file name if it is one we accept. */
export function attachmentExtension(name: string): AttachmentExtension | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  const ext = m?.[1]?.toLowerCase();
  return ext && ext in ATTACHMENT_TYPES ? (ext as AttachmentExtension) : undefined;
}

/**
 * A file name we can show and keep: no folder parts, no "..", no NUL or control characters.
 * (The stored file is named by its sha256, never by this name; the check keeps the name honest.)
 */
export function isSafeFileName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[/\\\u0000-\u001f\u007f]/.test(name) && !name.includes('..') && name.trim() === name && name.length > 0;
}

/** The first bytes each accepted type must start with. */
export const MAGIC_BYTES: Record<AttachmentExtension, readonly number[]> = {
  jpg: [0xff, 0xd8, 0xff],
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
};

export function magicMatches(ext: AttachmentExtension, bytes: Uint8Array): boolean {
  const magic = MAGIC_BYTES[ext];
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
