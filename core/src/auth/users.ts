import type { Ctx } from '../api/context.js';

/** A new staff member of one Gram Panchayat with the given role codes (SPEC §1.1). Returns the user id. */
export async function createUser(
  ctx: Ctx,
  user: { name: string; mobile: string; passwordHash: string; tenantId: string; roles: readonly string[] },
): Promise<string> {
  const id = ctx.newId();
  await ctx.change.insert('users', {
    id,
    mobile: user.mobile,
    name: user.name,
    password_hash: user.passwordHash,
    gender: null,
    email: null,
    language: null,
    active: 1,
    must_change_password: 0,
    failed_attempts: 0,
    locked_until: null,
    created_at: ctx.nowIso,
  });
  for (const role of user.roles) {
    await ctx.change.insert('user_roles', { id: ctx.newId(), user_id: id, tenant_id: user.tenantId, role, created_at: ctx.nowIso });
  }
  return id;
}
