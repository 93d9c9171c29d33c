import type { Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, expect, setupAdmin, signIn, test, useEnglish } from './fixtures';

/**
 * Data sync against a REAL central server (issue 7): `node dist/server/main.mjs` on a loopback
 * port with its embedded SQLite in a temp folder. A fresh desktop with its own GP: the central
 * administrator registers that GP (admin API) and issues a one-time code; the GP admin connects
 * the desktop on the Data sync screen; the connected state, a change pending then sent (and read
 * back by a second device pulling from the server), the server stopping (offline, in plain words)
 * and coming back (recovery). Screenshots in /tmp/sync-shots.
 */
test.describe.configure({ mode: 'serial' });

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = process.env['SYNC_SHOTS_DIR'] ?? '/tmp/sync-shots';
const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const VENDOR = 'Sync Live Chemicals';

interface Central {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess | undefined;
}
let central: Central | undefined;

/** Start the central server (port 0: any free one; else that port, for a restart). */
async function startCentral(dataDir: string, port = 0): Promise<{ child: ChildProcess; url: string; port: number }> {
  const main = path.join(ROOT, 'dist', 'server', 'main.mjs');
  if (!fs.existsSync(main)) throw new Error('Build first: dist/server/main.mjs is missing');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MGRAMSEVA_SERVER_DATA_DIR: dataDir,
    MGRAMSEVA_ADMIN_TOKEN: ADMIN_TOKEN,
  };
  delete env['DATABASE_URL']; // the embedded SQLite, not a PostgreSQL someone has configured
  delete env['MGRAMSEVA_PG_SCHEMA'];
  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`central server did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /central server on (http:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`central server exited (${String(code)}):\n${output}`));
    });
  });
  return { child, url, port: Number(new URL(url).port) };
}

async function stopCentral(): Promise<void> {
  const child = central?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
  central!.child = undefined;
}

/** The central administrator's API (Authorization: Bearer $MGRAMSEVA_ADMIN_TOKEN). */
async function admin<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${central!.url}/v1/admin${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`admin ${method} ${route}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The status panel's "Last problem" alert (notifications are alerts too: not those). */
const problemAlert = (page: Page) => page.getByRole('alert').filter({ hasText: 'Last problem' });

async function signInAdmin(page: Page) {
  await useEnglish(page);
  await signIn(page, ADMIN.mobile, ADMIN.password);
}

/** The value beside a label of the status panel (LabelValue: a row of two texts). */
const field = (page: Page, label: string) =>
  page.locator('div').filter({ has: page.getByText(label, { exact: true }) }).last().locator('p').nth(1);

test.beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-central-'));
  const started = await startCentral(dataDir);
  central = { ...started, dataDir };
});

test.afterAll(async () => {
  await stopCentral();
  if (central) fs.rmSync(central.dataDir, { recursive: true, force: true });
});

test('wrong server addresses and a wrong code are explained; nothing is enrolled', async ({ page, app }) => {
  await setupAdmin(page, app);
  await signInAdmin(page);
  await page.getByTestId('sync-indicator').click();
  await expect(page.getByRole('heading', { name: 'Connect to the central server' })).toBeVisible();
  const url = page.getByRole('textbox', { name: 'Server address' });
  const code = page.getByRole('textbox', { name: 'Enrolment code' });
  const connect = page.getByRole('button', { name: 'Connect' });

  // Nothing listening there.
  await url.fill(`http://127.0.0.1:${await closedPort()}`);
  await code.fill('K7QM-4PZX');
  await connect.click();
  // Not enrolled: nothing "will be sent later", so the message does not promise it.
  await expect(page.getByText('The server cannot be reached. Check the internet connection and the server address.', { exact: true })).toBeVisible();

  // Something answers, but not an mGramSeva central server (this desktop's own local server).
  await url.fill(app.baseURL);
  await connect.click();
  await expect(page.getByText('This address does not answer like an mGramSeva server. Check the server address.')).toBeVisible();
  await expect(page.getByText('The server cannot be reached.', { exact: false })).toHaveCount(0);

  // The real server, a code it never issued.
  await url.fill(central!.url);
  await connect.click();
  await expect(page.getByText('This enrolment code is wrong, already used or expired.', { exact: false })).toBeVisible();
  await expect(page.getByText('This address does not answer like', { exact: false })).toHaveCount(0);

  await expect(page.getByTestId('sync-state')).toHaveText('Not connected to a central server: this desktop works offline.');
  await expect(page.getByTestId('sync-indicator')).toHaveText('Not connected');
});

