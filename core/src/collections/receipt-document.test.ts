import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutable } from '../documents/pdf.js';
import { decodeEscPos } from '../printing/escpos.js';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { receiptHtml } from './receipt-document.js';
import { addDemand, addHousehold } from './test-helpers.js';

let t: TestCore;
let token: string;
let paymentId: string;
const outDir = process.env['RECEIPT_PNG_DIR'];

beforeAll(async () => {
  t = await openTestCore();
  const a = await t.setupAdmin();
  token = a.token;
  const c = await addHousehold(t.core.db, a.tenantId, { name: 'Gurdev Singh', mobile: '9876543210' });
  await addDemand(t.core.db, a.tenantId, c, { type: 'waterConnection-arrears', from: '2023-04-01', to: '2023-11-30', lines: [{ head: '10102', paise: 30000 }] });
  await addDemand(t.core.db, a.tenantId, c, { from: '2023-12-01', to: '2023-12-31', lines: [{ head: '10101', paise: 5000 }] });
  const r = await t.ok('collections.collect', { connectionId: c, amountRupees: 400, idempotencyKey: randomUUID(), payerName: 'Gurdev Singh' }, token);
  paymentId = r.paymentId;
});
afterAll(async () => {
  await t.close();
});

describe('receipt document', () => {
  it('the HTML carries every SPEC §5.2 item, words in the chosen language, masked mobile', async () => {
    const m = await t.ok('collections.receipt', { paymentId }, token);
    const en = receiptHtml(m, 'en');
    for (const s of ['Water receipt', 'Lodhipur', m.receiptNo, 'Gurdev Singh', '+91-XXXXXX3210', 'Rupees Four Hundred Only', '₹400.00', '₹350.00', 'Advance', '₹50.00', '- - *** - -', '01/04/2023 – 30/11/2023']) {
      expect(en).toContain(s);
    }
    expect(en).not.toContain('9876543210');
    expect(receiptHtml(m, 'hi')).toContain('चार सौ रुपये मात्र');
    expect(receiptHtml(m, 'pa')).toContain('ਚਾਰ ਸੌ ਰੁਪਏ ਸਿਰਫ਼');
    expect(en).not.toContain('CANCELLED');
  });

  it('ESC/POS through the API: 58 and 80 mm', async () => {
    const r58 = await t.ok('printing.receiptEscpos', { paymentId, width: 58 }, token);
    const r80 = await t.ok('printing.receiptEscpos', { paymentId, width: 80 }, token);
    expect(r58.columns).toBe(32);
    expect(r80.columns).toBe(48);
    const text = decodeEscPos(Buffer.from(r58.base64, 'base64'));
    expect(text).toContain('Rs. 400.00');
    expect(decodeEscPos(Buffer.from(r80.base64, 'base64'))).toContain('[CUT]');
  });

  it.skipIf(!chromiumExecutable())('PDF in en, hi, pa; a cancelled receipt says CANCELLED', async () => {
    const dir = outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-receipt-'));
    fs.mkdirSync(dir, { recursive: true });
    const words: Record<string, string> = { en: 'Four Hundred', hi: 'चार सौ', pa: 'ਚਾਰ ਸੌ' };
    for (const lang of ['en', 'hi', 'pa'] as const) {
      const r = await t.ok('collections.receiptPdf', { paymentId, lang }, token);
      expect(r.fileName).toMatch(/^WS_2026-27_[0-9A-F]{4}-0001\.pdf$/);
      const file = path.join(dir, `receipt-${lang}.pdf`);
      fs.writeFileSync(file, Buffer.from(r.base64, 'base64'));
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toContain(words[lang]);
      expect(text).toContain('WS/2026-27/');
      if (lang === 'en') expect(text).toContain('Previous billing cycle summary (10/2026)');
      if (outDir) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(dir, `receipt-${lang}`)]);
    }
    await t.ok('collections.cancelReceipt', { paymentId, reason: 'Wrong household' }, token);
    const r = await t.ok('collections.receiptPdf', { paymentId, lang: 'pa' }, token);
    const file = path.join(dir, 'receipt-pa-cancelled.pdf');
    fs.writeFileSync(file, Buffer.from(r.base64, 'base64'));
    const paText = execFileSync('pdftotext', [file, '-']).toString();
    expect(paText).toContain('ਰੱਦ');
    expect(paText).toContain('CANCELLED');
    if (outDir) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(dir, 'receipt-pa-cancelled')]);
    const roll = await t.ok('collections.receiptPdf', { paymentId, lang: 'hi', paper: 'receipt80' }, token);
    const rollFile = path.join(dir, 'receipt-hi-80mm.pdf');
    fs.writeFileSync(rollFile, Buffer.from(roll.base64, 'base64'));
    expect(execFileSync('pdfinfo', [rollFile]).toString()).toMatch(/Page size:\s+22[67](\.\d+)? x/);
    if (outDir) execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', rollFile, path.join(dir, 'receipt-hi-80mm')]);
    const en = await t.ok('collections.receiptPdf', { paymentId, lang: 'en' }, token);
    const enFile = path.join(dir, 'receipt-en-cancelled.pdf');
    fs.writeFileSync(enFile, Buffer.from(en.base64, 'base64'));
    expect(execFileSync('pdftotext', [enFile, '-']).toString()).toContain('CANCELLED');
  });
});
