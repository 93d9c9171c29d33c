import { z } from 'zod';

/**
 * The wire format between a desktop and the central server (server/src/plugins/sync.ts), one
 * definition for both ends. JSON over HTTPS; every sync call carries `Authorization: Bearer
 * <device token>`. Bump PROTOCOL_VERSION only with a server that still accepts the old one.
 */
export const PROTOCOL_VERSION = 1;

/** Largest push batch and pull page the server accepts (the client uses smaller ones). */
export const MAX_BATCH = 1000;

const hlcText = z.string().regex(/^\d{15}:\d{5}:[A-Za-z0-9-]{1,64}$/, 'not an HLC stamp');
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'not an id');
/** A replicated value: SQLite's scalars (text, integer, real, null). */
const scalar = z.union([z.string().max(1_000_000), z.number().finite(), z.null()]);

export const wireChange = z.object({
  mutationId: id,
  /** The device's outbox sequence: the order the device wrote its changes in. */
  seq: z.number().int().nonnegative(),
  table: z.string().min(1).max(64),
  rowId: id,
  op: z.enum(['insert', 'update']),
  data: z.record(z.string().min(1).max(64), scalar),
  hlc: hlcText,
});
export type WireChange = z.infer<typeof wireChange>;

export const pushRequest = z.object({
  protocol: z.literal(PROTOCOL_VERSION).optional(),
  deviceId: id,
  batchId: id,
  changes: z.array(wireChange).max(MAX_BATCH),
});
export type PushRequest = z.infer<typeof pushRequest>;

/** The batch around its changes; the server checks each change on its own to give a reason per change. */
export const pushEnvelope = pushRequest.extend({ changes: z.array(z.unknown()).max(MAX_BATCH) });

/**
 * - applied: merged (for editable rows some fields may have lost to later writes: `superseded`);
 * - duplicate: this mutation was applied before (a replayed batch); nothing changed;
 * - rejected: refused for good, with a reason (conflicting money row, update of an append-only
 *   row, …); the device keeps it in sync_rejects for staff to see.
 * `hlc` is set when the server clamped a stamp from a clock running ahead (see server README).
 */
export interface ChangeResult {
  mutationId: string;
  status: 'applied' | 'duplicate' | 'rejected';
  reason?: string;
  hlc?: string;
  superseded?: string[];
}

export interface PushResponse {
  results: ChangeResult[];
  /** The server's clock (also in the Date header). */
  serverTime: string;
}

/** A malformed batch: nothing was stored; a reason per refused change. */
export interface BatchRefused {
  error: 'malformed' | 'forbidden';
  message: string;
  results: { mutationId: string; reason: string }[];
}

export const pullRequest = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_BATCH).default(500),
});

export interface PulledChange {
  /** The server's per-tenant sequence number: the cursor to resume after. */
  seq: number;
  table: string;
  rowId: string;
  op: 'insert' | 'update';
  data: Record<string, string | number | null>;
  hlc: string;
  deviceId: string;
}

export interface PullResponse {
  changes: PulledChange[];
  nextCursor: number;
  hasMore: boolean;
  serverTime: string;
}

export const enrolRequest = z.object({
  code: z.string().trim().min(4).max(32),
  deviceName: z.string().trim().min(1).max(100),
  /** The desktop's own Gram Panchayat, if it already has one: must be the code's GP. */
  tenantId: id.optional(),
});

export interface EnrolResponse {
  deviceId: string;
  token: string;
  tenant: { id: string; code: string; name: string };
}
