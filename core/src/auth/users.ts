import type { Ctx } from '../api/context.js';

/**
 * Users and Gram Panchayats: the model.
 *
 * - A user row belongs to exactly one GP, its home GP: `users.tenant_id`, set here when the user
 *   is created and never changed. Every role of the user (`user_roles.tenant_id`) is in that GP.
 * - A person who works in two GPs has two user rows, one in each GP, each with its own id,
 *   password and language (the same mobile may appear once per GP; on a device `users.mobile` is
 *   unique, and a device holds one GP). One row replicated to several GPs is what we do NOT do:
 *   it would let one GP's desktop change (password, name, deactivation) a row another GP signs in
 *   with, and a desktop would read a row of a GP it does not belong to (DESIGN.md: "a device sees
 *   only its own tenant"). The central server gives every replicated row exactly one GP.
 * - Replication: a users row travels under its GP like any GP row. Its outbox entries carry the
 *   row's `tenant_id` (sync/changes.ts, which refuses a users insert without one), and the server
 *   refuses a users row whose `tenant_id` is missing or not the pushing desktop's GP (the whole
 *   batch, server/src/sync/validate.ts). A `tenants` row is its own GP: its id is its tenant.
 * - Rows from before this model: migration 0009 sets `tenant_id` from the user's first role (a
 *   setup or demo user has roles in one GP) and fixes this desktop's unpushed outbox entries; a
 *   users row pulled without `tenant_id` (pushed by an older desktop) is stored with this
 *   desktop's GP, the only GP the server sends it (sync/apply.ts).
 */

/** A new staff member of one Gram Panchayat with the given role codes (SPEC §1.1). Returns the user id. */
export async function createUser(
  ctx: Ctx,
  user: { name: string; mobile: string; passwordHash: string; tenantId: string; roles: readonly string[] },
): Promise<string> {
  const id = ctx.newId();
  await ctx.change.insert('users', {
    id,
    tenant_id: user.tenantId,
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
