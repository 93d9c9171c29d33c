import type { Page } from '@playwright/test';
import { expect, screenshot, signInAsDemo, test } from './fixtures';

/**
 * Consumers (issue 3): create a metered and a non-metered consumer through the form, find each
 * by every search criterion, edit one, deactivate it, load a 50-row file with 3 broken rows.
 * Screenshots of each screen in English and Hindi (e2e/artifacts/screens/consumers-*).
 */
test.describe.configure({ mode: 'serial' });

/** The business "today" in Asia/Kolkata and the two selectable billed months. */
function istToday(): string {
  return new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
}
function monthsBack(n: number): string {
  const [y, m] = istToday().split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
/** Two months ago, on the 1st: a valid previous reading date. */
const READING_DATE = `${monthsBack(2)}-01`;

const METERED = { name: 'Tejinder Pal Singh', father: 'Gurbachan Singh', mobile: '9988776601', oldId: 'E2E/M-1' };
const FLAT = { name: 'Kiranjeet Kaur', father: 'Darshan Singh', mobile: '9988776602', oldId: 'E2E/N-1' };
const numbers: Record<string, string> = {};

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: false }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function setLanguage(page: Page, lang: 'en' | 'hi') {
  await page.evaluate((l) => localStorage.setItem('mgs.language', l), lang);
  await page.reload();
}

async function createConsumer(page: Page, c: typeof METERED, metered: boolean) {
  await page.goto('/#/consumers/new');
  await expect(page.getByRole('heading', { name: 'Consumer Details' })).toBeVisible();
  await page.getByLabel('Consumer name').fill(c.name);
  await page.getByRole('radio', { name: metered ? 'Male' : 'Female', exact: true }).check();
  await page.getByLabel("Father's / spouse name").fill(c.father);
  await page.locator('#c-mobile').fill(c.mobile);
  await page.getByLabel('Door number').fill('17');
  await page.getByLabel('Street name / number').fill('Gurdwara Road');
  await pick(page, 'Ward', 'Ward 2');
  await page.locator('#c-oldConnectionId').fill(c.oldId);
  await pick(page, 'Property type', 'Residential');
  await pick(page, 'Service type', metered ? 'Metered' : 'Non-metered');
  if (metered) {
    await page.getByLabel('Meter number').fill('MTR7788');
    await page.getByLabel('Previous reading date').fill(READING_DATE);
    await page.getByLabel('Previous meter reading').fill('00150');
    await page.getByLabel('Arrears (₹)').fill('300');
    await page.getByLabel('Penalty (₹)').fill('20');
  } else {
    await page.locator('#c-lastBilledCycle').click();
    await page.getByRole('option').first().click();
    await page.getByRole('radio', { name: 'Advance', exact: true }).check();
    await page.getByLabel('Advance (₹)').fill('100');
  }
  if (metered) await screenshot(page, 'consumers-01-create-filled-en');
  await page.getByRole('button', { name: 'Submit' }).click();
  const toast = page.getByText(/Registration successful\. New connection ID: (WS\/\S+)/);
  await expect(toast).toBeVisible();
  numbers[c.oldId] = /(WS\/\S+)/.exec((await toast.textContent()) ?? '')![1]!;
  // The form is cleared for the next consumer.
  await expect(page.getByLabel('Consumer name')).toHaveValue('');
}

