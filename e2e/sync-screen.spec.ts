import { expect, screenshot, signInAsDemo, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('a GP admin sees "not connected" and the enrolment form', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveText('Not connected');
  await indicator.click();
  await expect(page.getByRole('heading', { name: 'Data sync' })).toBeVisible();
  await expect(page.getByTestId('sync-state')).toHaveText('Not connected to a central server: this desktop works offline.');
  await expect(page.getByRole('heading', { name: 'Connect to the central server' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Server address' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Enrolment code' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Data sync', exact: true })).toBeVisible();
  await screenshot(page, 'sync-not-connected');
});

test('an invalid address and an unreachable server are explained; nothing is enrolled', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.goto('/#/sync');
  const url = page.getByRole('textbox', { name: 'Server address' });
  const code = page.getByRole('textbox', { name: 'Enrolment code' });

  await url.fill('not a url');
  await code.fill('K7QM-4PZX');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText('Enter the server address, starting with https://')).toBeVisible();
  await screenshot(page, 'sync-bad-url');

  await url.fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText('The server cannot be reached.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Enter the server address, starting with https://')).toHaveCount(0);
  await screenshot(page, 'sync-unreachable');

  // Still not enrolled, in core and on screen.
  const res = await page.request.post('/api/sync.status', { data: {} });
  const body = (await res.json()) as { ok: boolean; result: { enrolled: boolean; serverUrl: string | null } };
  expect(body.ok).toBe(true);
  expect(body.result.enrolled).toBe(false);
  expect(body.result.serverUrl).toBeNull();
  await expect(page.getByTestId('sync-state')).toHaveText('Not connected to a central server: this desktop works offline.');
  await expect(page.getByTestId('sync-indicator')).toHaveText('Not connected');
});