test('the GP admin connects the desktop with the server address and a one-time code; it syncs', async ({ page }) => {
  await signInAdmin(page);
  await page.getByTestId('sync-indicator').click();
  await expect(page.getByRole('heading', { name: 'Connect to the central server' })).toBeVisible();

  // The GP was set up on this desktop: the GP admin reads its id off this screen; the central
  // administrator registers the GP under it, then issues a one-time code.
  const gpId = page.getByRole('textbox', { name: "This Gram Panchayat's id" });
  await expect(gpId).toHaveAttribute('readonly');
  const tenantId = await gpId.inputValue();
  expect(tenantId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  await shot(page, 'sync-enrol-form');
  await admin('POST', '/gps', { id: tenantId, code: ADMIN.code, name: ADMIN.gpName, district: ADMIN.district, block: ADMIN.block, state: ADMIN.state });
  const { code } = await admin<{ code: string }>('POST', `/gps/${tenantId}/enrolment-codes`, {});

  // Keyboard, as an admin would: click the first field, type, Tab, type, Enter.
  await page.getByRole('textbox', { name: 'Server address' }).click();
  await page.keyboard.type(central!.url);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Enrolment code' })).toBeFocused();
  await page.keyboard.type(code.toLowerCase()); // as read out over the phone: case does not matter
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Connected to the central server for ${ADMIN.gpName}.`)).toBeVisible();

  // The first round runs by itself: online, a last successful sync, nothing waiting, no problem.
  await expect(page.getByRole('heading', { name: 'Connect to the central server' })).toHaveCount(0);
  await expect(page.getByTestId('sync-state')).toHaveText('Online: the central server can be reached.');
  await expect(field(page, 'Central server')).toHaveText(central!.url);
  await expect(field(page, 'Last successful sync')).not.toContainText('Never');
  await expect(field(page, 'Changes waiting to be sent')).toHaveText('0');
  await expect(problemAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('sync-indicator')).toHaveText('Synced just now');

  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('Synchronisation started.', { exact: false })).toBeVisible();
  await expect(field(page, 'Changes waiting to be sent')).toHaveText('0');
  await expect(problemAlert(page)).toHaveCount(0);
  await shot(page, 'sync-connected');

  // The server knows the device and has the GP's records this desktop sent.
  const [gp] = await admin<{ gps: { id: string; changes: number; devices: { lastSeenAt: string | null }[] }[] }>('GET', '/gps').then((r) => r.gps);
  expect(gp!.id).toBe(tenantId);
  expect(gp!.devices).toHaveLength(1);
  expect(gp!.devices[0]!.lastSeenAt).not.toBeNull();
  expect(gp!.changes).toBeGreaterThan(0);
});

test('a change waits as pending, Sync now sends it, and another device pulls it from the server', async ({ page }) => {
  await signInAdmin(page);
  const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
  await page.goto('/#/expenses/new');
  await expect(page.getByRole('heading', { name: 'Expense Details' })).toBeVisible();
  await page.locator('#e-typeCode').click();
  await page.getByRole('option', { name: 'Chlorination', exact: true }).click();
  await page.locator('#e-vendorName').fill(VENDOR);
  await page.locator('#e-vendorMobile').fill('9812300077');
  await page.locator('#e-amountRupees').fill('4321');
  await page.locator('#e-billDate').fill(today);
  await page.locator('#e-periodFrom').fill(today);
  await page.locator('#e-periodTo').fill(today);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Expenditure Entry Successful')).toBeVisible();

  // The top bar looks again on every change of page (and every 10 s).
  await page.getByRole('link', { name: 'Data sync', exact: true }).click();
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveText(/^\d+ changes? pending$/);
  await expect(page.getByTestId('sync-state')).toHaveText('Online: the central server can be reached.');
  const pending = Number(await field(page, 'Changes waiting to be sent').innerText());
  expect(pending).toBeGreaterThan(0);
  await shot(page, 'sync-pending');

  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(field(page, 'Changes waiting to be sent')).toHaveText('0');
  await expect(indicator).toHaveText('Synced just now');
  await expect(problemAlert(page)).toHaveCount(0);

  // Server side: a second device of the same GP enrols and pulls; the expense is there.
  const { tenantId } = ((await (await page.request.post('/api/sync.status', { data: {} })).json()) as { result: { tenantId: string } }).result;
  const { code } = await admin<{ code: string }>('POST', `/gps/${tenantId}/enrolment-codes`, {});
  const enrol = await fetch(`${central!.url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'second office PC', tenantId }),
  });
  expect(enrol.status).toBe(200);
  const { token } = (await enrol.json()) as { token: string };
  const pulled: { table: string; data: Record<string, unknown> }[] = [];
  for (let cursor = 0, more = true; more; ) {
    const res = await fetch(`${central!.url}/v1/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ cursor, limit: 500 }),
    });
    expect(res.status).toBe(200);
    const page_ = (await res.json()) as { changes: typeof pulled; nextCursor: number; hasMore: boolean };
    pulled.push(...page_.changes);
    cursor = page_.nextCursor;
    more = page_.hasMore;
  }
  const vendor = pulled.find((c) => c.table === 'vendors' && c.data['name'] === VENDOR);
  expect(vendor, 'the new vendor reached the server').toBeTruthy();
  const expense = pulled.find((c) => c.table === 'expenses' && c.data['vendor_id'] === vendor!.data['id']);
  expect(expense, 'the new expense reached the server').toBeTruthy();
  expect(expense!.data['amount_paise']).toBe(432_100);
});

test('the server stops: offline in plain words; it restarts: the desktop recovers', async ({ page }) => {
  await signInAdmin(page);
  await page.goto('/#/sync');
  await expect(page.getByTestId('sync-state')).toHaveText('Online: the central server can be reached.');
  const before = await field(page, 'Last successful sync').innerText();

  await stopCentral();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-state')).toHaveText(
    'Offline: the central server cannot be reached now. Your work is safe on this computer and will be sent later.',
  );
  const problem = problemAlert(page);
  await expect(problem).toContainText(
    'The server cannot be reached. Check the internet connection and the server address.',
  );
  await expect(problem).not.toContainText('will be sent later'); // said once, in the state above
  await expect(page.getByTestId('sync-indicator')).toHaveText('Offline');
  await expect(field(page, 'Last successful sync')).toHaveText(before);
  await shot(page, 'sync-offline');

  const restarted = await startCentral(central!.dataDir, central!.port);
  central!.child = restarted.child;
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-state')).toHaveText('Online: the central server can be reached.');
  await expect(problemAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('sync-indicator')).toHaveText('Synced just now');
  await expect(field(page, 'Changes waiting to be sent')).toHaveText('0');
  await shot(page, 'sync-recovered');
});
