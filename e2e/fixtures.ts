import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Shared E2E fixtures. `app` is a local server (dist/core/server.mjs) on a free port with its own
 * fresh data folder, started once per spec FILE and shared by that file's tests (run them in
 * order with `test.describe.configure({ mode: 'serial' })`). `baseURL` points at it, so
 * `page.goto('/')` works.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENS_DIR = path.join(ROOT, 'e2e', 'artifacts', 'screens');

export interface DemoUser {
  name: string;
  mobile: string;
  password: string;
  role: string;
}

export interface AppServer {
  baseURL: string;
  dataDir: string;
  /** Loads the demo Gram Panchayat once (setup.loadDemo) and returns its users. */
  demoUsers(request: APIRequestContext): Promise<DemoUser[]>;
}

interface RunningServer extends AppServer {
  file: string;
  stop(): Promise<void>;
}

async function startServer(file: string): Promise<RunningServer> {
  const server = path.join(ROOT, 'dist', 'core', 'server.mjs');
  if (!fs.existsSync(server) || !fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('Build first: npm run build:renderer && node scripts/build-node.mjs');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [server], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MGRAMSEVA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code)}):\n${output}`));
    });
  });

  let demo: Promise<DemoUser[]> | undefined;
  return {
    file,
    baseURL,
    dataDir,
    demoUsers(request) {
      demo ??= (async () => {
        const res = await request.post(`${baseURL}/api/setup.loadDemo`, { data: {} });
        const body = (await res.json()) as { ok: boolean; result?: { users: DemoUser[] }; error?: unknown };
        if (!body.ok || !body.result) throw new Error(`setup.loadDemo failed: ${JSON.stringify(body.error)}`);
        return body.result.users;
      })();
      return demo;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: AppServer }, { servers: { forFile(file: string): Promise<AppServer> } }>({
  // One running server per worker at a time; a new spec file replaces it with a fresh one.
  servers: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern
    async ({}, use) => {
      let current: RunningServer | undefined;
      await use({
        async forFile(file) {
          if (current?.file === file) return current;
          await current?.stop();
          current = await startServer(file);
          return current;
        },
      });
      await current?.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ servers }, use, testInfo) => {
    await use(await servers.forFile(testInfo.file));
  },
  baseURL: async ({ app }, use) => {
    await use(app.baseURL);
  },
});

export { expect };

// ---------------------------------------------------------------------------------------------
// Helpers other specs reuse.

/** Start in English without going through the language screen. Call before the first goto. */
export async function useEnglish(page: Page) {
  await page.addInitScript(() => {
    if (!localStorage.getItem('mgs.language')) localStorage.setItem('mgs.language', 'en');
  });
}

/** Sign in through the form (ending any session this browser context has first). */
export async function signIn(page: Page, mobile: string, password: string) {
  await page.request.post('/api/auth.signOut', { data: {} });
  await page.goto('/#/sign-in');
  await page.reload();
  await page.getByRole('textbox', { name: 'Mobile number', exact: true }).fill(mobile);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
}

/**
 * Signed in, in English, as a demo user: 'SARPANCH' (all GP cards), 'SECRETARY' or
 * 'REVENUE_COLLECTOR'. Loads the demo Gram Panchayat into this file's server the first time.
 */
export async function signInAsDemo(page: Page, app: AppServer, role = 'SARPANCH'): Promise<DemoUser> {
  const users = await app.demoUsers(page.request);
  const user = users.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user with role ${role}: ${users.map((u) => u.role).join(', ')}`);
  await useEnglish(page);
  await signIn(page, user.mobile, user.password);
  return user;
}

export const ADMIN = {
  gpName: 'Lodhipur',
  code: 'pb.lodhipur',
  district: 'Rupnagar',
  block: 'Anandpur Sahib',
  state: 'Punjab',
  name: 'Manpreet Kaur',
  mobile: '9876543210',
  password: 'Pani@2024',
};

/** A fresh installation with one GP and its admin, created through the API (faster than the form). */
export async function setupAdmin(page: Page, app: AppServer, admin = ADMIN) {
  const res = await page.request.post(`${app.baseURL}/api/setup.createGramPanchayat`, {
    data: {
      tenant: { name: admin.gpName, code: admin.code, district: admin.district, block: admin.block, state: admin.state },
      admin: { name: admin.name, mobile: admin.mobile, password: admin.password },
    },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return admin;
}

/** Full-page screenshot into e2e/artifacts/screens/<name>.png. */
export async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true });
}
