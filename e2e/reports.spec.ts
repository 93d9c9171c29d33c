import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, screenshot, signInAsDemo, test, type AppServer } from './fixtures';

/**
 * Reports (SPEC §2.16, §7.4) as the demo Sarpanch on the demo GP: the home card, the report
 * picker and the period picker (whole current FY), View shows the paged table whose row count
 * matches the demo database, Download saves the Excel file of the same report; other reports
 * switch the table; the revenue collector has the card; a bad month is refused with its message. Screenshots e2e/artifacts/screens/reports-*.
 */
test.describe.configure({ mode: 'serial' });

const today = () => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
const currentFy = () => {
  const d = today();
  const start = Number(d.slice(5, 7)) >= 4 ? Number(d.slice(0, 4)) : Number(d.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
};
/** The current FY as the reports see it: 1 April to the end of this month (months to come are not offered). */
const fyRange = (fy: string) => {
  const [y, m] = today().slice(0, 7).split('-').map(Number) as [number, number];
  const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: `${fy.slice(0, 4)}-04-01`, to: monthEnd };
};
const dmy = (d: string) => d.split('-').reverse().join('/');

/** Row counts of the year's reports straight from the demo database. */
function truth(app: AppServer, fy: string): { bill: number; collection: number; expenseBill: number } {
  const { from, to } = fyRange(fy);
  const db = new Database(path.join(app.dataDir, 'mgramseva.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const n = (q: string) => (db.prepare(q).get(from, to) as { n: number }).n;
    return {
      bill: n(`SELECT COUNT(DISTINCT d.connection_id) AS n FROM demands d WHERE d.consumer_type = 'waterConnection' AND d.period_to BETWEEN ? AND ?
               AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)
               AND EXISTS (SELECT 1 FROM demand_lines l WHERE l.demand_id = d.id)`),
      collection: n(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM payments p WHERE p.paid_on BETWEEN ? AND ?
               AND NOT EXISTS (SELECT 1 FROM payment_cancellations c WHERE c.payment_id = p.id) GROUP BY p.connection_id, p.mode)`),
      expenseBill: n(`SELECT COUNT(*) AS n FROM expenses WHERE bill_date BETWEEN ? AND ?`),
    };
  } finally {
    db.close();
  }
}

test('reports: pick a report and the year, view the paged table, download Excel, switch reports', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.getByText('Reports', { exact: true }).first().click();
  await expect(page).toHaveURL(/#\/reports/);
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible();

  const fy = currentFy();
  const want = truth(app, fy);
  expect(want.bill).toBeGreaterThan(10);

  // Whole current financial year.
  await page.getByRole('button', { name: /^Choose period/ }).click();
  await page.getByText(`Whole year (${fy})`).click();
  await expect(page.getByRole('button', { name: new RegExp(`YTD ${fy}`) })).toBeVisible();

  await page.getByRole('button', { name: 'View', exact: true }).click();
  const { from, to } = fyRange(fy);
  await expect(page.getByText(`Bill report · ${dmy(from)} to ${dmy(to)}`, { exact: true })).toBeVisible();
  await expect(page.getByText(`1 - 10 of ${want.bill}`)).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(10);
  const heads = await page.locator('thead th').allInnerTexts();
  expect(heads).toEqual(['Connection ID', 'Old connection ID', 'Consumer name', 'Consumer created on', 'Bill amount', 'Penalty', 'Advance', 'Total amount']);
  // Total = bill + penalty on every row shown.
  const money = (s: string) => Number(s.replace(/[^\d.-]/g, ''));
  for (const row of await page.locator('tbody tr').all()) {
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
    expect(money(cells[7]!)).toBeCloseTo(money(cells[4]!) + money(cells[5]!), 2);
  }
  await screenshot(page, 'reports-bill-year-en');

  // Next page.
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText(`11 - ${Math.min(20, want.bill)} of ${want.bill}`)).toBeVisible();

  // Excel of the same report.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Excel' }).click()]);
  expect(download.suggestedFilename()).toBe(`Bill_Report_${fy}.xlsx`);
  expect(fs.readFileSync(await download.path()).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  await expect(page.getByText(`Bill_Report_${fy}.xlsx downloaded (${want.bill} rows).`)).toBeVisible();

  // Collection report.
  await page.getByRole('combobox', { name: 'Choose a report' }).click();
  await page.getByRole('option', { name: 'Collection report' }).click();
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await expect(page.getByText(`Collection report · ${dmy(from)} to ${dmy(to)}`, { exact: true })).toBeVisible();
  await expect(page.getByText(new RegExp(`^1 - \\d+ of ${want.collection}$`))).toBeVisible();
  await expect(page.locator('tbody tr td:nth-child(4)').first()).toHaveText('Cash');
  await screenshot(page, 'reports-collection-year-en');

  // Expense bill report.
  await page.getByRole('combobox', { name: 'Choose a report' }).click();
  await page.getByRole('option', { name: 'Expense bill report' }).click();
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await expect(page.getByText(new RegExp(`^1 - \\d+ of ${want.expenseBill}$`))).toBeVisible();
  await expect(page.locator('thead th').first()).toHaveText('Bill ID');
  await screenshot(page, 'reports-expense-year-en');

  // Vendor report of the year: one row per non-cancelled bill.
  await page.getByRole('combobox', { name: 'Choose a report' }).click();
  await page.getByRole('option', { name: 'Vendor report' }).click();
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await expect(page.getByText(/^Vendor report · /)).toBeVisible();
  await expect(page.locator('thead th')).toHaveText(['Bill ID', 'Vendor name', 'Mobile number', 'Expense type']);
  await screenshot(page, 'reports-vendor-year-en');

  // Inactive consumer report.
  await page.getByRole('combobox', { name: 'Choose a report' }).click();
  await page.getByRole('option', { name: 'Inactive consumer report' }).click();
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await expect(page.getByText(/^Inactive consumer report · /)).toBeVisible();
  await screenshot(page, 'reports-inactive-year-en');
});

test('the revenue collector has the card too; a bad month is refused with its message', async ({ page, app }) => {
  // The demo's users (SARPANCH, SECRETARY, REVENUE_COLLECTOR) all hold a Reports role; the refusal
  // of other roles is checked in core/src/reporting/reports.test.ts.
  await signInAsDemo(page, app, 'REVENUE_COLLECTOR');
  await page.getByText('Reports', { exact: true }).first().click();
  await expect(page).toHaveURL(/#\/reports/);
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible();
  const bad = await page.request.post('/api/reports.view', { data: { report: 'bill', financialYear: currentFy(), month: '1999-01' } });
  const body = (await bad.json()) as { ok: boolean; error: { fields?: Record<string, { message: string }> } };
  expect(body.ok).toBe(false);
  expect(body.error.fields?.['month']?.message).toMatch(/Choose a month of that financial year/);
});
