import type { Page } from '@playwright/test';
import { expect, screenshot, signInAsDemo, test } from './fixtures';

/**
 * Expenses (issue 6) on the demo GP: add a bill for a new vendor with an attachment, see the EB
 * number, refuse bad input with its message, find it, open it, mark it paid (read-only after);
 * cancel another with a reason. Screenshots e2e/artifacts/screens/expenses-*.
 */
test.describe.configure({ mode: 'serial' });

const today = () => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 330 * 60_000 + 86_400_000).toISOString().slice(0, 10);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);

async function fillExpense(page: Page, vendor: string, amount: string, mobile?: string) {
  await page.goto('/#/expenses/new');
  await expect(page.getByRole('heading', { name: 'Expense Details' })).toBeVisible();
  await page.locator('#e-typeCode').click();
  await page.getByRole('option', { name: 'Chlorination', exact: true }).click();
  await page.locator('#e-vendorName').fill(vendor);
  if (mobile) await page.locator('#e-vendorMobile').fill(mobile);
  await page.locator('#e-amountRupees').fill(amount);
  await page.locator('#e-billDate').fill(today());
  await page.locator('#e-periodFrom').fill(today());
  await page.locator('#e-periodTo').fill(today());
}

test('add an expense for a new vendor with a photo of the bill; bad input is refused with its message', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SECRETARY');
  await page.getByText('Add Expense', { exact: false }).first().click();
  await expect(page.getByRole('heading', { name: 'Expense Details' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('This field is required.').first()).toBeVisible();

  await fillExpense(page, 'Navdeep Chemicals', '0', '9812312345');
  await page.locator('#e-billDate').fill(tomorrow());
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Amount must be at least ₹1.')).toBeVisible();
  await expect(page.getByText('Bill date cannot be in the future.')).toBeVisible();
  await page.locator('#e-amountRupees').fill('1250');
  await page.locator('#e-billDate').fill(today());
  await page.locator('input[type=file]').setInputFiles({ name: 'bill.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('bill.png')).toBeVisible();
  await screenshot(page, 'expenses-add');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Expenditure Entry Successful')).toBeVisible();
  await expect(page.getByTestId('success-id')).toHaveText(/^EB-\d{4}-\d{2}-[0-9A-F]{4}-\d{4}$/);
  await screenshot(page, 'expenses-success');
  await page.getByRole('button', { name: 'Add new expense' }).click();
  await expect(page.getByRole('heading', { name: 'Expense Details' })).toBeVisible();
});

test('search by vendor, open, mark paid: the bill is then read-only with its history', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SECRETARY');
  await page.goto('/#/expenses/search');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('Fill at least one of vendor name, expense type or bill ID.')).toBeVisible();
  await page.getByLabel('Vendor name').fill('navdeep');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('cell', { name: 'Navdeep Chemicals' })).toBeVisible();
  await expect(page.locator('[data-tone="pending"]', { hasText: 'Unpaid' })).toBeVisible();
  await screenshot(page, 'expenses-search');
  await page.getByRole('button', { name: 'Update Expenditure' }).click();
  await expect(page.getByText('bill.png')).toBeVisible();
  await page.getByRole('button', { name: 'Mark as paid' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /confirm/i }).click();
  await expect(page.getByText('This bill is Paid and can only be viewed.')).toBeVisible();
  await expect(page.getByText('Marked paid')).toBeVisible();
  await screenshot(page, 'expenses-paid');
});

test('cancel an unpaid bill only with a reason', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SECRETARY');
  await fillExpense(page, 'Navdeep Chemicals', '400');
  await page.getByRole('button', { name: 'Submit' }).click();
  const billNo = (await page.getByTestId('success-id').textContent()) ?? '';
  await page.goto('/#/expenses/search');
  await page.getByLabel('Bill ID').fill(billNo);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'Update Expenditure' }).click();
  await page.getByLabel('Mark bill as cancelled').check();
  await page.getByRole('button', { name: 'Mark bill as cancelled' }).click();
  await expect(page.getByText('Enter the reason for cancelling.')).toBeVisible();
  await page.getByLabel('Reason').fill('Entered twice');
  await page.getByRole('button', { name: 'Mark bill as cancelled' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /confirm/i }).click();
  await expect(page.getByText('This bill is Cancelled and can only be viewed.')).toBeVisible();
  await screenshot(page, 'expenses-cancelled');
});

test('home shows the fortnightly expense reminders; one can be dismissed; its card opens the screen', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SECRETARY');
  const panel = page.getByTestId('notifications');
  await expect(panel.getByText('Enter new expenditure')).toBeVisible();
  await expect(panel.getByText('Mark expenses paid')).toBeVisible();
  await expect(panel.getByText(/expense bill\(s\) are awaiting payment confirmation/)).toBeVisible();
  await screenshot(page, 'expenses-home-reminders');
  const card = panel.locator('.mantine-Card-root', { hasText: 'Enter new expenditure' });
  await card.getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel.getByText('Enter new expenditure')).toHaveCount(0);
  await panel.getByText('Mark expenses paid').click();
  await expect(page).toHaveURL(/#\/expenses\/search\?status=UNPAID/);
  await expect(page.getByRole('heading', { name: 'Search Expense Bills' })).toBeVisible();
});
