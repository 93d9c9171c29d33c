import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../core.js';
import { ChromiumPdfPrinter } from '../documents/pdf.js';
import { silentLogger } from '../platform/logger.js';
import { openDatabase } from '../db/database.js';
import { hashPassword } from './password.js';
import { migrationProvider } from '../db/migrations/index.js';
import { changeWriter } from '../sync/changes.js';
import { formatHlc } from '../sync/hlc.js';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';

/** The users ↔ Gram Panchayat model (users.ts): one home GP per user row, carried by replication. */

describe('a user row belongs to one Gram Panchayat', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await openTestCore();
  });
  afterEach(async () => {
    await t.close();
  });

  it('setup writes the admin with its GP, and every outbox entry of the setup names that GP', async () => {
    const { tenantId, userId, token } = await t.setupAdmin();
    const user = await t.core.db.selectFrom('users').select('tenant_id').where('id', '=', userId).executeTakeFirstOrThrow();
    expect(user.tenant_id).toBe(tenantId);
    const outbox = await t.core.db.selectFrom('outbox').select(['table_name', 'op', 'tenant_id', 'data']).orderBy('seq').execute();
    expect(outbox.map((r) => [r.table_name, r.tenant_id])).toEqual([
      ['tenants', tenantId],
      ['users', tenantId],
      ['user_roles', tenantId],
      ['user_roles', tenantId],
      ['audit_log', tenantId],
    ]);
    expect(JSON.parse(outbox[1]!.data)).toMatchObject({ id: userId, tenant_id: tenantId });
    // A later edit of the user names no GP in its data; its entry is still under the row's GP.
    await t.ok('profile.setLanguage', { language: 'pa' }, token);
    const edit = await t.core.db.selectFrom('outbox').select(['tenant_id', 'data']).where('table_name', '=', 'users').where('op', '=', 'update').executeTakeFirstOrThrow();
    expect(edit.tenant_id).toBe(tenantId);
    expect(JSON.parse(edit.data)).not.toHaveProperty('tenant_id');
  });

  it('the demo writes every user and every outbox entry under the demo GP', async () => {
    const { tenantId } = await t.ok('setup.loadDemo', {});
    const users = await t.core.db.selectFrom('users').select('tenant_id').execute();
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users.map((u) => u.tenant_id))).toEqual(new Set([tenantId]));
    const unnamed = await t.core.db.selectFrom('outbox').select('table_name').where('tenant_id', 'is', null).execute();
    expect(unnamed).toEqual([]);
  });

  it('refuses a users insert without a GP, and moving a user to another GP', async () => {
    const { tenantId, userId } = await t.setupAdmin();
    const write = (fn: (w: ReturnType<typeof changeWriter>) => Promise<void>) =>
      t.core.db.transaction().execute((trx) => fn(changeWriter(trx, { tenantId, hlc: () => t.core.hlc.now(), nowIso: new Date().toISOString() })));
    const base = {
      id: '01900000-0000-7000-8000-000000000001', mobile: '9812300000', name: 'No GP', password_hash: 'x', gender: null, email: null,
      language: null, active: 1, must_change_password: 0, failed_attempts: 0, locked_until: null, created_at: new Date().toISOString(),
    };
    await expect(write((w) => w.insert('users', { ...base, tenant_id: null }))).rejects.toThrow(/names no Gram Panchayat/);
    await expect(write((w) => w.insert('users', base))).rejects.toThrow(/names no Gram Panchayat/);
    await t.core.db.insertInto('tenants').values({ id: 'other-gp', code: 'pb.other', name: 'Other', district: 'd', block: 'b', state: 's', created_at: base.created_at, updated_at: 'x' }).execute();
    await expect(write((w) => w.update('users', userId, { tenant_id: 'other-gp' }))).rejects.toThrow(/cannot move/);
    expect(await t.core.db.selectFrom('users').select('id').where('mobile', '=', base.mobile).executeTakeFirst()).toBeUndefined();
  });
});

