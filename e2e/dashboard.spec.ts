import type { Page } from '@playwright/test';
import { expect, screenshot, signInAsDemo, test } from './fixtures';

/**
 * GPWSC Dashboard (SPEC §7.1–7.3) on the demo GP: the card opens the year view (feedback, trend
 * chart, month table with totals that match core's figures, surplus coloured), a month opens its
 * tabular dashboard (collections: pills with counts, search, sort; expenditure: Paid/Pending, a
 * bill opens the expense), the picker switches years, a bad year is refused with its message, and
 * the screen reads in Punjabi. Screenshots e2e/artifacts/screens/dashboard-*.
 */
test.describe.configure({ mode: 'serial' });

const today = () => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
const currentFy = () => {
  const d = today();
  const start = Number(d.slice(5, 7)) >= 4 ? Number(d.slice(0, 4)) : Number(d.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
};
const rupees = (paise: number) => new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 }).format(paise / 100);

interface Figures {
  demandPaise: number;
  actualCollectionPaise: number;
  actualPaymentPaise: number;
  totalExpenditurePaise: number;
  surplusPaise: number;
}
async function monthly(page: Page, input: Record<string, unknown>) {
  const res = await page.request.post('/api/dashboard.monthly', { data: input });
  return (await res.json()) as { ok: boolean; result?: { months: (Figures & { month: string })[]; totals: Figures }; error?: { message: string; fields?: Record<string, { message: string }> } };
}

test('the card opens the year view: feedback, trend chart and a month table whose totals are core\'s figures', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.getByText('GPWSC Dashboard').first().click();
  await expect(page).toHaveURL(/#\/dashboard/);
  await expect(page.getByRole('heading', { name: 'Dashboard', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`YTD ${currentFy()}`) })).toBeVisible();
  await expect(page.getByTestId('dashboard-feedback')).toContainText('User satisfaction');
  await expect(page.getByRole('img', { name: 'Line chart of revenue and expenditure per month' })).toBeVisible();
  await expect(page.getByTestId('surplus-help')).toContainText('actual collection − actual payment');

  const r = await monthly(page, { financialYear: currentFy() });
  expect(r.ok).toBe(true);
  const { totals, months } = r.result!;
  expect(totals.actualCollectionPaise).toBeGreaterThan(0);
  const total = page.locator('tr[data-month="total"]');
  await expect(total).toContainText(rupees(totals.actualCollectionPaise));
  await expect(total).toContainText(rupees(totals.demandPaise));
  await expect(total).toContainText(rupees(totals.actualPaymentPaise));
  await expect(total.locator('[data-surplus]')).toHaveAttribute('data-surplus', totals.surplusPaise < 0 ? 'deficit' : 'surplus');
  await expect(page.locator('tbody tr[data-month]')).toHaveCount(months.length);
  await screenshot(page, 'dashboard-year');
});