test('create a metered and a non-metered consumer through the form; field errors first', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.getByRole('button', { name: 'Create Consumer' }).click();
  await expect(page.getByRole('heading', { name: 'Consumer Details' })).toBeVisible();
  await createConsumer(page, METERED, true);
  await createConsumer(page, FLAT, false);
  // A duplicate old connection ID is refused next to the field.
  await page.goto('/#/consumers/new');
  await page.getByLabel('Consumer name').fill('Another Person');
  await page.getByRole('radio', { name: 'Male', exact: true }).check();
  await page.getByLabel("Father's / spouse name").fill('Some Father');
  await page.locator('#c-mobile').fill('9988776603');
  await pick(page, 'Ward', 'Ward 1');
  await page.locator('#c-oldConnectionId').fill(METERED.oldId);
  await pick(page, 'Property type', 'Residential');
  await pick(page, 'Service type', 'Metered');
  await page.getByLabel('Meter number').fill('0000');
  await page.getByLabel('Previous reading date').fill(istToday());
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Meter number must be letters and digits, and not all zeros.')).toBeVisible();
  await expect(page.getByText('The previous reading date must be at least one month ago.')).toBeVisible();
  await screenshot(page, 'consumers-02-create-errors-en');
  await page.getByLabel('Meter number').fill('MTR1');
  await page.getByLabel('Previous reading date').fill(READING_DATE);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText(`Old connection ID ${METERED.oldId} already exists in this Gram Panchayat.`)).toBeVisible();
});

test('find each consumer by every criterion; a single match opens directly', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  for (const c of [METERED, FLAT]) {
    const criteria: [string, string][] = [
      ['#mobile', c.mobile],
      ['Consumer name', c.name.toLowerCase().replace(' ', '  ').slice(0, 12)],
      ['Old connection ID', c.oldId],
      ['New connection ID', numbers[c.oldId]!],
    ];
    for (const [label, value] of criteria) {
      await page.goto('/#/consumers/search?mode=view');
      const input = label === '#mobile' ? page.getByRole('textbox', { name: 'Mobile number' }) : page.getByLabel(label, { exact: true });
      await input.fill(value);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.getByRole('heading', { name: numbers[c.oldId]! })).toBeVisible();
      await expect(page.getByText(c.name, { exact: true })).toBeVisible();
    }
  }
  // A misspelled name still finds the household; several matches show the table.
  await page.goto('/#/consumers/search?mode=view');
  await page.getByLabel('Consumer name', { exact: true }).fill('kiranjit');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('heading', { name: numbers[FLAT.oldId]! })).toBeVisible();
  await screenshot(page, 'consumers-04-household-en');
  await page.goto('/#/consumers/search?mode=view');
  await page.getByLabel('Consumer name', { exact: true }).fill('kaur');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText(/connections found/)).toBeVisible();
  await screenshot(page, 'consumers-03-search-results-en');
  await setLanguage(page, 'hi');
  await page.getByLabel('उपभोक्ता का नाम', { exact: true }).fill('kaur');
  await page.getByRole('button', { name: 'खोजें', exact: true }).click();
  await expect(page.getByText(/कनेक्शन मिले/)).toBeVisible();
  await screenshot(page, 'consumers-03-search-results-hi');
  await page.getByRole('button', { name: 'साफ़ करें' }).click();
  await page.getByLabel('पुराना कनेक्शन आईडी', { exact: true }).fill(METERED.oldId);
  await page.getByRole('button', { name: 'खोजें', exact: true }).click();
  await expect(page.getByRole('heading', { name: numbers[METERED.oldId]! })).toBeVisible();
  await screenshot(page, 'consumers-04-household-hi');
  await page.goto('/#/consumers/new');
  await expect(page.getByRole('heading', { name: 'उपभोक्ता विवरण' })).toBeVisible();
  await page.getByRole('button', { name: 'जमा करें' }).click({ force: true }).catch(() => undefined);
  await screenshot(page, 'consumers-01-create-hi');
  await setLanguage(page, 'en');
});