describe('migration 0009 on a desktop that already has users', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-0009-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A database at the state before 0009 (whatever came before it, 0008 included when present). */
  async function openBefore0009(file: string) {
    const all = await migrationProvider.getMigrations();
    const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0009'));
    expect(Object.keys(all)).toContain('0009_user_tenant');
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
    if (error) throw error;
    const columns = (sqlite.prepare(`PRAGMA table_info(users)`).all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('tenant_id');
    return { sqlite, close: () => db.destroy() };
  }

  const at = '2026-11-01T05:00:00.000Z';
  const stamp = (n: number) => formatHlc({ millis: Date.parse(at) + n, counter: 0, node: 'old-desktop' });
  const tenant = (id: string, code: string) =>
    [`INSERT INTO tenants (id, code, name, district, block, state, created_at, updated_at) VALUES (?, ?, 'GP', 'd', 'b', 'Punjab', ?, ?)`, id, code, at, stamp(0)] as const;
  const user = (id: string, mobile: string) =>
    [`INSERT INTO users (id, mobile, name, password_hash, active, must_change_password, failed_attempts, created_at, updated_at) VALUES (?, ?, 'Ram Singh', 'h', 1, 0, 0, ?, ?)`, id, mobile, at, stamp(1)] as const;
  const role = (id: string, userId: string, tenantId: string, createdAt: string) =>
    [`INSERT INTO user_roles (id, user_id, tenant_id, role, created_at, updated_at) VALUES (?, ?, ?, 'GP_ADMIN', ?, ?)`, id, userId, tenantId, createdAt, stamp(2)] as const;
  const outbox = (mutation: string, tenantId: string | null, table: string, rowId: string, data: object, pushedAt: string | null = null) =>
    [`INSERT INTO outbox (mutation_id, tenant_id, table_name, row_id, op, data, hlc, created_at, pushed_at) VALUES (?, ?, ?, ?, 'insert', ?, ?, ?, ?)`,
      mutation, tenantId, table, rowId, JSON.stringify(data), stamp(3), at, pushedAt] as const;
  const run = (sqlite: Database.Database, ...statements: (readonly [string, ...unknown[]])[]) => {
    for (const [sql, ...args] of statements) sqlite.prepare(sql).run(...args);
  };

  it("sets each user's GP from its roles and makes the unpushed outbox name it (one GP on the desktop)", async () => {
    const file = path.join(dir, 'mgramseva.sqlite');
    const old = await openBefore0009(file);
    run(
      old.sqlite,
      tenant('gp-a', 'pb.a'),
      user('u-admin', '9800000001'),
      user('u-norole', '9800000002'),
      user('u-pushed', '9800000003'),
      role('r-1', 'u-admin', 'gp-a', at),
      role('r-2', 'u-pushed', 'gp-a', at),
      // What the app before 0009 wrote: users inserts without a GP, in data and in the entry.
      outbox('m-tenant', 'gp-a', 'tenants', 'gp-a', { id: 'gp-a', code: 'pb.a' }),
      outbox('m-admin', null, 'users', 'u-admin', { id: 'u-admin', mobile: '9800000001' }),
      outbox('m-norole', null, 'users', 'u-norole', { id: 'u-norole', mobile: '9800000002' }),
      outbox('m-audit', null, 'audit_log', 'a-1', { id: 'a-1', tenant_id: null }),
      outbox('m-pushed', null, 'users', 'u-pushed', { id: 'u-pushed' }, at),
    );
    await old.close();

    const { db, close } = await openDatabase(file);
    try {
      const users = await db.selectFrom('users').select(['id', 'tenant_id', 'updated_at']).orderBy('id').execute();
      expect(users).toEqual([
        { id: 'u-admin', tenant_id: 'gp-a', updated_at: stamp(1) },
        { id: 'u-norole', tenant_id: 'gp-a', updated_at: stamp(1) },
        { id: 'u-pushed', tenant_id: 'gp-a', updated_at: stamp(1) },
      ]);
      const entries = await db.selectFrom('outbox').select(['mutation_id', 'tenant_id', 'data']).orderBy('seq').execute();
      const byId = Object.fromEntries(entries.map((e) => [e.mutation_id, { tenant: e.tenant_id, data: JSON.parse(e.data) as Record<string, unknown> }]));
      expect(byId['m-admin']).toEqual({ tenant: 'gp-a', data: { id: 'u-admin', mobile: '9800000001', tenant_id: 'gp-a' } });
      expect(byId['m-norole']).toEqual({ tenant: 'gp-a', data: { id: 'u-norole', mobile: '9800000002', tenant_id: 'gp-a' } });
      expect(byId['m-audit']!.tenant).toBe('gp-a');
      expect(byId['m-audit']!.data).toEqual({ id: 'a-1', tenant_id: null }); // only users rows gain a GP in their data
      // Already pushed: history, untouched.
      expect(byId['m-pushed']).toEqual({ tenant: null, data: { id: 'u-pushed' } });
    } finally {
      await close();
    }
  });

  it('with two GPs on one database: the first role decides, a user without roles and unnamed entries stay without a GP', async () => {
    const file = path.join(dir, 'mgramseva.sqlite');
    const old = await openBefore0009(file);
    run(
      old.sqlite,
      tenant('gp-a', 'pb.a'),
      tenant('gp-b', 'pb.b'),
      user('u-both', '9800000001'),
      user('u-none', '9800000002'),
      role('r-a', 'u-both', 'gp-a', '2026-11-02T00:00:00.000Z'),
      role('r-b', 'u-both', 'gp-b', '2026-11-01T00:00:00.000Z'),
      outbox('m-both', null, 'users', 'u-both', { id: 'u-both' }),
      outbox('m-none', null, 'users', 'u-none', { id: 'u-none' }),
      outbox('m-audit', null, 'audit_log', 'a-1', { id: 'a-1', tenant_id: null }),
    );
    await old.close();

    const { db, close } = await openDatabase(file);
    try {
      const users = await db.selectFrom('users').select(['id', 'tenant_id']).orderBy('id').execute();
      expect(users).toEqual([
        { id: 'u-both', tenant_id: 'gp-b' },
        { id: 'u-none', tenant_id: null },
      ]);
      const entries = await db.selectFrom('outbox').select(['mutation_id', 'tenant_id', 'data']).orderBy('seq').execute();
      expect(entries.map((e) => [e.mutation_id, e.tenant_id, JSON.parse(e.data)])).toEqual([
        ['m-both', 'gp-b', { id: 'u-both', tenant_id: 'gp-b' }],
        ['m-none', null, { id: 'u-none' }],
        ['m-audit', null, { id: 'a-1', tenant_id: null }],
      ]);
    } finally {
      await close();
    }
  });

  it('a migrated desktop signs its users in as before, in their GP', async () => {
    const old = await openBefore0009(path.join(dir, 'mgramseva.sqlite'));
    run(old.sqlite, tenant('gp-a', 'pb.a'), user('u-admin', ADMIN.mobile), role('r-1', 'u-admin', 'gp-a', at));
    old.sqlite.prepare('UPDATE users SET password_hash = ?').run(await hashPassword(ADMIN.password));
    await old.close();
    const core = await Core.open({ dataDir: dir, logger: silentLogger, pdf: new ChromiumPdfPrinter() });
    try {
      const r = await core.call('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password }, {});
      expect(r.ok && r.result).toMatchObject({ session: { user: { id: 'u-admin' }, tenant: { id: 'gp-a' } } });
    } finally {
      await core.close();
    }
  });
});
