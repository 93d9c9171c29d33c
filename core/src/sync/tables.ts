/** The device's replication tables (migration 0004_sync.ts). */
export interface SyncStateTable {
  id: number;
  server_url: string;
  /** The device's secret for the central server (its hash is all the server keeps). */
  device_token: string;
  server_device_id: string;
  tenant_id: string;
  /** The server's per-tenant sequence up to which this device has applied changes. */
  pull_cursor: number;
  enrolled_at: string;
  last_success_at: string | null;
  last_attempt_at: string | null;
  /** An i18n key (resources/locales/<lang>/sync.json) for the last failure, null after a success. */
  last_error_key: string | null;
  last_error_detail: string | null;
  /** Local clock minus the server's Date header at the last exchange, in ms. */
  clock_drift_ms: number | null;
  /** The latest HLC stamp received from the server, so the clock resumes after it on restart. */
  max_remote_hlc: string | null;
}

export interface FieldClockTable {
  table_name: string;
  row_id: string;
  /** JSON object: column → HLC stamp of its last write. */
  clocks: string;
}

export interface SyncRejectTable {
  id: import('kysely').Generated<number>;
  /** 'push': the server refused our change; 'pull': a server change could not be applied here. */
  direction: 'push' | 'pull';
  mutation_id: string | null;
  table_name: string;
  row_id: string;
  reason: string;
  data: string;
  at: string;
}

/**
 * Holds a row only while sync writes what the server already holds where a clerk may not:
 * replacing a losing demand copy (migration 0008, sync/converge.ts) or merging a field into a
 * paid expense (migration 0012). Written and cleared inside sync/apply.ts's transaction.
 */
export interface SyncAdoptionTable {
  id: number;
}

/** Attachment files this device has settled with the server, or will try again (migration 0010, sync/files.ts). */
export interface FileSyncTable {
  tenant_id: string;
  sha256: string;
  done_at: string | null;
  attempts: number;
  next_try_at: string | null;
  last_error: string | null;
}

export interface SyncTables {
  sync_state: SyncStateTable;
  sync_adoption: SyncAdoptionTable;
  file_sync: FileSyncTable;
  field_clocks: FieldClockTable;
  sync_rejects: SyncRejectTable;
}
