import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(async () => {
  await t.close();
});

const GP = { name: 'Lodhipur', code: 'pb.lodhipur', district: 'Rupnagar', block: 'Anandpur Sahib', state: 'Punjab' };
const count = async (table: 'tenants' | 'users' | 'sessions' | 'outbox') =>
  Number((await t.core.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('first-run setup', () => {
  it('creates the GP and its admin once, and refuses a second setup', async () => {
    expect((await t.ok('app.status', {})).initialized).toBe(false);
    await t.ok('setup.createGramPanchayat', { tenant: GP, admin: ADMIN });
    expect((await t.ok('app.status', {})).initialized).toBe(true);
    const again = await t.err('setup.createGramPanchayat', { tenant: { ...GP, code: 'pb.other' }, admin: ADMIN });
    expect(again.code).toBe('CONFLICT');
    expect(await count('tenants')).toBe(1);
  });

  it.each([
    ['empty name', { admin: { ...ADMIN, name: '' } }, 'admin.name', 'validation.required'],
    ['name too long', { admin: { ...ADMIN, name: 'A'.repeat(51) } }, 'admin.name', 'validation.tooLong'],
    ['script in name', { admin: { ...ADMIN, name: '<script>alert(1)</script>' } }, 'admin.name', 'validation.nameLetters'],
    ['digit in name', { admin: { ...ADMIN, name: 'Ram1' } }, 'admin.name', 'validation.nameLetters'],
    ['9-digit mobile', { admin: { ...ADMIN, mobile: '987654321' } }, 'admin.mobile', 'validation.mobileLength'],
    ['letters in mobile', { admin: { ...ADMIN, mobile: '98765abcde' } }, 'admin.mobile', 'validation.digitsOnly'],
    ['mobile starting 5', { admin: { ...ADMIN, mobile: '5876543210' } }, 'admin.mobile', 'validation.mobileStart'],
    ['weak password', { admin: { ...ADMIN, password: 'abcdef1' } }, 'admin.password', 'validation.passwordPolicy'],
    ['bad GP code', { tenant: { ...GP, code: 'Lodhipur' } }, 'tenant.code', 'validation.tenantCode'],
    ['markup in GP name', { tenant: { ...GP, name: 'Lodhi<b>pur' } }, 'tenant.name', 'validation.placeName'],
  ])('rejects %s with the field message and stores nothing', async (_label, patch, field, key) => {
    const input = { tenant: { ...GP, ...(patch as { tenant?: object }).tenant }, admin: { ...ADMIN, ...(patch as { admin?: object }).admin } };
    const error = await t.err('setup.createGramPanchayat', input);
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[field]?.key).toBe(key);
    expect(await count('tenants')).toBe(0);
    expect(await count('users')).toBe(0);
    expect(await count('outbox')).toBe(0);
  });

  it('gives field messages in Hindi and Punjabi', async () => {
    const hi = await t.err('setup.createGramPanchayat', { tenant: GP, admin: { ...ADMIN, mobile: '98765' } }, undefined, 'hi');
    expect(hi.fields?.['admin.mobile']?.message).toBe('मोबाइल नंबर 10 अंकों का होना चाहिए।');
    const pa = await t.err('setup.createGramPanchayat', { tenant: GP, admin: { ...ADMIN, mobile: '98765' } }, undefined, 'pa');
    expect(pa.fields?.['admin.mobile']?.message).toBe('ਮੋਬਾਈਲ ਨੰਬਰ 10 ਅੰਕਾਂ ਦਾ ਹੋਣਾ ਚਾਹੀਦਾ ਹੈ।');
  });

  it('writes the GP, the admin and the roles to the outbox in the same transaction', async () => {
    await t.ok('setup.createGramPanchayat', { tenant: GP, admin: ADMIN });
    const rows = await t.core.db.selectFrom('outbox').select(['table_name', 'op', 'data']).orderBy('seq').execute();
    expect(rows.map((r) => r.table_name)).toEqual(['tenants', 'users', 'user_roles', 'user_roles', 'audit_log']);
    const userRow = JSON.parse(rows[1]!.data) as Record<string, unknown>;
    expect(userRow).not.toHaveProperty('failed_attempts');
    expect(userRow['password_hash']).toMatch(/^scrypt\$/);
  });
});

describe('sign-in', () => {
  it('signs in, reports the session with expanded roles, and signs out', async () => {
    const { token } = await t.setupAdmin();
    const session = await t.ok('auth.session', {}, token);
    expect(session?.user.mobile).toBe(ADMIN.mobile);
    expect(session?.roles).toEqual(expect.arrayContaining(['GP_ADMIN', 'SARPANCH', 'COLLECTION_OPERATOR', 'EXPENSE_PROCESSING']));
    await t.ok('auth.signOut', {}, token);
    expect(await t.ok('auth.session', {}, token)).toBeNull();
    expect((await t.err('home.cards', {}, token)).code).toBe('UNAUTHENTICATED');
  });

  it('never returns or logs the password hash', async () => {
    const { token } = await t.setupAdmin();
    const session = await t.ok('auth.session', {}, token);
    expect(JSON.stringify(session)).not.toMatch(/scrypt|password/i);
  });

  it('locks the account after five wrong passwords for 15 minutes, then lets the right one in', async () => {
    await t.setupAdmin();
    const wrong = { mobile: ADMIN.mobile, password: 'wrong-1!' };
    for (let left = 4; left >= 1; left--) {
      const e = await t.err('auth.signIn', wrong);
      expect(e.code).toBe('UNAUTHENTICATED');
      expect(e.params).toEqual({ left });
    }
    const locked = await t.err('auth.signIn', wrong);
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.message).toBe('Too many wrong passwords. The account is locked for 15 minutes.');
    // Even the right password is refused while locked.
    const stillLocked = await t.err('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password });
    expect(stillLocked.key).toBe('auth.locked');
    t.clock.advanceMinutes(16);
    await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password });
  });

  it('answers an unknown mobile exactly like a wrong password', async () => {
    await t.setupAdmin();
    const e = await t.err('auth.signIn', { mobile: '9123456789', password: 'whatever1!' });
    expect(e.code).toBe('UNAUTHENTICATED');
    expect(e.key).toBe('auth.wrongCredentials');
  });

  it('ends a session after the idle timeout, and activity keeps it alive', async () => {
    const { token } = await t.setupAdmin();
    t.clock.advanceMinutes(7 * 60);
    expect(await t.ok('auth.session', {}, token)).not.toBeNull();
    t.clock.advanceMinutes(7 * 60);
    expect(await t.ok('auth.session', {}, token)).not.toBeNull();
    t.clock.advanceMinutes(8 * 60 + 1);
    expect(await t.ok('auth.session', {}, token)).toBeNull();
    expect((await t.err('home.cards', {}, token)).code).toBe('UNAUTHENTICATED');
  });

  it('a status the screens poll (sync.status) does not keep an idle session alive', async () => {
    const { token } = await t.setupAdmin();
    for (let i = 0; i < 8 * 6; i++) {
      t.clock.advanceMinutes(10);
      expect((await t.ok('sync.status', {}, token)).enrolled).toBe(false);
    }
    t.clock.advanceMinutes(1);
    expect((await t.err('sync.status', {}, token)).code).toBe('UNAUTHENTICATED');
    expect(await t.ok('auth.session', {}, token)).toBeNull();
  });
});

