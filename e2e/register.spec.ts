import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, screenshot, signInAsDemo, test, type AppServer } from './fixtures';

/**
 * Household register (SPEC §2.14) as the demo Sarpanch: the home card, as-of date, tab counts
 * that add up to the GP's households, Pending tab (and the billing notification's
 * ?status=pending link), sort by pending collections, search, rows per page, Excel and PDF
 * downloads of the same view, and a connection ID opening the household.
 * Screenshots in e2e/artifacts/screens/register-*.
 */
test.describe.configure({ mode: 'serial' });

function households(app: AppServer): { all: number; someName: string } {
  const db = new Database(path.join(app.dataDir, 'mgramseva.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const all = (db.prepare('SELECT COUNT(*) AS n FROM connections').get() as { n: number }).n;
    const someName = (db.prepare('SELECT p.name FROM connections c JOIN consumers p ON p.id = c.consumer_id ORDER BY c.connection_no LIMIT 1 OFFSET 7').get() as { name: string }).name;
    return { all, someName };
  } finally {
    db.close();
  }
}

const rupees = (text: string) => Number(text.replace(/[^\d.-]/g, ''));
const count = (label: string) => Number(/\((\d+)\)/.exec(label)?.[1] ?? NaN);

test('register: tabs with counts, pending sorted, search, paging, downloads, open a household', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.getByText('Household Register').first().click();
  await expect(page).toHaveURL(/#\/household-register/);
  await expect(page.getByRole('heading', { name: 'Household Register' })).toBeVisible();
  await expect(page.getByText(/^As of \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();

  const pills = page.getByRole('radiogroup').getByRole('radio');
  await expect(pills.nth(0)).toHaveText(/^All \(\d+\)$/);
  const [all, paid, pending] = [count(await pills.nth(0).innerText()), count(await pills.nth(1).innerText()), count(await pills.nth(2).innerText())];
  const truth = households(app);
  expect(all).toBe(truth.all);
  expect(paid + pending).toBe(all);
  expect(pending).toBeGreaterThan(0);
  await expect(page.getByText(`1 - 10 of ${all}`)).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(10);
  await screenshot(page, 'register-all-en');

  // Pending tab, then sort by pending collections (↑ then ↓).
  await pills.nth(2).click();
  await expect(page).toHaveURL(/status=pending/);
  await expect(page.getByText(`1 - 10 of ${pending}`)).toBeVisible();
  const pendingHeader = page.getByRole('columnheader', { name: /Pending collections/ });
  await pendingHeader.getByRole('button').click();
  await expect(pendingHeader).toHaveAttribute('aria-sort', 'ascending');
  await pendingHeader.getByRole('button').click();
  await expect(pendingHeader).toHaveAttribute('aria-sort', 'descending');
  const pendingCol = (await page.locator('thead th').allInnerTexts()).findIndex((h) => h.startsWith('Pending collections'));
  await expect(async () => {
    const amounts = (await page.locator(`tbody tr td:nth-child(${pendingCol + 1})`).allInnerTexts()).map(rupees);
    expect(amounts).toHaveLength(10);
    expect(amounts.every((a) => a > 0)).toBe(true);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  }).toPass();
  await screenshot(page, 'register-pending-sorted-en');

  // Excel and PDF of this view.
  for (const [item, ext] of [['Excel', 'xlsx'], ['PDF', 'pdf']] as const) {
    await page.getByRole('button', { name: 'Download' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^HH_Register_\\d{4}-\\d{2}-\\d{2}\\.${ext}$`));
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 4).toString('latin1');
    expect(head).toBe(ext === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    await expect(page.getByText(new RegExp(`HH_Register_.*\\.${ext} downloaded \\(${pending} households\\)`))).toBeVisible();
  }

  // The download toasts sit over the pagination bar until they close themselves (10 s).
  await expect(page.getByRole('alert')).toHaveCount(0, { timeout: 20_000 });

  // Search (name, partial) over every tab.
  await pills.nth(0).click();
  const fragment = truth.someName.split(' ')[0]!.slice(0, 4);
  await page.getByRole('searchbox', { name: 'Search by name / connection ID' }).fill(fragment);
  await expect(async () => {
    const names = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.toLowerCase()).toContain(fragment.toLowerCase());
    expect(count(await pills.nth(0).innerText())).toBeLessThan(all);
  }).toPass();
  await screenshot(page, 'register-search-en');
  await page.getByRole('searchbox', { name: 'Search by name / connection ID' }).fill('');
  await expect(page.getByText(`1 - 10 of ${all}`)).toBeVisible();

  // Rows per page.
  await page.getByRole('combobox', { name: 'Rows per page' }).click();
  await page.getByRole('option', { name: '20', exact: true }).click();
  await expect(page.getByText(`1 - 20 of ${all}`)).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(20);

  // A connection ID opens the household.
  const first = page.locator('tbody tr').first().locator('td').first().getByRole('button');
  const no = (await first.innerText()).trim();
  await first.click();
  await expect(page).toHaveURL(/#\/consumers\/[0-9a-f-]{36}/);
  await expect(page.getByText(no).first()).toBeVisible();
});

test('the billing notification link opens the Pending tab; metered households carry the M badge', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.goto('/#/household-register?status=pending');
  await expect(page.getByRole('radio', { name: /^Pending \(\d+\)$/ })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('combobox', { name: 'Rows per page' }).click();
  await page.getByRole('option', { name: '50', exact: true }).click();
  await expect(page.getByRole('img', { name: 'Metered connection' }).first()).toBeVisible();
  await screenshot(page, 'register-pending-50-en');
});
