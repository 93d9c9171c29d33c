import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SessionContext } from '../api/context.js';
import { expandRoles } from '../masterdata/roles.js';

/** Tokens are 256 random bits; only their sha256 is stored, so a copied database opens no session. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function rolesOf(trx: Kysely<DB>, userId: string, tenantId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', userId)
    .where('tenant_id', '=', tenantId)
    .execute();
  return expandRoles(rows.map((r) => r.role));
}

/** A session found for a token, and what using it now means for its row. */
export interface SessionLookup {
  session: SessionContext | null;
  id: string;
  /** The session went idle too long: it ends now. */
  expired: boolean;
  /** Last noted use more than a minute ago (refreshed at most once a minute to spare the disk). */
  stale: boolean;
}

/**
 * The live session for a token: not ended, its user active, and used within the idle timeout.
 * Reads only, so a read operation can look it up on its snapshot; recordSessionUse writes what
 * the lookup implies.
 */
export async function lookupSession(db: Kysely<DB>, token: string, now: Date, idleTimeoutMinutes: number): Promise<SessionLookup | null> {
  const id = sessionIdOf(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.tenant_id', 'sessions.last_seen_at', 'users.name', 'users.active'])
    .where('sessions.id', '=', id)
    .where('sessions.ended_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.active !== 1) return null;
  const idleMs = now.getTime() - Date.parse(row.last_seen_at);
  if (idleMs > idleTimeoutMinutes * 60_000) return { session: null, id, expired: true, stale: false };
  return {
    id,
    expired: false,
    stale: idleMs > 60_000,
    session: {
      sessionId: id,
      userId: row.user_id,
      userName: row.name,
      tenantId: row.tenant_id,
      roles: await rolesOf(db, row.user_id, row.tenant_id),
    },
  };
}

/**
 * End an idle session, or note the user's activity. A polled status is not activity
 * (OperationSpec.passive), so an open screen alone never keeps a session alive.
 */
export async function recordSessionUse(db: Kysely<DB>, found: SessionLookup, now: Date, activity: boolean): Promise<void> {
  if (found.expired) await db.updateTable('sessions').set({ ended_at: now.toISOString() }).where('id', '=', found.id).execute();
  else if (activity && found.stale) await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', found.id).execute();
}
