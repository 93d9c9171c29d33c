import type { Locator, Page } from '@playwright/test';
import { ADMIN, expect, screenshot, signIn, test, useEnglish } from './fixtures';

/**
 * The foundation, end to end on a fresh installation: language → setup → sign-in → home →
 * language switch → change password → sign out → lock-out; and bad input on the setup and
 * sign-in forms (specific message next to the field, nothing created).
 */
test.describe.configure({ mode: 'serial' });

const NEW_PASSWORD = 'Naya#2025';

// Every test has a fresh browser context: after the first, start in English.
test.beforeEach(async ({ page }, testInfo) => {
  if (!testInfo.title.startsWith('first launch')) await useEnglish(page);
});

/** The error shown under a Mantine input. */
function fieldError(input: Locator): Locator {
  return input.locator('xpath=ancestor::div[contains(@class,"mantine-InputWrapper-root")][1]').locator('.mantine-InputWrapper-error');
}

async function appStatus(page: Page) {
  const res = await page.request.post('/api/app.status', { data: {} });
  return ((await res.json()) as { result: { initialized: boolean } }).result;
}

/** An input by its label (exact; the required * is not part of the name). */
const field = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

test('first launch asks for the language, Punjabi preselected', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/#\/language$/);
  await expect(page.getByRole('radio', { name: 'ਪੰਜਾਬੀ' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('button', { name: 'ਜਾਰੀ ਰੱਖੋ' })).toBeVisible();
  await screenshot(page, '01-language');

  await page.getByRole('radio', { name: 'ENGLISH' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Set up this computer' })).toBeVisible();
  await expect(field(page, 'Gram Panchayat name')).toBeFocused();
});

test('setup refuses bad input with a message next to the field, and creates nothing', async ({ page }) => {
  await page.goto('/');
  const create = page.getByRole('button', { name: 'Create Gram Panchayat' });

  await create.click();
  await expect(fieldError(field(page, 'Gram Panchayat name'))).toHaveText('This field is required.');
  await expect(fieldError(field(page, 'Full name'))).toHaveText('This field is required.');
  await expect(fieldError(field(page, 'Mobile number'))).toHaveText('This field is required.');
  await screenshot(page, '02-setup-empty');

  await field(page, 'Gram Panchayat name').fill('<script>alert(1)</script>');
  await expect(fieldError(field(page, 'Gram Panchayat name'))).toHaveText('Use letters, digits, spaces and . - ( ) only.');
  await field(page, 'Gram Panchayat name').fill('L'.repeat(101));
  await expect(fieldError(field(page, 'Gram Panchayat name'))).toHaveText('Must be at most 100 characters.');
  await field(page, 'Full name').fill('<script>');
  await expect(fieldError(field(page, 'Full name'))).toHaveText('Use letters and spaces only.');
  await field(page, 'Gram Panchayat code').fill('Lodhipur');
  await expect(fieldError(field(page, 'Gram Panchayat code'))).toContainText('pb.villagename');

  const mobile = field(page, 'Mobile number');
  await mobile.fill('987654321');
  await expect(fieldError(mobile)).toHaveText('Mobile number must be 10 digits.');
  await mobile.fill('5876543210');
  await expect(fieldError(mobile)).toHaveText('Enter a valid Indian mobile number (starts with 6, 7, 8 or 9).');
  await mobile.fill('98765abc43');
  await expect(mobile).toHaveValue('9876543');

  // Password rules tick as the person types; confirm must match.
  await field(page, 'New password').fill('abc');
  await expect(page.getByTestId('password-hints').locator('[data-ok="true"]')).toHaveCount(1);
  await field(page, 'New password').fill('abc1#x');
  await expect(page.getByTestId('password-hints').locator('[data-ok="true"]')).toHaveCount(4);
  await field(page, 'Confirm new password').fill('abc1#y');
  await expect(fieldError(field(page, 'Confirm new password'))).toHaveText('The passwords do not match.');
  await screenshot(page, '03-setup-errors');
  await create.click();
  expect((await appStatus(page)).initialized).toBe(false);

  // The core refuses the same input on its own, field by field.
  const res = await page.request.post('/api/setup.createGramPanchayat', {
    data: {
      tenant: { name: '<b>GP</b>', code: 'pb.x', district: 'D', block: 'B', state: 'Punjab' },
      admin: { name: 'A', mobile: '5123456789', password: 'weak' },
    },
  });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: { fields: Record<string, { key: string }> } };
  expect(body.error.fields['tenant.name']?.key).toBe('validation.placeName');
  expect(body.error.fields['admin.mobile']?.key).toBe('validation.mobileStart');
  expect(body.error.fields['admin.password']?.key).toBe('validation.passwordPolicy');
  expect((await appStatus(page)).initialized).toBe(false);
});

test('setup creates the Gram Panchayat and its administrator', async ({ page }) => {
  await page.goto('/');
  await field(page, 'Gram Panchayat name').fill(ADMIN.gpName);
  await field(page, 'Gram Panchayat code').fill(ADMIN.code);
  await field(page, 'District').fill(ADMIN.district);
  await field(page, 'Block').fill(ADMIN.block);
  await field(page, 'State').fill(ADMIN.state);
  await field(page, 'Full name').fill(ADMIN.name);
  await field(page, 'Mobile number').fill(ADMIN.mobile);
  await field(page, 'New password').fill(ADMIN.password);
  await field(page, 'Confirm new password').fill(ADMIN.password);
  await screenshot(page, '04-setup-filled');
  await page.getByRole('button', { name: 'Create Gram Panchayat' }).click();

  await expect(page).toHaveURL(/#\/sign-in$/);
  await expect(page.getByText('The Gram Panchayat is ready. Please sign in.')).toBeVisible();
  await expect(field(page, 'Mobile number')).toHaveValue(ADMIN.mobile);
  expect((await appStatus(page)).initialized).toBe(true);
});

test('sign-in refuses bad input', async ({ page }) => {
  await page.goto('/#/sign-in');
  const mobile = field(page, 'Mobile number');
  const password = field(page, 'Password');
  const go = page.getByRole('button', { name: 'Continue' });
  await mobile.fill('');
  await expect(mobile).toBeFocused();
  await expect(go).toBeDisabled();
  await mobile.fill('987654321');
  await password.fill('x');
  await expect(go).toBeDisabled();
  await mobile.fill('5876543210');
  await expect(go).toBeEnabled();
  await password.press('Enter');
  await expect(fieldError(mobile)).toHaveText('Enter a valid Indian mobile number (starts with 6, 7, 8 or 9).');
  await mobile.fill(ADMIN.mobile);
  await password.fill('p'.repeat(129));
  await go.click();
  await expect(fieldError(password)).toHaveText('Must be at most 128 characters.');
  await screenshot(page, '05-sign-in-errors');
});

test('the administrator signs in and sees the home', async ({ page }) => {
  await page.goto('/#/sign-in');
  await field(page, 'Mobile number').fill(ADMIN.mobile);
  await field(page, 'Password').fill(ADMIN.password);
  await screenshot(page, '06-sign-in');
  await field(page, 'Password').press('Enter');

  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
  await expect(page.getByTestId('tenant-name')).toHaveText(ADMIN.gpName);
  await expect(page.getByText(`Welcome, ${ADMIN.name}`)).toBeVisible();
  // The admin (GP_ADMIN + SARPANCH) sees every card whose screen exists; none may exist yet.
  const cards = page.getByTestId('home-cards');
  const empty = page.getByText('No screens are ready for your role yet.', { exact: false });
  await expect(cards.or(empty)).toBeVisible();
  await expect(page.getByText(/^cards\./)).toHaveCount(0); // every card label is translated
  await screenshot(page, '07-home');

  // Keyboard: a visible 2px orange focus ring.
  await page.getByRole('link', { name: 'Home' }).focus();
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
  });
  expect(ring).toBe('solid 2px rgb(244, 119, 56)');

  // Hindi, from the user menu; then back to English.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'हिंदी' }).click();
  await expect(page.getByRole('heading', { name: 'होम' })).toBeVisible();
  await expect(page.getByText(`स्वागत है, ${ADMIN.name}`)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'hi');
  await screenshot(page, '08-home-hindi');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'ENGLISH' }).click();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
});

