import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, Core, migrationProvider, SyncClient, formatHlc, newId, type WireChange, ChromiumPdfPrinter, silentLogger } from '@mgramseva/core/node';
import { loadCatalogue } from './sync/catalogue.js';
import { applyBatch } from './sync/push.js';
import { ENGINES, GP, GP_ADMIN, deviceTokenOf, openDesktop, startCentral, twoDesktops, type Central, type Desktop } from './testing.js';

/**
 * Users and Gram Panchayats on the central server (core/src/auth/users.ts): a users row is of one
 * GP, named by its `tenant_id`; two GPs on one server each keep and sync their own users, and a
 * person in both GPs is two rows, one per GP.
 */
describe.each(ENGINES)('users of two Gram Panchayats on $name', ({ name, skip }) => {
  let central: Central;
  let a: Desktop;
  let b: Desktop;
  let c: Desktop;
  let gpA: string;
  let gpB: string;
  let tokenA: string;

  beforeEach(async () => {
    if (skip) return;
    central = await startCentral(name);
    // GP A: set up on desktop a, registered, a and b enrolled.
    ({ a, b, tenantId: gpA, tokenA } = await twoDesktops(central));
    // GP B: created on the server; its first administrator is the same person (same mobile).
    ({ tenantId: gpB } = await central.admin<{ tenantId: string }>('POST', '/gps', {
      code: 'pb.kotla', name: 'Kotla', district: GP.district, block: GP.block, state: GP.state,
      admin: { name: GP_ADMIN.name, mobile: GP_ADMIN.mobile, password: 'xyz98!q' },
    }));
    c = await openDesktop();
    const code = await central.admin<{ code: string }>('POST', `/gps/${gpB}/enrolment-codes`, {});
    await c.call('sync.enrol', { serverUrl: central.url, code: code.code });
  });
  afterEach(async () => {
    if (skip) return;
    await a.close();
    await b.close();
    await c.close();
    await central.close();
  });

  const clean = async (d: Desktop) => {
    const round = await d.sync();
    expect(round.error).toBeUndefined();
    expect(round.rejected).toBe(0);
    expect(await d.core.db.selectFrom('sync_rejects').selectAll().execute()).toEqual([]);
  };
  const usersOn = (d: Desktop) => d.core.db.selectFrom('users').select(['id', 'tenant_id', 'mobile', 'language']).orderBy('id').execute();

  it.skipIf(skip)('each GP syncs its own users with no refusal; a person in both GPs is one row in each', async () => {
    for (const d of [a, b, c]) await clean(d);

    // Each signs in on its own desktops, in its own GP, with that GP's password.
    const { token: tokenB, session: sb } = await b.call<{ token: string; session: { tenant: { id: string } } }>('auth.signIn', { mobile: GP_ADMIN.mobile, password: GP_ADMIN.password });
    const { token: tokenC, session: sc } = await c.call<{ token: string; session: { tenant: { id: string } } }>('auth.signIn', { mobile: GP_ADMIN.mobile, password: 'xyz98!q' });
    expect(sb.tenant.id).toBe(gpA);
    expect(sc.tenant.id).toBe(gpB);

    // Both GPs edit their user rows and sync, several rounds, in every order.
    await a.call('profile.setLanguage', { language: 'hi' }, tokenA);
    await c.call('profile.setLanguage', { language: 'pa' }, tokenC);
    await b.call('auth.changePassword', { currentPassword: GP_ADMIN.password, newPassword: 'new12!pw' }, tokenB);
    for (const d of [c, a, b, c, a, b]) await clean(d);

    const [onA, onB, onC] = await Promise.all([usersOn(a), usersOn(b), usersOn(c)]);
    expect(onA).toHaveLength(1);
    expect(onB).toEqual(onA);
    expect(onA[0]).toMatchObject({ tenant_id: gpA, mobile: GP_ADMIN.mobile, language: 'hi' });
    expect(onC).toHaveLength(1);
    expect(onC[0]).toMatchObject({ tenant_id: gpB, mobile: GP_ADMIN.mobile, language: 'pa' });
    expect(onC[0]!.id).not.toBe(onA[0]!.id);
    // Nothing of GP A on GP B's desktop, and the other way round.
    expect(JSON.stringify(await c.snapshot())).not.toContain(gpA);
    expect(JSON.stringify(await a.snapshot())).not.toContain(gpB);

    // On the server, every users row is kept under the GP it names.
    const rows = await central.db.selectFrom('sync_rows').select(['tenant_id', 'data']).where('table_name', '=', 'users').execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect((JSON.parse(r.data) as { tenant_id: string }).tenant_id).toBe(r.tenant_id);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([gpA, gpB]));
    // b's new password reached a.
    expect((await a.call<{ token: string }>('auth.signIn', { mobile: GP_ADMIN.mobile, password: 'new12!pw' })).token).toBeTruthy();
  });

  it.skipIf(skip)('a users row that names another GP, or none: the whole batch refused with the reason, nothing stored', async () => {
    await clean(a);
    await clean(c);
    const state = await c.core.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
    const counts = async () => ({
      log: (await central.db.selectFrom('change_log').select('seq').execute()).length,
      mutations: (await central.db.selectFrom('mutations').select('mutation_id').execute()).length,
      rows: (await central.db.selectFrom('sync_rows').select('row_id').execute()).length,
    });
    let seq = 1;
    const change = (table: string, op: 'insert' | 'update', rowId: string, data: Record<string, string | number | null>): WireChange => {
      const hlc = formatHlc({ millis: Date.now(), counter: seq, node: state.server_device_id });
      return { mutationId: newId(), seq: seq++, table, rowId, op, hlc, data: { ...data, ...(op === 'insert' ? { id: rowId, updated_at: hlc } : {}) } };
    };
    const newUser = (tenant: string | null | undefined) => {
      const id = newId();
      return change('users', 'insert', id, {
        ...(tenant === undefined ? {} : { tenant_id: tenant }),
        mobile: '9811111111', name: 'Forged', password_hash: 'x', gender: null, email: null, language: null, active: 1,
        must_change_password: 0, created_at: new Date().toISOString(),
      });
    };
    const audit = () => {
      const id = newId();
      return change('audit_log', 'insert', id, { tenant_id: gpB, at: new Date().toISOString(), user_id: null, action: 'x', entity: 'e', entity_id: id, changes: '{}' });
    };
    const push = async (changes: WireChange[]) => {
      const res = await fetch(`${central.url}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await deviceTokenOf(c)}` },
        body: JSON.stringify({ deviceId: state.server_device_id, batchId: newId(), changes }),
      });
      return { status: res.status, json: (await res.json()) as { error?: string; results: { mutationId: string; reason?: string; status?: string }[] } };
    };
    const before = await counts();

    const forged = newUser(gpA);
    const r1 = await push([audit(), forged]);
    expect(r1.status).toBe(403);
    expect(r1.json).toMatchObject({ error: 'forbidden', results: [{ mutationId: forged.mutationId, reason: 'other_tenant' }] });

    const unnamed = newUser(undefined);
    const r2 = await push([audit(), unnamed]);
    expect(r2.status).toBe(400);
    expect(r2.json.results).toEqual([{ mutationId: unnamed.mutationId, reason: 'missing_column:tenant_id' }]);

    const nulled = newUser(null);
    const r3 = await push([audit(), nulled]);
    expect(r3.status).toBe(400);
    expect(r3.json.results).toEqual([{ mutationId: nulled.mutationId, reason: 'null_not_allowed:tenant_id' }]);

    // An edit of its own user that would hand it to another GP, or to none.
    const own = await c.core.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const move = change('users', 'update', own.id, { tenant_id: gpA });
    expect((await push([audit(), move])).json.results).toEqual([{ mutationId: move.mutationId, reason: 'other_tenant' }]);
    const drop = change('users', 'update', own.id, { tenant_id: null });
    expect((await push([audit(), drop])).json.results).toEqual([{ mutationId: drop.mutationId, reason: 'null_not_allowed:tenant_id' }]);

    expect(await counts()).toEqual(before);

    // The honest row goes through.
    const honest = newUser(gpB);
    const ok = await push([audit(), honest]);
    expect(ok.status).toBe(200);
    expect(ok.json.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it.skipIf(skip)('a users row stored before rows named their GP reaches a new desktop under that GP', async () => {
    await clean(a);
    // As a desktop from before migration 0009 pushed it: no tenant_id (written straight into
    // the server's store, as the server of that time accepted it).
    const id = newId();
    const hlc = formatHlc({ millis: Date.now(), counter: 0, node: 'old-desktop' });
    await applyBatch(central.db, { id: 'old-desktop', tenantId: gpA }, newId(), [{
      mutationId: newId(), seq: 1, table: 'users', rowId: id, op: 'insert', hlc,
      data: { id, mobile: '9822222222', name: 'Old Clerk', password_hash: 'x', gender: null, email: null, language: null, active: 1, must_change_password: 0, created_at: new Date().toISOString(), updated_at: hlc },
    }], await loadCatalogue(), new Date());
    await clean(b);
    const row = await b.core.db.selectFrom('users').select('tenant_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.tenant_id).toBe(gpA);
  });
});

describe.each(ENGINES)('a desktop set up before migration 0009 on $name', ({ name, skip }) => {
  let central: Central;
  let dir: string;
  let core: Core | undefined;
  let fresh: Desktop | undefined;

  beforeEach(async () => {
    if (skip) return;
    central = await startCentral(name);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-pre0009-'));
  });
  afterEach(async () => {
    if (skip) return;
    await core?.close();
    await fresh?.close();
    await central.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('migrates, enrols and pushes its GP and users with no refusal; another desktop receives them', async () => {
    // The database as the app before 0009 left it: GP, admin, roles and their outbox entries
    // (the users insert names no GP, in its data or in its entry).
    const all = await migrationProvider.getMigrations();
    const before = Object.fromEntries(Object.entries(all).filter(([n]) => n < '0009'));
    const sqlite = new Database(path.join(dir, 'mgramseva.sqlite'));
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => before } }).migrateToLatest();
    if (error) throw error;
    const deviceId = newId();
    const tenantId = newId();
    const userId = newId();
    const nowIso = new Date().toISOString();
    let counter = 0;
    const stamp = () => formatHlc({ millis: Date.now() - 60_000, counter: counter++, node: deviceId });
    sqlite.prepare(`INSERT INTO devices (id, code, name, is_self, created_at) VALUES (?, 'D1', 'old desktop', 1, ?)`).run(deviceId, nowIso);
    const insert = (table: string, row: Record<string, unknown>, outboxTenant: string | null, replicated = row) => {
      const hlc = stamp();
      const full = { ...row, updated_at: hlc };
      sqlite.prepare(`INSERT INTO ${table} (${Object.keys(full).join(', ')}) VALUES (${Object.keys(full).map(() => '?').join(', ')})`).run(...Object.values(full));
      sqlite
        .prepare(`INSERT INTO outbox (mutation_id, tenant_id, table_name, row_id, op, data, hlc, created_at) VALUES (?, ?, ?, ?, 'insert', ?, ?, ?)`)
        .run(newId(), outboxTenant, table, row['id'], JSON.stringify({ ...replicated, updated_at: hlc }), hlc, nowIso);
    };
    insert('tenants', { id: tenantId, ...GP, created_at: nowIso }, tenantId);
    const user = {
      id: userId, mobile: GP_ADMIN.mobile, name: GP_ADMIN.name, password_hash: await hashPassword(GP_ADMIN.password), gender: null, email: null,
      language: null, active: 1, must_change_password: 0, created_at: nowIso,
    };
    insert('users', { ...user, failed_attempts: 0, locked_until: null }, null, user);
    for (const role of ['GP_ADMIN', 'SARPANCH']) insert('user_roles', { id: newId(), user_id: userId, tenant_id: tenantId, role, created_at: nowIso }, tenantId);
    await old.destroy();

    // The new app opens it (migration 0009 runs), the GP is registered, the desktop enrols and syncs.
    core = await Core.open({ dataDir: dir, logger: silentLogger, pdf: new ChromiumPdfPrinter() });
    const signIn = await core.call('auth.signIn', { mobile: GP_ADMIN.mobile, password: GP_ADMIN.password }, {});
    if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
    const { token } = signIn.result as { token: string };
    await central.admin('POST', '/gps', { id: tenantId, ...GP });
    const code = await central.admin<{ code: string }>('POST', `/gps/${tenantId}/enrolment-codes`, {});
    const enrolled = await core.call('sync.enrol', { serverUrl: central.url, code: code.code }, { token });
    if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
    const round = await new SyncClient(core.device.id, { db: core.db, clock: core.hlc }).syncNow();
    expect(round.error).toBeUndefined();
    expect(round.rejected).toBe(0);
    expect(round.pushed).toBeGreaterThanOrEqual(4);
    const onServer = await central.db.selectFrom('sync_rows').select(['tenant_id', 'data']).where('table_name', '=', 'users').execute();
    expect(onServer).toHaveLength(1);
    expect(onServer[0]!.tenant_id).toBe(tenantId);
    expect(JSON.parse(onServer[0]!.data)).toMatchObject({ id: userId, tenant_id: tenantId });

    fresh = await openDesktop();
    const codeB = await central.admin<{ code: string }>('POST', `/gps/${tenantId}/enrolment-codes`, {});
    await fresh.call('sync.enrol', { serverUrl: central.url, code: codeB.code });
    expect((await fresh.sync()).error).toBeUndefined();
    const received = await fresh.core.db.selectFrom('users').select(['id', 'tenant_id']).execute();
    expect(received).toEqual([{ id: userId, tenant_id: tenantId }]);
  });
});
