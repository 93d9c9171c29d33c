import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Language } from '../i18n/translate.js';
import type { ChangeWriter } from '../sync/changes.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { PdfPrinter } from '../platform/pdf.js';
import type { PrinterService } from '../printing/service.js';
import type { Mode } from './operation.js';
import { fail } from './errors.js';

/** Who is calling, resolved from the session token before the handler runs. */
export interface SessionContext {
  sessionId: string;
  userId: string;
  userName: string;
  tenantId: string;
  /** Effective role codes for the selected GP (bundles expanded). */
  roles: string[];
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  /** Field → [old, new]; for a creation, the new values. */
  changes: Record<string, unknown>;
}

/** What a handler gets: one transaction, one instant, and the helpers that keep the invariants. */
export interface Ctx {
  /** The write transaction, or for a 'read' operation its read snapshot (query-only). */
  db: Transaction<DB>;
  mode: Mode;
  /** The instant the call started; every row written by the call uses it. */
  now: Date;
  nowIso: string;
  lang: Language;
  device: { id: string; code: string };
  session: SessionContext | null;
  /** The session token presented by the caller, if any (sign-out needs it). */
  token: string | undefined;
  hlc(): string;
  newId(): string;
  /** Writes to replicated tables, with their outbox entries. */
  change: ChangeWriter;
  audit(entry: AuditEntry): Promise<void>;
  /** Facts core owns that handlers may need (idle timeout, version). */
  settings: CoreSettings;
  /** The data folder (SQLite file, documents/): for handlers that keep files, e.g. expense attachments. */
  dataDir: string;
  /** The platform pieces the host passed to Core.open. */
  pdf: PdfPrinter;
  printer: PrinterService;
  clock: Clock;
  log: Logger;
}

export interface CoreSettings {
  version: string;
  idleTimeoutMinutes: number;
  maxFailedAttempts: number;
  lockMinutes: number;
  defaultLanguage: Language;
}

/** The caller's session, or UNAUTHENTICATED. */
export function signedIn(ctx: Ctx): SessionContext {
  if (!ctx.session) throw fail.unauthenticated();
  return ctx.session;
}
