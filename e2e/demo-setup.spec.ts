import { expect, screenshot, signIn, test, useEnglish } from './fixtures';

/** "Load demo Gram Panchayat" on a fresh installation (this file gets its own server). */

test('setup can load the demo Gram Panchayat and shows its users', async ({ page }) => {
  await useEnglish(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Load demo Gram Panchayat' }).click();
  await expect(page.getByRole('heading', { name: 'Demo Gram Panchayat loaded' })).toBeVisible();
  const rows = page.getByTestId('demo-users').locator('tbody tr');
  await expect(rows).not.toHaveCount(0);
  await expect(rows.first()).toContainText('Sarpanch');
  await screenshot(page, '12-demo-users');

  const mobile = ((await rows.first().locator('td').nth(2).textContent()) ?? '').replace('+91', '').trim();
  const password = ((await rows.first().locator('td').nth(3).textContent()) ?? '').trim();
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await signIn(page, mobile, password);
});
