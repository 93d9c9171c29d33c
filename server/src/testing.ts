import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.js';
import { openServerDb, type ServerDb } from './db/open.js';

/** Engines the server tests run on: SQLite always, PostgreSQL when MGRAMSEVA_TEST_PG_URL is set. */
export const PG_URL = process.env['MGRAMSEVA_TEST_PG_URL'];
export const ENGINES = [
  { name: 'sqlite' as const, skip: false },
  { name: 'postgres' as const, skip: !PG_URL },
];

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface Central {
  app: FastifyInstance;
  db: ServerDb;
  url: string;
  /** Where this server stores attachment files (a temp folder, removed by close()). */
  filesDir: string;
  clock: { offsetMs: number };
  admin<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

let schemaCounter = 0;

/** A central server on 127.0.0.1:<free port>, on a fresh SQLite or a fresh PostgreSQL schema. */
export async function startCentral(engine: 'sqlite' | 'postgres', opts: { tokenTtlDays?: number } = {}): Promise<Central> {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`;
  const opened = await openServerDb(engine === 'postgres' ? { databaseUrl: PG_URL!, pgSchema: schema, poolSize: 20 } : { sqliteFile: ':memory:' });
  const clock = { offsetMs: 0 };
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-central-files-'));
  const app = await buildServer({
    db: opened.db,
    filesDir,
    adminToken: ADMIN_TOKEN,
    tokenTtlDays: opts.tokenTtlDays,
    now: () => new Date(Date.now() + clock.offsetMs),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    db: opened.db,
    url,
    filesDir,
    clock,
    async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/v1/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json()) as T;
      if (res.status >= 300) throw new Error(`admin ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    async close() {
      await app.close();
      await opened.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
      if (engine === 'postgres') {
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await c.end();
      }
    },
  };
}

// ---- Desktops: real cores on temp folders, each with its own settable clock ----------------------

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core, SyncClient, type SyncClientOptions, type SyncRound, SYNC_POLICY, changeWriter, localColumns, type SyncedTable, tokenSealer, overlapCheckAfterPull, ChromiumPdfPrinter, silentLogger } from '@mgramseva/core/node';

export const GP = { name: 'Lodhipur', code: 'pb.lodhipur', district: 'Rupnagar', block: 'Anandpur Sahib', state: 'Punjab' };
export const GP_ADMIN = { name: 'Ram Singh', mobile: '9876543210', password: 'abc12!x' };

export interface Desktop {
  core: Core;
  dir: string;
  clock: { now: Date; advance(ms: number): void };
  client: SyncClient;
  call<T = unknown>(name: string, input: unknown, token?: string): Promise<T>;
  callErr(name: string, input: unknown, token?: string): Promise<{ code: string; key: string; fields?: Record<string, { key: string }> }>;
  sync(): Promise<SyncRound>;
  /** Close and open the core again on the same folder (a restart). */
  reopen(): Promise<void>;
  /** A replicated write through the same path handlers use (row + outbox + field clocks). */
  write(tenantId: string, fn: (w: ReturnType<typeof changeWriter>) => Promise<void>): Promise<void>;
  snapshot(): Promise<Record<string, Record<string, unknown>[]>>;
  close(): Promise<void>;
}

export async function openDesktop(
  start = new Date(),
  clientOptions: Partial<Pick<SyncClientOptions, 'fetch' | 'pushBatch' | 'pullPage'>> = {},
): Promise<Desktop> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-sync-'));
  const clock = {
    now: start,
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const open = async () => {
    const core = await Core.open({ dataDir: dir, clock: { now: () => clock.now }, logger: silentLogger, pdf: new ChromiumPdfPrinter() });
    // As Core.startSync wires it: the domains' after-pull checks run here too.
    const client = new SyncClient(core.device.id, { db: core.db, clock: core.hlc, now: () => clock.now, afterPage: overlapCheckAfterPull(core.db, () => clock.now), ...clientOptions });
    return { core, client };
  };
  let { core, client } = await open();
  const d: Desktop = {
    get core() {
      return core;
    },
    get client() {
      return client;
    },
    dir,
    clock,
    async call<T>(name: string, input: unknown, token?: string) {
      const r = await core.call(name, input, { token });
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
      return r.result as T;
    },
    async callErr(name, input, token) {
      const r = await core.call(name, input, { token });
      if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
      return r.error as never;
    },
    sync: () => client.syncNow(),
    async reopen() {
      await client.stop();
      await core.close();
      ({ core, client } = await open());
    },
    async write(tenantId, fn) {
      const nowIso = clock.now.toISOString();
      await core.db.transaction().execute(async (trx) => {
        await fn(changeWriter(trx, { tenantId, hlc: () => core.hlc.now(), nowIso }));
      });
    },
    async snapshot() {
      const out: Record<string, Record<string, unknown>[]> = {};
      for (const table of Object.keys(SYNC_POLICY) as SyncedTable[]) {
        const exists = await core.db
          .selectFrom('sqlite_master' as never)
          .select('name' as never)
          .where('name' as never, '=', table as never)
          .executeTakeFirst();
        if (!exists) continue;
        const rows = (await (core.db as unknown as Core['db'] & { selectFrom(t: string): never })
          .selectFrom(table as 'tenants')
          .selectAll()
          .orderBy('id')
          .execute()) as Record<string, unknown>[];
        const local = new Set(localColumns(table));
        out[table] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !local.has(k))));
      }
      return out;
    },
    async close() {
      await client.stop();
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return d;
}

/** Desktop A sets up the GP offline; the central admin registers it by id; A enrols; B (fresh) enrols. */
export async function twoDesktops(central: Central, start = new Date()) {
  const a = await openDesktop(start);
  const b = await openDesktop(new Date(start.getTime() + 7));
  const { tenantId } = await a.call<{ tenantId: string }>('setup.createGramPanchayat', { tenant: GP, admin: GP_ADMIN });
  const { token: tokenA } = await a.call<{ token: string }>('auth.signIn', { mobile: GP_ADMIN.mobile, password: GP_ADMIN.password });
  await central.admin('POST', '/gps', { id: tenantId, ...GP });
  const codeA = await central.admin<{ code: string }>('POST', `/gps/${tenantId}/enrolment-codes`, {});
  await a.call('sync.enrol', { serverUrl: central.url, code: codeA.code }, tokenA);
  const codeB = await central.admin<{ code: string }>('POST', `/gps/${tenantId}/enrolment-codes`, {});
  await b.call('sync.enrol', { serverUrl: central.url, code: codeB.code });
  return { a, b, tenantId, tokenA };
}

/** The server's merged rows, by table, as devices should hold them. */
export async function serverRows(central: Central, tenantId: string) {
  const rows = await central.db.selectFrom('sync_rows').selectAll().where('tenant_id', '=', tenantId).execute();
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const r of rows) (out[r.table_name] ??= []).push(JSON.parse(r.data) as Record<string, unknown>);
  for (const list of Object.values(out)) list.sort((x, y) => String(x['id']).localeCompare(String(y['id'])));
  return out;
}

/** A desktop's device token as the server knows it: unsealed from sync_state (core/src/sync/device-secret.ts). */
export async function deviceTokenOf(d: Desktop): Promise<string> {
  const s = await d.core.db.selectFrom('sync_state').select('device_token').where('id', '=', 1).executeTakeFirstOrThrow();
  return tokenSealer(d.dir).open(s.device_token);
}
