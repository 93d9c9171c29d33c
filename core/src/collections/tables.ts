/**
 * Tables of the collections domain (the money rows themselves — payments, allocations,
 * cancellations — are in ledger/tables.ts). Migration 0007_collections.
 *
 * - `receipt_snapshots` (replicated, append-only): what the receipt must always say about the
 *   moment of payment — the amount that was due just before it. Pending-after / advance on the
 *   receipt derive from it, so a reprint years later prints the same figures.
 * - `payment_feedback` (replicated, append-only): the three ratings of SPEC §5.4, one row per
 *   payment (unique payment_id), each answer in the column of ITS question (the original app
 *   swapped "regular" and "quality", Part A.9).
 * - SMS go to billing's `sms_outbox` (billing/tables.ts, migration 0006), replicated and
 *   append-only, status 'queued' (Part A.1: sent by the central relay when a link appears).
 */
export interface ReceiptSnapshotTable {
  id: string;
  tenant_id: string;
  /** Unique. */
  payment_id: string;
  /** Net balance of the connection just before the payment (negative = advance held). */
  due_before_paise: number;
  created_at: string;
  updated_at: string;
}

export interface PaymentFeedbackTable {
  id: string;
  tenant_id: string;
  /** Unique: one feedback per payment. */
  payment_id: string;
  connection_id: string;
  /** "Are you happy with the water supply?" HAPPY_WITH_WATER_SUPPLY, 1–5. */
  happy_with_supply: number;
  /** "Is the water supply regular?" IS_WATER_SUPPLY_REGULAR, 1–5. */
  supply_regular: number;
  /** "Is the water quality good?" IS_WATER_QUALITY_GOOD, 1–5. */
  quality_good: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface CollectionTables {
  receipt_snapshots: ReceiptSnapshotTable;
  payment_feedback: PaymentFeedbackTable;
}
