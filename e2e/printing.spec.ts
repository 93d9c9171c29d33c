import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, screenshot, signInAsDemo, test } from './fixtures';

/**
 * Bluetooth receipt printing (SPEC §2.6, §2.10, §5.5) with the fake printer
 * (MGRAMSEVA_FAKE_PRINTER=1, set here for this file's server): collect a payment, Print
 * (Bluetooth) on the success page, no printer yet → the dialog lists the printers found, choose
 * the fake one with 58 mm paper → the receipt is sent; B prints again without asking; the
 * Receipt printer page (user menu) changes the paper width; the receipts block prints too.
 * Screenshots: e2e/artifacts/screens/printing-*.
 */
process.env['MGRAMSEVA_FAKE_PRINTER'] ??= '1';
test.describe.configure({ mode: 'serial' });

/** A demo household that still owes more than ₹20 (read from the app's own file). */
function householdWithDue(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'mgramseva.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(`SELECT c.id AS id FROM connections c WHERE c.connection_type = 'Non_Metered' AND
                  (SELECT COALESCE(SUM(l.amount_paise), 0) FROM demands d JOIN demand_lines l ON l.demand_id = d.id
                    WHERE d.connection_id = c.id AND d.id NOT IN (SELECT demand_id FROM demand_reversals))
                - (SELECT COALESCE(SUM(a.amount_paise), 0) FROM payments p JOIN payment_allocations a ON a.payment_id = p.id
                    WHERE p.connection_id = c.id AND p.id NOT IN (SELECT payment_id FROM payment_cancellations)) > 2000
                ORDER BY c.connection_no LIMIT 1`)
      .get() as { id: string } | undefined;
    if (!row) throw new Error('no demo household with a balance');
    return row.id;
  } finally {
    db.close();
  }
}

interface Status {
  printer: { id: string; name: string; known: boolean; paperMm: number } | null;
  bluetooth: string;
  lastPrint: { receiptNo: string; bytes: number } | null;
}

test('collect, print on the Bluetooth printer choosing it from the dialog, change the paper width', async ({ page, app }) => {
  await signInAsDemo(page, app, 'SECRETARY');
  const connectionId = householdWithDue(app.dataDir);
  const status = async () => {
    const body = (await (await page.request.post('/api/printing.status', { data: {} })).json()) as { ok: boolean; result: Status };
    expect(body.ok).toBe(true);
    return body.result;
  };
  expect((await status()).printer).toBeNull();

  await page.goto(`/#/collections/${connectionId}/collect`);
  await expect(page.getByText('Total due amount')).toBeVisible();
  await page.locator('#collect-amount').fill('10');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Collect this amount?')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Payment complete')).toBeVisible();
  const receiptNo = (await page.getByTestId('success-id').innerText()).trim();

  // No printer chosen yet: the dialog searches and lists the fake printer.
  await page.getByRole('button', { name: 'Print (Bluetooth) (B)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Choose a receipt printer' });
  await expect(dialog).toBeVisible();
  const printer = dialog.getByRole('radio', { name: /Fake POS-5805/ });
  await expect(printer).toBeVisible();
  await expect(dialog.getByText('Receipt printer', { exact: true })).toBeVisible();
  await expect(printer).toBeChecked(); // a known receipt printer is preselected
  await expect(dialog.getByRole('radio', { name: '58 mm' })).toBeChecked();
  await screenshot(page, 'printing-choose-en');
  await dialog.getByRole('button', { name: 'Choose and print' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Receipt ${receiptNo} sent to the printer.`)).toBeVisible();
  await screenshot(page, 'printing-sent-en');

  const s1 = await status();
  expect(s1.printer).toEqual({ id: 'fake-1', name: 'Fake POS-5805', known: true, paperMm: 58 });
  expect(s1.bluetooth).toBe('available');
  expect(s1.lastPrint?.receiptNo).toBe(receiptNo);
  const bytes58 = s1.lastPrint!.bytes;
  expect(bytes58).toBeGreaterThan(500);

  // Chosen now: the B key prints straight away, no dialog.
  const sent = page.getByText(`Receipt ${receiptNo} sent to the printer.`);
  await page.locator('.mantine-Notification-root').getByRole('button').click();
  await expect(sent).toHaveCount(0);
  await page.getByTestId('success-id').click();
  await page.keyboard.press('b');
  await expect(sent).toBeVisible();
  await expect(dialog).toBeHidden();

  // The Receipt printer page, from the user menu: change to 80 mm paper.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Receipt printer' }).click();
  await expect(page.getByRole('heading', { name: 'Receipt printer' })).toBeVisible();
  await expect(page.getByTestId('printer-name')).toHaveText('Fake POS-5805 · 58 mm');
  await expect(page.getByText('Available', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Change printer' }).click();
  await expect(dialog.getByRole('radio', { name: /Fake POS-5805/ })).toBeChecked();
  await dialog.getByRole('radio', { name: '80 mm' }).check();
  await dialog.getByRole('button', { name: 'Save printer' }).click();
  await expect(page.getByText('Printer saved: Fake POS-5805, 80 mm paper.')).toBeVisible();
  await expect(page.getByTestId('printer-name')).toHaveText('Fake POS-5805 · 80 mm');
  await expect(dialog).toBeHidden();
  await screenshot(page, 'printing-settings-en');

  // The household's receipts block prints the same receipt, now on 80 mm (wider: more bytes).
  await page.goto(`/#/consumers/${connectionId}`);
  const row = page.getByRole('row', { name: new RegExp(receiptNo.replace(/[/]/g, '\\/')) });
  await row.getByRole('button', { name: 'Print (Bluetooth)' }).click();
  await expect(page.getByText(`Receipt ${receiptNo} sent to the printer.`).first()).toBeVisible();
  const s2 = await status();
  expect(s2.lastPrint?.receiptNo).toBe(receiptNo);
  expect(s2.lastPrint!.bytes).toBeGreaterThan(bytes58);

  // The dialog in Hindi.
  await page.evaluate(() => localStorage.setItem('mgs.language', 'hi'));
  await page.goto('/#/printer');
  await page.reload();
  await page.getByRole('button', { name: 'प्रिंटर बदलें' }).click();
  await expect(page.getByRole('dialog', { name: 'रसीद प्रिंटर चुनें' }).getByRole('radio', { name: /Fake POS-5805/ })).toBeVisible();
  await screenshot(page, 'printing-choose-hi');
});
