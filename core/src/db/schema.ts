import type { Generated } from 'kysely';
import type { ExpenseTables } from '../expenses/tables.js';
import type { NotificationTables } from '../notifications/tables.js';
import type { SyncTables } from '../sync/tables.js';
import type { ConsumerTables } from '../consumers/tables.js';
import type { LedgerTables } from '../ledger/tables.js';
import type { BillingTables } from '../billing/tables.js';
import type { CollectionTables } from '../collections/tables.js';

/**
 * The device database, as kysely sees it. Conventions (DESIGN.md "Data and replication"):
 * ids are UUIDv7 text made on the device; `created_at` is an ISO UTC instant; `updated_at` is
 * a hybrid-logical-clock stamp (sync/hlc.ts); money is integer paise; business dates are
 * `YYYY-MM-DD` in Asia/Kolkata; booleans are 0/1.
 */
export interface DeviceTable {
  id: string;
  code: string;
  name: string;
  is_self: number;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface TenantTable {
  id: string;
  code: string;
  name: string;
  district: string;
  block: string;
  state: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  /**
   * The one Gram Panchayat this user row belongs to (migration 0009; core/src/auth/users.ts has
   * the model). Set on every new row; null only on a row from before 0009 that had no role.
   */
  tenant_id: string | null;
  mobile: string;
  name: string;
  password_hash: string;
  gender: string | null;
  email: string | null;
  language: string | null;
  active: number;
  must_change_password: number;
  /** Local only (not replicated): wrong passwords since the last good sign-in. */
  failed_attempts: number;
  /** Local only: ISO instant until which sign-in is refused. */
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  id: string;
  user_id: string;
  tenant_id: string;
  role: string;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** sha256 of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  tenant_id: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
}

export interface OutboxTable {
  seq: Generated<number>;
  mutation_id: string;
  tenant_id: string | null;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update';
  data: string;
  hlc: string;
  created_at: string;
  pushed_at: string | null;
}

export interface AuditLogTable {
  id: string;
  tenant_id: string | null;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  changes: string;
  updated_at: string;
}

/** Tables of the foundation. Each domain declares its own in <domain>/tables.ts and joins DB below. */
export interface FoundationTables {
  devices: DeviceTable;
  settings: SettingTable;
  tenants: TenantTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
}

/** The whole device database: add a domain's tables interface to this list. */
export interface DB extends FoundationTables, ExpenseTables, NotificationTables, ConsumerTables, SyncTables, LedgerTables, CollectionTables, BillingTables {}
