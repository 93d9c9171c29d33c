/**
 * Kysely types of the expenses domain (migration 0003_expenses). Money is integer paise,
 * business dates `YYYY-MM-DD` (Asia/Kolkata), instants ISO UTC, `updated_at` an HLC stamp.
 *
 * Append-only money: `expense_events` is history (triggers refuse UPDATE/DELETE). An `expenses`
 * row can change only while it is UNPAID; once PAID or CANCELLED a trigger refuses any change
 * (the status transition itself is the last write). Nothing is ever deleted.
 */
export type ExpenseStatus = 'UNPAID' | 'PAID' | 'CANCELLED';

export interface VendorTable {
  id: string;
  tenant_id: string;
  name: string;
  /** Lower-cased, single-spaced name: the uniqueness and search key. */
  name_key: string;
  mobile: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface ExpenseTable {
  id: string;
  tenant_id: string;
  /** EB-<FY yyyy-yy>-<device code>-<seq>, see numbering.ts. */
  bill_no: string;
  type_code: string;
  vendor_id: string;
  amount_paise: number;
  bill_date: string;
  party_bill_date: string | null;
  period_from: string;
  period_to: string;
  status: ExpenseStatus;
  paid_date: string | null;
  paid_at: string | null;
  paid_by: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface ExpenseAttachmentTable {
  id: string;
  tenant_id: string;
  expense_id: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  /** Content address: the file is <dataDir>/documents/<tenant_id>/<sha256>. */
  sha256: string;
  created_at: string;
  created_by: string | null;
  /** Removal of an attachment from an unpaid bill (the file and row stay). */
  removed_at: string | null;
  removed_by: string | null;
  updated_at: string;
}

export type ExpenseEventKind = 'CREATED' | 'UPDATED' | 'PAID' | 'CANCELLED' | 'ATTACHED' | 'DETACHED';

/** Append-only history of an expense: who did what, when, why, and old → new values. */
export interface ExpenseEventTable {
  id: string;
  tenant_id: string;
  expense_id: string;
  kind: ExpenseEventKind;
  at: string;
  user_id: string | null;
  reason: string | null;
  /** JSON: field → [old, new] (CREATED: field → value). */
  changes: string;
  updated_at: string;
}

/** Local only (never replicated): this device's expense bill number series, per GP and FY. */
export interface ExpenseNumberSeriesTable {
  tenant_id: string;
  fy: string;
  last_seq: number;
}

export interface ExpenseTables {
  vendors: VendorTable;
  expenses: ExpenseTable;
  expense_attachments: ExpenseAttachmentTable;
  expense_events: ExpenseEventTable;
  expense_number_series: ExpenseNumberSeriesTable;
}