test('edit one consumer, then deactivate it with remarks; both show in the history', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.goto('/#/consumers/search?mode=update');
  await page.getByLabel('Old connection ID', { exact: true }).fill(METERED.oldId);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Update Consumer Details' })).toBeVisible();
  await expect(page.getByLabel('Consumer name')).toHaveValue(METERED.name);
  await page.getByLabel('Street name / number').fill('Canal Road');
  await screenshot(page, 'consumers-05-edit-en');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Consumer details updated.')).toBeVisible();
  await expect(page.getByText('Canal Road').first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Edited' })).toBeVisible();

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Mark connection as inactive').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Remarks are required when the connection is marked inactive or active again.')).toBeVisible();
  await page.getByLabel('Remarks').fill('House locked family moved');
  await screenshot(page, 'consumers-06-deactivate-en');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Inactive', { exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Marked inactive' })).toBeVisible();
  await setLanguage(page, 'hi');
  await expect(page.getByText('निष्क्रिय', { exact: true })).toBeVisible();
  await screenshot(page, 'consumers-07-household-history-hi');
  await page.getByRole('button', { name: 'संपादित करें', exact: true }).click();
  await screenshot(page, 'consumers-05-edit-hi');
  await setLanguage(page, 'en');
});

test('bulk load: 50 rows with 3 broken — exactly those 3 reported; valid rows only loads 47', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  const header = 'name,gender,fatherName,mobile,oldConnectionId,ward,propertyType,serviceType,meterNumber,previousReadingDate,previousReading,lastBilledCycle,paymentType,arrears,penalty,advance';
  const [y, m] = monthsBack(1).split('-');
  const dd = READING_DATE.split('-').reverse().join('/');
  const lines = [header];
  for (let i = 0; i < 50; i++) {
    const metered = i % 3 === 0;
    let mobile = String(9700000000 + i);
    let arrears = String(i * 10);
    let meter = metered ? `MT${i}` : '';
    if (i === 9) mobile = '98765';
    if (i === 25) arrears = '10001';
    const service = i === 39 || metered ? 'Metered' : 'Non_Metered';
    if (i === 39) meter = '0000';
    lines.push(
      [`Bulk Person ${String.fromCharCode(65 + (i % 26))}`, i % 2 ? 'F' : 'M', 'Load Father', mobile, `BULK/${i + 1}`, 'WARD1', 'RESIDENTIAL', service,
        meter, service === 'Metered' ? dd : '', service === 'Metered' ? '100' : '', service === 'Metered' ? '' : `${m}/${y}`, 'arrears', arrears, '', ''].join(','),
    );
  }
  await page.goto('/#/consumers/import');
  await expect(page.getByRole('heading', { name: 'Bulk consumer load' })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name: 'consumers.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.getByRole('button', { name: 'Check only' }).click();
  await expect(page.getByText('50 rows: 0 created, 3 with errors, 0 already present')).toBeVisible();
  await page.getByRole('combobox', { name: 'Rows per page' }).click();
  await page.getByRole('option', { name: '50' }).click();
  await expect(page.getByText('Error', { exact: true })).toHaveCount(3);
  await expect(page.getByText('Mobile number must be 10 digits.')).toBeVisible();
  await expect(page.getByText('Arrears cannot be more than ₹10,000.')).toBeVisible();
  await expect(page.getByText('Meter number must be letters and digits, and not all zeros.')).toBeVisible();
  await screenshot(page, 'consumers-08-import-errors-en');
  await page.getByRole('radio', { name: 'Load the correct rows, skip the rows with errors' }).check();
  await page.getByRole('button', { name: 'Load consumers' }).click();
  await expect(page.getByText('50 rows: 47 created, 3 with errors, 0 already present')).toBeVisible();
  await setLanguage(page, 'hi');
  await expect(page.getByRole('heading', { name: 'उपभोक्ताओं का एक साथ लोड' })).toBeVisible();
  await screenshot(page, 'consumers-08-import-hi');
  await setLanguage(page, 'en');
});

test('GP admin: consumer master lists screen', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SARPANCH');
  await page.goto('/#/consumers/new');
  await page.getByRole('button', { name: 'Consumer master lists' }).click();
  await expect(page.getByRole('heading', { name: 'Wards' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name' }).nth(2)).toHaveValue('Ward 3');
  await screenshot(page, 'consumers-09-masters-en');
});