test('change password: checks, then success', async ({ page }) => {
  await signIn(page, ADMIN.mobile, ADMIN.password);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  const current = field(page, 'Current password');
  const next = field(page, 'New password');
  const confirm = field(page, 'Confirm new password');
  const submit = page.getByRole('button', { name: 'Change password' });
  await expect(current).toBeFocused();

  await current.fill(ADMIN.password);
  await next.fill(ADMIN.password);
  await confirm.fill(ADMIN.password);
  await submit.click();
  await expect(fieldError(next)).toHaveText('The new password must be different from the current one.');

  await current.fill('Wrong#123');
  await next.fill(NEW_PASSWORD);
  await confirm.fill(NEW_PASSWORD + 'x');
  await expect(fieldError(confirm)).toHaveText('The passwords do not match.');
  await confirm.fill(NEW_PASSWORD);
  await submit.click();
  await expect(fieldError(current)).toHaveText('The current password is wrong.');
  await screenshot(page, '09-change-password-errors');

  await current.fill(ADMIN.password);
  await submit.click();
  await expect(page.getByText('Your password has been changed.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
});

test('a lost session sends the person to sign-in with a message', async ({ page, context }) => {
  await signIn(page, ADMIN.mobile, NEW_PASSWORD);
  await page.goto('/#/change-password');
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await context.clearCookies();
  await field(page, 'Current password').fill(NEW_PASSWORD);
  await field(page, 'New password').fill('Other#2026');
  await field(page, 'Confirm new password').fill('Other#2026');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/#\/sign-in$/);
  await expect(page.getByText('Your session ended, please sign in again.')).toBeVisible();
  await screenshot(page, '10-session-ended');
});

test('sign out, the old password is refused, five wrong passwords lock the account', async ({ page }) => {
  await page.goto('/#/sign-in');
  const mobile = field(page, 'Mobile number');
  const password = field(page, 'Password');
  await mobile.fill(ADMIN.mobile);
  await password.fill(NEW_PASSWORD);
  await password.press('Enter');
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/#\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/#\/sign-in$/);

  const alert = page.getByRole('alert');
  await mobile.fill(ADMIN.mobile);
  await password.fill(ADMIN.password); // the old one
  await password.press('Enter');
  await expect(alert).toContainText('Mobile number or password is wrong. 4 attempt(s) left');
  for (const left of [3, 2, 1]) {
    await password.fill(`Wrong#${left}`);
    await password.press('Enter');
    await expect(alert).toContainText(`${left} attempt(s) left`);
  }
  await password.fill('Wrong#0');
  await password.press('Enter');
  await expect(alert).toContainText('locked for 15 minutes');
  await password.fill(NEW_PASSWORD);
  await password.press('Enter');
  await expect(alert).toContainText('This account is locked');
  await screenshot(page, '11-locked');
});
