import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, screenshot, signInAsDemo, test } from './fixtures';

/**
 * Billing (issue 4) as the demo Sarpanch: generate demand (confirmation lists rates and counts),
 * a metered household's cards → Generate new bill (five digit boxes) → success → latest bill,
 * GPWSC details & rate info, the tariff editor. Screenshots in e2e/artifacts/screens/billing-*.
 */
test.describe.configure({ mode: 'serial' });

function meteredHousehold(dataDir: string): { id: string; reading: number } {
  const db = new Database(path.join(dataDir, 'mgramseva.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(`SELECT c.id AS id, COALESCE((SELECT m.reading FROM meter_readings m WHERE m.connection_id = c.id ORDER BY m.reading_date DESC LIMIT 1), c.previous_reading) AS reading
                FROM connections c WHERE c.connection_type = 'Metered' AND c.status = 'Active' ORDER BY c.connection_no LIMIT 1`)
      .get() as { id: string; reading: number } | undefined;
    if (!row) throw new Error('no demo metered household');
    return row;
  } finally {
    db.close();
  }
}

test('generate demand, metered bill, latest bill, rate info, tariff editor', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.getByText('Generate Demand').first().click();
  await expect(page.getByRole('heading', { name: 'Generate Demand' }).first()).toBeVisible();
  await page.getByLabel('Billing cycle').click();
  await page.getByRole('option').first().click();
  await page.getByRole('button', { name: 'Generate Demand' }).click();
  await expect(page.getByText('Monthly charge')).toBeVisible();
  await screenshot(page, 'billing-demand-confirm-en');
  await page.getByRole('button', { name: /Close|Cancel/ }).first().click();

  const { id, reading } = meteredHousehold(app.dataDir);
  await page.goto(`/#/consumers/${id}`);
  await expect(page.getByRole('heading', { name: 'Generate new bill' })).toBeVisible();
  await screenshot(page, 'billing-household-en');
  await page.getByRole('button', { name: 'Generate new bill' }).click();
  await expect(page.getByText('New meter reading')).toBeVisible();
  const next = String(reading + 12).padStart(5, '0');
  await page.getByTestId('new-reading').locator('input').first().click();
  await page.keyboard.type(next);
  await screenshot(page, 'billing-metered-form-en');
  await page.getByRole('button', { name: 'Generate Bill' }).click();
  await expect(page.getByText('Bill Generated Successfully')).toBeVisible();
  await screenshot(page, 'billing-metered-success-en');

  await page.goto(`/#/consumers/${id}`);
  await expect(page.getByRole('heading', { name: 'Latest bill' })).toBeVisible();
  // Part A.5: the GP admin cancels the new bill with a reason; the previous reading is back.
  await page.getByRole('button', { name: 'Cancel bill' }).click();
  await page.getByLabel('Reason').fill('Wrong reading typed');
  await screenshot(page, 'billing-reverse-en');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel bill' }).click();
  await expect(page.getByText('Bill cancelled')).toBeVisible();
  await expect(page.getByText(String(reading).padStart(5, '0')).first()).toBeVisible();

  await page.goto('/#/village-details');
  await expect(page.getByRole('heading', { name: 'Rate info' })).toBeVisible();
  await screenshot(page, 'billing-village-details-en');

  await page.getByRole('button', { name: 'Edit rates' }).click();
  await expect(page.getByText('Late-payment penalty')).toBeVisible();
  await screenshot(page, 'billing-tariffs-en');
});

test('the billing screens in Punjabi', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.evaluate(() => localStorage.setItem('mgs.language', 'pa'));
  const { id } = meteredHousehold(app.dataDir);
  await page.goto(`/#/consumers/${id}`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ਨਵਾਂ ਬਿੱਲ ਬਣਾਓ' })).toBeVisible();
  await screenshot(page, 'billing-household-pa');
  await page.goto('/#/billing/generate-demand');
  await expect(page.getByRole('heading', { name: 'ਮੰਗ ਬਣਾਓ' }).first()).toBeVisible();
  await screenshot(page, 'billing-demand-pa');
});