test('a month opens its tabular dashboard: collections with counts, search and sort; expenditure with Paid/Pending', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.goto(`/#/dashboard?fy=${currentFy()}`);
  const r = await monthly(page, { financialYear: currentFy() });
  const busiest = [...r.result!.months].sort((a, b) => b.actualCollectionPaise - a.actualCollectionPaise)[0]!;
  await page.locator(`tr[data-month="${busiest.month}"]`).click();
  await expect(page).toHaveURL(new RegExp(`month=${busiest.month}`));
  await expect(page.getByRole('tab', { name: 'Collections' })).toHaveAttribute('aria-selected', 'true');
  const all = page.getByRole('radio', { name: /^All \(\d+\)$/ });
  await expect(all).toBeVisible();
  const allCount = Number(/\((\d+)\)/.exec((await all.textContent()) ?? '')![1]);
  expect(allCount).toBeGreaterThan(0);
  await expect(page.getByRole('radio', { name: /^Residential \(\d+\)$/ })).toBeVisible();

  // Sorting by the amount, largest first: the first row paid the most.
  await page.getByRole('button', { name: /Collections \(₹\)/ }).click();
  await page.getByRole('button', { name: /Collections \(₹\)/ }).click();
  await expect(page.getByRole('columnheader', { name: /Collections/ })).toHaveAttribute('aria-sort', 'descending');
  const firstName = (await page.locator('tbody tr').first().locator('td').nth(1).textContent())!.trim();
  await screenshot(page, 'dashboard-month-collections');

  // Live search by part of a name.
  await page.getByRole('searchbox', { name: 'Search by name / connection ID' }).fill(firstName.slice(0, 5));
  await expect(page.locator('tbody tr').first()).toContainText(firstName.slice(0, 5));
  const filtered = Number(/\((\d+)\)/.exec((await page.getByRole('radio', { name: /^All \(\d+\)$/ }).textContent()) ?? '')![1]);
  expect(filtered).toBeLessThanOrEqual(allCount);

  await page.getByRole('tab', { name: 'Expenditure' }).click();
  await expect(page).toHaveURL(/tab=expenditure/);
  await expect(page.getByRole('radio', { name: /^Paid \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: /^Pending \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Bill ID – Vendor name' })).toBeVisible();
  await screenshot(page, 'dashboard-month-expenditure');
});

test('the expenditure tab of the year shows unpaid bills as Pending in red; a bill opens the expense', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SECRETARY');
  const r = await monthly(page, { financialYear: currentFy() });
  const withBills = r.result!.months.filter((m) => m.totalExpenditurePaise > 0).pop();
  test.skip(!withBills, 'the demo GP has no expense bill this year');
  await page.goto(`/#/dashboard?fy=${currentFy()}&month=${withBills!.month}&tab=expenditure`);
  await expect(page.getByRole('tab', { name: 'Expenditure' })).toHaveAttribute('aria-selected', 'true');
  const pending = page.getByRole('radio', { name: /^Pending \(\d+\)$/ });
  const pendingCount = Number(/\((\d+)\)/.exec((await pending.textContent()) ?? '')![1]);
  if (pendingCount > 0) {
    await pending.click();
    await expect(page.locator('tbody').getByText('Pending', { exact: true }).first()).toHaveCSS('color', 'rgb(212, 53, 28)');
  }
  await page.locator('tbody tr').first().click();
  await expect(page).toHaveURL(/#\/expenses\/[0-9a-f-]{36}$/);
});

test('the picker switches to an earlier year; a bad year is refused with its message', async ({ page, app }) => {
  await signInAsDemo(page, app, 'REVENUE_COLLECTOR');
  await page.goto('/#/dashboard');
  const fy = currentFy();
  const start = Number(fy.slice(0, 4)) - 1;
  const previous = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
  await page.getByRole('button', { name: new RegExp(`YTD ${fy}`) }).click();
  await expect(page.getByRole('radio', { name: previous })).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(5);
  await screenshot(page, 'dashboard-picker');
  await page.getByRole('radio', { name: previous }).check();
  await page.getByText(`Whole year (${previous})`).click();
  await expect(page).toHaveURL(new RegExp(`fy=${previous}`));
  await expect(page.getByRole('button', { name: new RegExp(`YTD ${previous}`) })).toBeVisible();
  await expect(page.locator('tbody tr[data-month]')).toHaveCount(12);

  const bad = await monthly(page, { financialYear: '2001-02' });
  expect(bad.ok).toBe(false);
  expect(bad.error!.fields!['financialYear']!.message).toBe('Choose one of the last five financial years.');
  await page.goto('/#/dashboard?fy=2001-02');
  await expect(page.getByText('Choose one of the last five financial years.')).toBeVisible();
});

test('the dashboard reads in Punjabi', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.evaluate(() => localStorage.setItem('mgs.language', 'pa'));
  await page.goto(`/#/dashboard?fy=${currentFy()}`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ਡੈਸ਼ਬੋਰਡ' })).toBeVisible();
  await expect(page.getByText('ਮਾਲੀਆ ਅਤੇ ਖਰਚੇ ਦਾ ਰੁਝਾਨ')).toBeVisible();
  await screenshot(page, 'dashboard-year-pa');
});
