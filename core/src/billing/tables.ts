/**
 * Tables of the billing domain (migration 0006_billing). Money is integer paise; business dates
 * `YYYY-MM-DD` (Asia/Kolkata); months `YYYY-MM`. The demand ledger itself (demands,
 * demand_lines, demand_reversals) belongs to consumers/tables.ts; billing only appends to it.
 */

/**
 * A GP's tariff, as versions (replicated, append-only): an edit appends a new version effective
 * from a chosen billing cycle, so the rates that made any old bill stay readable. The version
 * that applies to a cycle is the one with the latest `effective_from` ≤ that cycle (ties: the
 * later `created_at`, then id). No version = resources/masterdata/tariffs.json.
 */
export interface TariffVersionTable {
  id: string;
  tenant_id: string;
  /** First billing cycle (month `YYYY-MM`) the version applies to. */
  effective_from: string;
  /** JSON: { rows: TariffRow[], penalty: PenaltyRule & {subType}, billingPeriod, dueDays } (see billing/tariffs.ts). */
  tariff: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/**
 * Meter readings (replicated, append-only). One per metered bill; `demand_id` is the bill it
 * made. A reading whose demand was reversed no longer counts as "the last reading".
 */
export interface MeterReadingTable {
  id: string;
  tenant_id: string;
  connection_id: string;
  demand_id: string;
  reading_date: string;
  /** 0–99999, the odometer as read (for Breakdown/Locked/No meter: the previous reading carried on). */
  reading: number;
  previous_reading: number;
  previous_reading_date: string;
  /** See MeterStatus in billing/contract.ts. */
  meter_status: string;
  /** Units billed. */
  consumption: number;
  created_at: string;
  created_by: string;
  /** The demand copy this reading was billed with (demands.copy_id). */
  demand_copy_id: string | null;
  updated_at: string;
}

/**
 * The bill number of a demand (replicated, append-only): `BILLNO-WS-<device>-<seq>` from this
 * device's series. The id is derived from the demand id, so a demand has one bill row everywhere.
 */
export interface BillTable {
  id: string;
  tenant_id: string;
  /** Unique. */
  demand_id: string;
  bill_no: string;
  created_at: string;
  /** The demand copy this bill belongs to (demands.copy_id): its number is that copy's. */
  demand_copy_id: string | null;
  updated_at: string;
}

/**
 * SMS waiting for the central relay (SPEC §8.1, Part A.1), replicated, append-only: the relay
 * sends what it receives and keeps the delivery state on its side.
 */
export interface SmsOutboxTable {
  id: string;
  tenant_id: string;
  to_mobile: string;
  /** Template key of SPEC §8.1, e.g. mGram.Consumer.NewBill. */
  template_key: string;
  /** JSON object of the template's placeholders. */
  params: string;
  status: 'queued';
  created_at: string;
  /** For a new-bill SMS: its demand and demand copy (one SMS per demand, sync/converge.ts). */
  demand_id: string | null;
  demand_copy_id: string | null;
  updated_at: string;
}

/** Local (never replicated): when each scheduled job last ran on this device (jobs/scheduler.ts). */
export interface JobRunTable {
  name: string;
  /** IST business date of the last completed run. */
  last_run_date: string;
  last_run_at: string;
}

export interface BillingTables {
  tariff_versions: TariffVersionTable;
  meter_readings: MeterReadingTable;
  bills: BillTable;
  sms_outbox: SmsOutboxTable;
  job_runs: JobRunTable;
}