describe('change password', () => {
  it('needs the right current password and a policy-compliant new one', async () => {
    const { token } = await t.setupAdmin();
    const wrongOld = await t.err('auth.changePassword', { currentPassword: 'nope-1!', newPassword: 'newpass1!' }, token);
    expect(wrongOld.fields?.['currentPassword']?.key).toBe('auth.currentPasswordWrong');
    const weak = await t.err('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'abc' }, token);
    expect(weak.fields?.['newPassword']?.key).toBe('validation.passwordPolicy');
    const same = await t.err('auth.changePassword', { currentPassword: ADMIN.password, newPassword: ADMIN.password }, token);
    expect(same.fields?.['newPassword']?.key).toBe('validation.passwordSameAsOld');
  });

  it('replaces the password and ends the user\'s other sessions', async () => {
    const { token } = await t.setupAdmin();
    const other = (await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).token;
    await t.ok('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'newpass1!' }, token);
    expect(await t.ok('auth.session', {}, token)).not.toBeNull();
    expect(await t.ok('auth.session', {}, other)).toBeNull();
    expect((await t.err('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).code).toBe('UNAUTHENTICATED');
    await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: 'newpass1!' });
  });
});

describe('roles', () => {
  it('refuses GP switching to a GP the user is not mapped to', async () => {
    const { token } = await t.setupAdmin();
    const e = await t.err('auth.selectTenant', { tenantId: '01900000-0000-7000-8000-000000000000' }, token);
    expect(e.code).toBe('FORBIDDEN');
  });

  it('expands the Revenue Collector bundle to collection and dashboard roles only', async () => {
    await t.setupAdmin();
    const { token } = await t.addUser(['REVENUE_COLLECTOR']);
    const session = await t.ok('auth.session', {}, token);
    expect(session?.roles).toEqual(['COLLECTION_OPERATOR', 'DASHBOARD_VIEWER', 'REVENUE_COLLECTOR']);
  });
});

describe('demo', () => {
  it('loads a demo GP whose users can sign in', async () => {
    const demo = await t.ok('setup.loadDemo', {});
    expect(demo.users.map((u) => u.role)).toEqual(['SARPANCH', 'SECRETARY', 'REVENUE_COLLECTOR']);
    for (const u of demo.users) await t.ok('auth.signIn', { mobile: u.mobile, password: u.password });
    expect((await t.err('setup.loadDemo', {})).code).toBe('CONFLICT');
  });
});

describe('setup on an enrolled desktop', () => {
  it('is refused: the GP comes from the central server', async () => {
    await t.core.db
      .insertInto('sync_state')
      .values({
        id: 1, server_url: 'https://central.example', device_token: 'x', server_device_id: 'd', tenant_id: 't', pull_cursor: 0,
        enrolled_at: t.clock.now.toISOString(), last_success_at: null, last_attempt_at: null, last_error_key: null,
        last_error_detail: null, clock_drift_ms: null, max_remote_hlc: null,
      })
      .execute();
    const e = await t.err('setup.createGramPanchayat', { tenant: GP, admin: ADMIN });
    expect(e.key).toBe('setup.enrolledWaitForSync');
    expect(await count('tenants')).toBe(0);
  });
});
