/**
 * The central server's database, the same on PostgreSQL and SQLite (db/migrations.ts). Only
 * `text` and `integer` columns: instants are ISO UTC text, JSON is text, flags are nullable
 * instants (`revoked_at`), so both engines return the same JavaScript values.
 *
 * Replicated rows are stored generically (`sync_rows`: one JSON document per row plus its
 * per-field HLC clocks), so a domain table added to core/src/sync/changes.ts replicates without a
 * server migration; its shape is checked against core's own migrations (sync/catalogue.ts).
 */
export interface GramPanchayatTable {
  id: string;
  code: string;
  name: string;
  district: string;
  block: string;
  state: string;
  created_at: string;
  /** The last server sequence number given to a change of this GP (see sync/push.ts). */
  next_seq: number;
}

export interface ServerDeviceTable {
  id: string;
  tenant_id: string;
  name: string;
  /** sha256 of the device token (a 256-bit random secret, so a fast hash is enough). */
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

export interface EnrolmentCodeTable {
  /** sha256 of the normalised one-time code. */
  code_hash: string;
  tenant_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

export interface SyncRowTable {
  table_name: string;
  row_id: string;
  tenant_id: string;
  /** JSON: the row as merged so far (column → value). */
  data: string;
  /** JSON: column → HLC stamp of the write that set it (editable tables; '{}' otherwise). */
  clocks: string;
  updated_at: string;
}

export interface ChangeLogTable {
  tenant_id: string;
  /** Per-GP, gapless, assigned under the GP's row lock: the pull cursor. */
  seq: number;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update';
  /** JSON: the fields this change actually set (the ones that won the merge). */
  data: string;
  hlc: string;
  /** The device the change came from ('server' for rows the administration created). */
  device_id: string;
  mutation_id: string;
  received_at: string;
}

export interface MutationTable {
  device_id: string;
  mutation_id: string;
  tenant_id: string;
  batch_id: string;
  status: 'applied' | 'rejected';
  reason: string | null;
  /** The stamp as stored, when the server clamped it. */
  hlc: string | null;
  /** JSON array of fields that lost to later writes, or null. */
  superseded: string | null;
  received_at: string;
}

export interface ServerDB {
  gram_panchayats: GramPanchayatTable;
  devices: ServerDeviceTable;
  enrolment_codes: EnrolmentCodeTable;
  sync_rows: SyncRowTable;
  change_log: ChangeLogTable;
  mutations: MutationTable;
}
