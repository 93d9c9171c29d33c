import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { newId } from '@mgramseva/core/node';
import { ADMIN_TOKEN, ENGINES, GP, GP_ADMIN, PG_URL, openDesktop, startCentral, twoDesktops } from './testing.js';

/**
 * A real central server process killed with SIGKILL in the middle of a push: after it restarts
 * on the same database, the desktop's retry converges; nothing is lost or doubled.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${String(code)}: ${out}`)));
  });
}

describe.each(ENGINES)('server killed mid-push on $name', ({ name, skip }) => {
  it.skipIf(skip)('converges after restart, nothing lost or doubled', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-central-'));
    const schema = `kill_${process.pid}_${Date.now().toString(36)}`;
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PORT: String(port),
      HOST: '127.0.0.1',
      MGRAMSEVA_ADMIN_TOKEN: ADMIN_TOKEN,
      MGRAMSEVA_SERVER_DATA_DIR: dataDir,
      ...(name === 'postgres' ? { DATABASE_URL: PG_URL, MGRAMSEVA_PG_SCHEMA: schema } : { DATABASE_URL: '' }),
    };
    let server = await startServer(env);
    // The third push request is in flight when the server dies (it may or may not have committed).
    let pushes = 0;
    const killing: typeof fetch = (input, init) => {
      const pending = fetch(input, init);
      if (String(input).includes('/v1/sync/push') && ++pushes === 3) setTimeout(() => server.child.kill('SIGKILL'), 3);
      return pending;
    };
    const a = await openDesktop(new Date(), { fetch: killing, pushBatch: 250 });
    const b = await openDesktop();
    try {
      const admin = async <T>(p: string, body: unknown) => {
        const res = await fetch(`${server.url}/v1/admin${p}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return (await res.json()) as T;
      };
      const { tenantId } = await a.call<{ tenantId: string }>('setup.createGramPanchayat', { tenant: GP, admin: GP_ADMIN });
      const { token } = await a.call<{ token: string }>('auth.signIn', { mobile: GP_ADMIN.mobile, password: GP_ADMIN.password });
      await admin('/gps', { id: tenantId, ...GP });
      await a.call('sync.enrol', { serverUrl: server.url, code: (await admin<{ code: string }>(`/gps/${tenantId}/enrolment-codes`, {})).code }, token);
      await b.call('sync.enrol', { serverUrl: server.url, code: (await admin<{ code: string }>(`/gps/${tenantId}/enrolment-codes`, {})).code });

      const ids: string[] = [];
      await a.write(tenantId, async (w) => {
        for (let i = 0; i < 4000; i++) {
          const id = newId();
          ids.push(id);
          await w.insert('audit_log', { id, tenant_id: tenantId, at: new Date().toISOString(), user_id: null, action: 'kill', entity: 'x', entity_id: String(i), changes: '{}' });
        }
      });
      const interrupted = await a.sync();
      expect(interrupted.error).toBeDefined();
      expect(interrupted.pushed).toBe(500); // two batches acknowledged, the third cut off
      expect(interrupted.error?.key).toMatch(/unreachable|timeout|server/);

      server = await startServer(env);
      for (let i = 0; i < 3 && (await a.sync()).error; i++) await new Promise((r) => setTimeout(r, 200));
      const final = await a.sync();
      expect(final.error).toBeUndefined();
      expect((await b.sync()).error).toBeUndefined();

      const pending = await a.core.db.selectFrom('outbox').select('seq').where('pushed_at', 'is', null).execute();
      expect(pending).toHaveLength(0);
      const onB = await b.core.db.selectFrom('audit_log').select('id').where('action', '=', 'kill').execute();
      expect(onB).toHaveLength(ids.length);
      expect(new Set(onB.map((r) => r.id))).toEqual(new Set(ids));
    } finally {
      server.child.kill('SIGKILL');
      await a.close();
      await b.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (name === 'postgres') {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await c.end();
      }
    }
  }, 60_000);
});

describe('desktop killed mid-pull', () => {
  it('keeps page and cursor together; after restart it converges, nothing doubled', async () => {
    const central = await startCentral('sqlite');
    const { a, b, tenantId } = await twoDesktops(central);
    try {
      const ids: string[] = [];
      await a.write(tenantId, async (w) => {
        for (let i = 0; i < 3000; i++) {
          const id = newId();
          ids.push(id);
          await w.insert('audit_log', { id, tenant_id: tenantId, at: new Date().toISOString(), user_id: null, action: 'pull', entity: 'x', entity_id: String(i), changes: '{}' });
        }
      });
      expect((await a.sync()).error).toBeUndefined();
      // B's core moves to its own process, which is killed while it pulls 50 changes a page.
      await b.client.stop();
      await b.core.close();
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/pull-child.ts', b.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          // A few pages are in; the next answers come slowly (pull-child.ts): kill it in between.
          if (out.includes('page 4')) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`child exited early ${String(code)}: ${out}`)));
      });
      await new Promise((r) => child.once('exit', r));
      expect(out).not.toContain('done'); // it really died mid-pull
      await b.reopen();
      const partial = await b.core.db.selectFrom('audit_log').select('id').where('action', '=', 'pull').execute();
      const cursor = (await b.core.db.selectFrom('sync_state').select('pull_cursor').executeTakeFirstOrThrow()).pull_cursor;
      expect(partial.length).toBeLessThan(ids.length);
      // Exactly the pages up to the saved cursor are in: rows and cursor committed together.
      const upToCursor = await central.db.selectFrom('change_log').select('row_id').where('seq', '<=', cursor).where('table_name', '=', 'audit_log').execute();
      const wanted = new Set(ids);
      expect(upToCursor.filter((r) => wanted.has(r.row_id)).length).toBe(partial.length);
      expect((await b.sync()).error).toBeUndefined();
      const all = await b.core.db.selectFrom('audit_log').select('id').where('action', '=', 'pull').execute();
      expect(all).toHaveLength(ids.length);
      expect(new Set(all.map((r) => r.id))).toEqual(new Set(ids));
      expect((await b.core.db.selectFrom('sync_state').select('pull_cursor').executeTakeFirstOrThrow()).pull_cursor).toBeGreaterThan(cursor);
    } finally {
      await a.close();
      await b.close();
      await central.close();
    }
  }, 60_000);
});
