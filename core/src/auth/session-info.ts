import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SessionInfo, TenantRef } from './contract.js';
import { rolesOf } from './sessions.js';

/** The Gram Panchayats a user holds any role in, by name. */
export async function tenantsOf(trx: Transaction<DB>, userId: string): Promise<TenantRef[]> {
  return trx
    .selectFrom('tenants')
    .select(['tenants.id', 'tenants.code', 'tenants.name'])
    .where('tenants.id', 'in', trx.selectFrom('user_roles').select('tenant_id').where('user_id', '=', userId))
    .orderBy('tenants.name')
    .execute();
}

export async function sessionInfo(
  trx: Transaction<DB>,
  userId: string,
  tenantId: string,
  idleTimeoutMinutes: number,
): Promise<SessionInfo> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'name', 'mobile', 'language'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const tenants = await tenantsOf(trx, userId);
  const tenant = tenants.find((t) => t.id === tenantId);
  if (!tenant) throw new Error('session tenant is not one of the user\'s tenants');
  return { user, tenant, tenants, roles: await rolesOf(trx, userId, tenantId), idleTimeoutMinutes };
}
