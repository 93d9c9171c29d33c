import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core, type CoreOptions } from '../core.js';
import { ChromiumPdfPrinter } from '../documents/pdf.js';
import { silentLogger } from '../platform/logger.js';
import type { OpInput, OpName, OpOutput } from '../api/contract.js';
import type { ApiErrorBody } from '../api/errors.js';
import type { Language } from '../i18n/translate.js';

/**
 * A real core on a real SQLite file in a fresh temp folder, with a settable clock. For
 * integration tests of operations through the dispatcher (roles, validation, transactions).
 */
export interface TestCore {
  core: Core;
  dataDir: string;
  clock: { now: Date; advanceMinutes(m: number): void; set(iso: string): void };
  /** Call and return the result; throws with the error body if the call failed. */
  ok<N extends OpName>(name: N, input: OpInput<N>, token?: string, lang?: Language): Promise<OpOutput<N>>;
  /** Call and return the error body; throws if the call succeeded. */
  err(name: string, input: unknown, token?: string, lang?: Language): Promise<ApiErrorBody>;
  /** Set up a GP (Lodhipur) with an admin (GP_ADMIN + SARPANCH) and return a signed-in token. */
  setupAdmin(): Promise<{ token: string; tenantId: string; userId: string }>;
  /** Add a user with the given roles to the admin's GP and sign them in. */
  addUser(roles: string[], mobile?: string): Promise<{ token: string; userId: string }>;
  close(): Promise<void>;
}

export const ADMIN = { name: 'Ram Singh', mobile: '9876543210', password: 'abc12!x' };

/** What a test may change of the core it opens: the printer transport (a fake printer), the PDF printer. */
export type TestCoreOptions = Partial<Pick<CoreOptions, 'printers' | 'printerOptions' | 'pdf'>>;

export async function openTestCore(start = '2026-11-25T06:30:00.000Z', options: TestCoreOptions = {}): Promise<TestCore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-test-'));
  const clock = {
    now: new Date(start),
    advanceMinutes(m: number) {
      this.now = new Date(this.now.getTime() + m * 60_000);
    },
    set(iso: string) {
      this.now = new Date(iso);
    },
  };
  const core = await Core.open({ dataDir, clock: { now: () => clock.now }, logger: silentLogger, pdf: new ChromiumPdfPrinter(), ...options });
  let tenantId = '';

  const t: TestCore = {
    core,
    dataDir,
    clock,
    async ok(name, input, token, lang) {
      const r = await core.call(name, input, { token, lang: lang ?? 'en' });
      if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
      return r.result as never;
    },
    async err(name, input, token, lang) {
      const r = await core.call(name, input, { token, lang: lang ?? 'en' });
      if (r.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(r.result)}`);
      return r.error;
    },
    async setupAdmin() {
      const created = await t.ok('setup.createGramPanchayat', {
        tenant: { name: 'Lodhipur', code: 'pb.lodhipur', district: 'Rupnagar', block: 'Anandpur Sahib', state: 'Punjab' },
        admin: ADMIN,
      });
      tenantId = created.tenantId;
      const { token } = await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password });
      return { token, tenantId: created.tenantId, userId: created.userId };
    },
    async addUser(roles, mobile = `98${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`) {
      if (!tenantId) throw new Error('call setupAdmin first');
      const userId = `01900000-0000-7000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;
      const { hashPassword } = await import('../auth/password.js');
      const hash = await hashPassword(ADMIN.password);
      await core.db
        .insertInto('users')
        .values({
          id: userId, tenant_id: tenantId, mobile, name: 'Test User', password_hash: hash, gender: null, email: null, language: null,
          active: 1, must_change_password: 0, failed_attempts: 0, locked_until: null,
          created_at: clock.now.toISOString(), updated_at: core.hlc.now(),
        })
        .execute();
      for (const role of roles) {
        await core.db
          .insertInto('user_roles')
          .values({ id: crypto.randomUUID(), user_id: userId, tenant_id: tenantId, role, created_at: clock.now.toISOString(), updated_at: core.hlc.now() })
          .execute();
      }
      const { token } = await t.ok('auth.signIn', { mobile, password: ADMIN.password });
      return { token, userId };
    },
    async close() {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
