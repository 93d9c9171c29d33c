import { z } from 'zod';
import { op } from '../api/operation.js';

export const serverUrl = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(300, { error: 'validation.tooLong' })
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'sync.enrol.badUrl');

export const enrolInput = z.object({
  serverUrl,
  code: z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(32, { error: 'validation.tooLong' })
    .regex(/^[A-Za-z0-9 -]+$/, 'sync.enrol.codeFormat'),
});

export interface SyncStatus {
  enrolled: boolean;
  serverUrl: string | null;
  /** This desktop's Gram Panchayat id: give it to the central administrator to register the GP. */
  tenantId: string | null;
  serverDeviceId: string | null;
  /** null: not tried yet (or not enrolled); otherwise whether the last exchange reached the server. */
  online: boolean | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Local changes not yet acknowledged by the server. */
  pendingChanges: number;
  /** Changes the server refused, or this device could not apply (see sync_rejects). */
  rejectedChanges: number;
  /**
   * Demands (bills) another desktop raised first, whose copy this desktop replaced its own with
   * (sync/converge.ts): expected, not an error; this desktop's copies stay in sync_rejects.
   */
  supersededDemands: number;
  lastError: { key: string; message: string } | null;
  clockDriftMs: number | null;
  /** A plain-words warning when this PC's clock differs from the server's by more than 2 minutes. */
  clockWarning: string | null;
}

export interface SyncReject {
  direction: 'push' | 'pull';
  table: string;
  rowId: string;
  /** Machine reason: conflict, append_only, unknown_row, other_tenant, or the local database's message. */
  reason: string;
  at: string;
}

export const syncContract = {
  'sync.enrol': op<{ serverDeviceId: string; tenant: { id: string; code: string; name: string } }>()({
    input: enrolInput,
    access: 'public',
    mode: 'write',
    doc: 'Connect this desktop to the central server with a one-time enrolment code. GP administrators only; on a desktop without a Gram Panchayat yet (a second office), anyone at the first screen.',
  }),
  'sync.status': op<SyncStatus>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mode: 'read',
    doc: 'Replication state: online/offline, last successful sync, pending changes, refused changes, the last error in plain words, clock drift.',
    passive: true,
  }),
  'sync.rejects': op<SyncReject[]>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    access: ['GP_ADMIN'],
    mode: 'read',
    doc: 'The latest changes the server refused (push) or this desktop could not apply (pull), newest first, with the reason.',
    passive: true,
  }),
  'sync.now': op<{ started: boolean }>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mode: 'write',
    doc: 'Start a synchronisation round now (in the background); read sync.status for its outcome.',
  }),
} as const;
