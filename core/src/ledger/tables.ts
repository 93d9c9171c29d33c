/**
 * Collections against the demand ledger (consumers/tables.ts owns demands and demand_lines).
 * All append-only (triggers refuse UPDATE and DELETE); all replicated.
 *
 * - `payments`: one row per money received. `amount_paise` is what the consumer handed over.
 * - `payment_allocations`: what that money settled, line by line (SPEC §4.7 apportionment).
 *   A NEGATIVE allocation on a WS_ADVANCE_CARRYFORWARD line means an advance already held was
 *   used up by this payment.
 * - An overpayment becomes advance as a new demand of consumer_type 'waterConnection-advance'
 *   whose WS_ADVANCE_CARRYFORWARD line is −surplus; `payments.advance_demand_id` points at it.
 *   So always: amount_paise = Σ allocations + surplus.
 * - `payment_cancellations`: a cancelled receipt (SPEC Part A.5). Its allocations stop counting,
 *   and the advance demand it created is reversed in the same transaction.
 */
export interface PaymentTable {
  id: string;
  tenant_id: string;
  connection_id: string;
  /** Per-device receipt number (numbering/series.ts). Unique. */
  receipt_no: string;
  amount_paise: number;
  mode: string;
  payer_name: string | null;
  payer_mobile: string | null;
  /** IST business date of the payment. */
  paid_on: string;
  /** The form's idempotency key: a double click records one payment. Unique. */
  idempotency_key: string;
  advance_demand_id: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface PaymentAllocationTable {
  id: string;
  tenant_id: string;
  payment_id: string;
  demand_line_id: string;
  amount_paise: number;
  created_at: string;
  updated_at: string;
}

export interface PaymentCancellationTable {
  id: string;
  tenant_id: string;
  /** Unique: a receipt is cancelled at most once. */
  payment_id: string;
  reason: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface LedgerTables {
  payments: PaymentTable;
  payment_allocations: PaymentAllocationTable;
  payment_cancellations: PaymentCancellationTable;
}
