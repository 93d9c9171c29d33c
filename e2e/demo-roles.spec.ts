import { expect, screenshot, signInAsDemo, test } from './fixtures';

/** The signInAsDemo helper other specs use: loads the demo once per file, signs in by role. */
test('signInAsDemo signs in each demo role', async ({ page, app }) => {
  for (const role of ['SARPANCH', 'SECRETARY', 'REVENUE_COLLECTOR']) {
    await page.context().clearCookies();
    const user = await signInAsDemo(page, app, role);
    await expect(page.getByText(`Welcome, ${user.name}`)).toBeVisible();
  }
  await screenshot(page, '13-demo-home');
});
