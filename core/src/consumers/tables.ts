/**
 * Tables of the consumers domain, and the minimal demand ledger that billing builds on.
 *
 * Conventions: ids UUIDv7 text; `created_at` ISO UTC instant; `updated_at` HLC stamp written by
 * ctx.change; money integer paise; business dates `YYYY-MM-DD` (Asia/Kolkata); booleans 0/1.
 *
 * A household is one `consumers` row (the person and the address, SPEC §3.1 "property") and one
 * `connections` row (the water connection). Operations address a household by its connection id.
 */

export type Gender = 'MALE' | 'FEMALE' | 'TRANSGENDER';
export type ServiceType = 'Metered' | 'Non_Metered';
export type PaymentType = 'arrears' | 'advance';
export type ConnectionStatus = 'Active' | 'Inactive';

/** The person and address (replicated). */
export interface ConsumerTable {
  id: string;
  tenant_id: string;
  /** Trimmed, inner spaces collapsed. Searched through the FTS5 indexes `consumers_name_tri` / `consumers_name_word`. */
  name: string;
  gender: Gender;
  father_name: string;
  /** Current mobile (10 digits). Earlier mobiles are in `consumer_mobiles` too. */
  mobile: string;
  category: string | null;
  sub_category: string | null;
  door_no: string | null;
  street: string | null;
  /** Ward (locality) code from the GP's ward list. */
  ward: string;
  property_type: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/**
 * Every mobile a consumer has had (the current one included), so a search by the old or the
 * new number finds the household (SPEC §2.5, §2.7). Append-only in practice (replicated).
 */
export interface ConsumerMobileTable {
  id: string;
  tenant_id: string;
  consumer_id: string;
  mobile: string;
  created_at: string;
  updated_at: string;
}

/** The water connection (replicated). */
export interface ConnectionTable {
  id: string;
  tenant_id: string;
  consumer_id: string;
  /** `WS/<CITY>/<FY>/<DEVICE>-<seq>` (consumers/numbering.ts). Unique. */
  connection_no: string;
  /** Unique per GP, case-insensitive (COLLATE NOCASE). Not a UNIQUE index: a duplicate made offline on two desktops must sync and be shown to the GP admin (consumers.duplicates), never merged. */
  old_connection_no: string;
  connection_type: ServiceType;
  meter_number: string | null;
  /** Metered: the previous reading date. Non-metered: first day of the last billed month (SPEC §3.1). */
  previous_reading_date: string;
  previous_reading: number | null;
  payment_type: PaymentType;
  /** Opening balance as entered (paise), also present as the opening demand. */
  arrears_paise: number;
  penalty_paise: number;
  advance_paise: number;
  status: ConnectionStatus;
  /** Remarks given when the connection was last deactivated/reactivated. */
  status_remarks: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/**
 * The demand ledger (SPEC §4.2), append-only: triggers refuse UPDATE and DELETE on `demands`,
 * `demand_lines` and `demand_reversals`.
 *
 * - A demand is ACTIVE unless a `demand_reversals` row references it (then CANCELLED).
 * - `consumer_type`: 'waterConnection' (regular charge), 'waterConnection-arrears' (opening
 *   arrears + opening penalty), 'waterConnection-advance' (opening advance).
 * - Unique (connection_id, consumer_type, period_from, period_to, revision): the same period
 *   converges to one demand (two desktops, a retried call). A demand re-created after its
 *   reversal for the same period takes revision = previous revision + 1.
 * - Collections are NOT stored on the lines; the collections domain records them in its own
 *   append-only tables and the balance is lines − collections.
 */
export type DemandConsumerType = 'waterConnection' | 'waterConnection-arrears' | 'waterConnection-advance';
export type TaxHead = '10101' | '10102' | '10201' | 'WS_TIME_PENALTY' | 'WS_ADVANCE_CARRYFORWARD' | 'WS_Round_Off';

export interface DemandTable {
  id: string;
  tenant_id: string;
  connection_id: string;
  consumer_type: DemandConsumerType;
  /** Tax period, business dates, inclusive (to = end of that day). */
  period_from: string;
  period_to: string;
  revision: number;
  created_at: string;
  created_by: string;
  /**
   * Which writing of this demand the row is (sync/converge.ts): set when the id is derived from
   * (connection, period), so two desktops can write it; null for demands with a fresh id.
   */
  copy_id: string | null;
  updated_at: string;
}

export interface DemandLineTable {
  id: string;
  tenant_id: string;
  demand_id: string;
  tax_head: TaxHead;
  /** Paise. Charges are positive; an advance (WS_ADVANCE_CARRYFORWARD) is a NEGATIVE credit. */
  amount_paise: number;
  created_at: string;
  /** The demand copy this line was written with (demands.copy_id). */
  demand_copy_id: string | null;
  updated_at: string;
}

export interface DemandReversalTable {
  id: string;
  tenant_id: string;
  /** Unique: a demand is reversed at most once. */
  demand_id: string;
  reason: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** A GP's own version of one master list (replicated); absent = the defaults of resources/masterdata/consumer-masters.json. */
export interface ConsumerMasterTable {
  id: string;
  tenant_id: string;
  list: string;
  /** JSON array of { code, name? }. */
  items: string;
  created_at: string;
  updated_at: string;
}

/** Local (never replicated) per-device counters, see numbering/series.ts. */
export interface NumberSeriesTable {
  name: string;
  scope: string;
  next: number;
}

export interface ConsumerTables {
  consumers: ConsumerTable;
  consumer_mobiles: ConsumerMobileTable;
  connections: ConnectionTable;
  demands: DemandTable;
  demand_lines: DemandLineTable;
  demand_reversals: DemandReversalTable;
  consumer_masters: ConsumerMasterTable;
  number_series: NumberSeriesTable;
}
