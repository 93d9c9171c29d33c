import type { Handlers } from '../api/handlers.js';
import { signedIn, type Ctx } from '../api/context.js';
import { ApiError, fail } from '../api/errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { newSessionToken } from './sessions.js';
import { sessionInfo, tenantsOf } from './session-info.js';
import { seedDemo } from '../demo/seed.js';
import { createUser } from './users.js';

type AuthOps =
  | 'app.status'
  | 'setup.createGramPanchayat'
  | 'setup.loadDemo'
  | 'auth.signIn'
  | 'auth.session'
  | 'auth.signOut'
  | 'auth.changePassword'
  | 'auth.selectTenant'
  | 'profile.setLanguage';

async function isInitialized(ctx: Ctx): Promise<boolean> {
  return (await ctx.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst()) !== undefined;
}

async function refuseIfInitialized(ctx: Ctx): Promise<void> {
  if (await isInitialized(ctx)) throw fail.conflict('setup.alreadyDone');
  // An enrolled desktop gets its Gram Panchayat from the central server on the first sync.
  if (await ctx.db.selectFrom('sync_state').select('id').executeTakeFirst()) throw fail.conflict('setup.enrolledWaitForSync');
}

export const authHandlers: Handlers<AuthOps> = {
  'app.status': async (ctx) => ({
    initialized: await isInitialized(ctx),
    version: ctx.settings.version,
    defaultLanguage: ctx.settings.defaultLanguage,
    deviceId: ctx.device.id,
  }),

  'setup.createGramPanchayat': async (ctx, input) => {
    await refuseIfInitialized(ctx);
    const tenantId = ctx.newId();
    await ctx.change.insert('tenants', { id: tenantId, ...input.tenant, created_at: ctx.nowIso });
    const userId = await createUser(ctx, {
      name: input.admin.name,
      mobile: input.admin.mobile,
      passwordHash: await hashPassword(input.admin.password),
      tenantId,
      roles: ['GP_ADMIN', 'SARPANCH'],
    });
    await ctx.audit({ action: 'setup', entity: 'tenant', entityId: tenantId, changes: { ...input.tenant, admin: input.admin.mobile } });
    return { tenantId, userId };
  },

  'setup.loadDemo': async (ctx) => {
    await refuseIfInitialized(ctx);
    return seedDemo(ctx);
  },

  'auth.signIn': async (ctx, input) => {
    const user = await ctx.db.selectFrom('users').selectAll().where('mobile', '=', input.mobile).executeTakeFirst();
    if (!user || user.active !== 1) throw fail.unauthenticated('auth.wrongCredentials');
    if (user.locked_until && Date.parse(user.locked_until) > ctx.now.getTime()) {
      const minutes = Math.ceil((Date.parse(user.locked_until) - ctx.now.getTime()) / 60_000);
      throw fail.rateLimited('auth.locked', { minutes });
    }
    if (!(await verifyPassword(input.password, user.password_hash))) {
      const attempts = user.failed_attempts + 1;
      const max = ctx.settings.maxFailedAttempts;
      if (attempts >= max) {
        const until = new Date(ctx.now.getTime() + ctx.settings.lockMinutes * 60_000).toISOString();
        await ctx.change.update('users', user.id, { failed_attempts: 0, locked_until: until });
        throw new ApiError('RATE_LIMITED', 'auth.lockedNow', { minutes: ctx.settings.lockMinutes }, {}, true);
      }
      await ctx.change.update('users', user.id, { failed_attempts: attempts });
      throw new ApiError('UNAUTHENTICATED', 'auth.wrongCredentialsLeft', { left: max - attempts }, {}, true);
    }
    const tenants = await tenantsOf(ctx.db, user.id);
    const tenant = tenants[0];
    if (!tenant) throw fail.forbidden('auth.noGramPanchayat');
    if (user.failed_attempts !== 0 || user.locked_until) {
      await ctx.change.update('users', user.id, { failed_attempts: 0, locked_until: null });
    }
    const { token, id } = newSessionToken();
    await ctx.db
      .insertInto('sessions')
      .values({ id, user_id: user.id, tenant_id: tenant.id, created_at: ctx.nowIso, last_seen_at: ctx.nowIso, ended_at: null })
      .execute();
    return { token, session: await sessionInfo(ctx.db, user.id, tenant.id, ctx.settings.idleTimeoutMinutes) };
  },

  'auth.session': async (ctx) =>
    ctx.session ? sessionInfo(ctx.db, ctx.session.userId, ctx.session.tenantId, ctx.settings.idleTimeoutMinutes) : null,

  'auth.signOut': async (ctx) => {
    const session = signedIn(ctx);
    await ctx.db.updateTable('sessions').set({ ended_at: ctx.nowIso }).where('id', '=', session.sessionId).execute();
    return { signedOut: true };
  },

  'auth.changePassword': async (ctx, input) => {
    const session = signedIn(ctx);
    const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', session.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
      throw fail.field('currentPassword', 'auth.currentPasswordWrong');
    }
    await ctx.change.update('users', user.id, { password_hash: await hashPassword(input.newPassword), must_change_password: 0 });
    // Other sessions of this user end: whoever else knew the old password is out.
    await ctx.db
      .updateTable('sessions')
      .set({ ended_at: ctx.nowIso })
      .where('user_id', '=', user.id)
      .where('id', '!=', session.sessionId)
      .where('ended_at', 'is', null)
      .execute();
    await ctx.audit({ action: 'changePassword', entity: 'user', entityId: user.id, changes: {} });
    return { changed: true };
  },

  'auth.selectTenant': async (ctx, input) => {
    const session = signedIn(ctx);
    const tenants = await tenantsOf(ctx.db, session.userId);
    if (!tenants.some((t) => t.id === input.tenantId)) throw fail.forbidden('auth.notYourGramPanchayat');
    await ctx.db.updateTable('sessions').set({ tenant_id: input.tenantId }).where('id', '=', session.sessionId).execute();
    return sessionInfo(ctx.db, session.userId, input.tenantId, ctx.settings.idleTimeoutMinutes);
  },

  'profile.setLanguage': async (ctx, input) => {
    const session = signedIn(ctx);
    await ctx.change.update('users', session.userId, { language: input.language });
    return { language: input.language };
  },
};
