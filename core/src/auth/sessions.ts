import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
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

export async function rolesOf(trx: Transaction<DB>, userId: string, tenantId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', userId)
    .where('tenant_id', '=', tenantId)
    .execute();
  return expandRoles(rows.map((r) => r.role));
}

/**
 * The live session for a token: not ended, its user active, and used within the idle timeout.
 * Looking it up counts as activity (refreshed at most once a minute to spare the disk).
 */
export async function resolveSession(
  trx: Transaction<DB>,
  token: string,
  now: Date,
  idleTimeoutMinutes: number,
  /** Whether this call is the user's activity (a polled status is not, OperationSpec.passive). */
  opts: { activity: boolean } = { activity: true },
): Promise<SessionContext | null> {
  const id = sessionIdOf(token);
  const row = await trx
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.tenant_id', 'sessions.last_seen_at', 'users.name', 'users.active'])
    .where('sessions.id', '=', id)
    .where('sessions.ended_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.active !== 1) return null;
  const idleMs = now.getTime() - Date.parse(row.last_seen_at);
  if (idleMs > idleTimeoutMinutes * 60_000) {
    await trx.updateTable('sessions').set({ ended_at: now.toISOString() }).where('id', '=', id).execute();
    return null;
  }
  if (opts.activity && idleMs > 60_000) {
    await trx.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return {
    sessionId: id,
    userId: row.user_id,
    userName: row.name,
    tenantId: row.tenant_id,
    roles: await rolesOf(trx, row.user_id, row.tenant_id),
  };
}
