import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';
import { chromiumExecutable } from '../documents/pdf.js';
import { billDocument, billsHtml } from './bill-document.js';
import type { CurrentBill } from './contract.js';

/**
 * The bill document (SPEC §5.3): one model for metered and non-metered, amount in words in the
 * chosen language, masked mobile; PDF through Chromium. Set BILL_PDF_OUT=<folder> to keep the
 * PDFs for a look (pdftoppm -png -r 60).
 */
const bill: CurrentBill = {
  connectionId: 'c', connectionNo: 'WS/LODHIPUR/2026-27/7F3A-0001', hasBill: true, demandId: 'd', billNo: 'BILLNO-WS-7F3A-00012',
  periodFrom: '2026-10-01', periodTo: '2026-10-31', billDate: '2026-11-02', dueDate: '2026-11-17',
  currentChargePaise: 25000, currentOutstandingPaise: 25000, currentLines: [{ taxHead: '10101', amountPaise: 25000, outstandingPaise: 25000 }],
  arrears: [{ demandId: 'a', consumerType: 'waterConnection', periodFrom: '2026-09-01', periodTo: '2026-09-30', outstandingPaise: 12050 }],
  arrearsPaise: 12050, penaltyPaise: 0, advanceAvailablePaise: 0, advanceAdjustedPaise: 0, advanceRemainingPaise: 0,
  balancePaise: 37050, netDuePaise: 37050, penaltyIfLatePaise: 2500, penaltyApplicableAfter: '2026-11-12', netDueWithPenaltyPaise: 39550, meter: null,
};
const party = { gpName: 'Lodhipur', connectionNo: bill.connectionNo, consumerName: 'गुरदेव सिंह', mobile: '9876543210', address: '12, Main Street, Ward 1, Lodhipur', metered: false, meterNumber: null };

describe('bill document model', () => {
  it('masks the mobile, spells the total in the language, lists arrears newest first and the penalty hint', () => {
    const d = billDocument('hi', party, bill);
    expect(d.maskedMobile).toBe('+91-XXXXXX3210');
    expect(d.totalInWords).toBe('तीन सौ सत्तर रुपये और पचास पैसे मात्र');
    expect(d.breakup.map((b) => b.amountPaise)).toEqual([25000, 12050]);
    expect(d.penaltyNote).toContain('12/11/2026');
    const html = billsHtml([d], 'hi');
    expect(html).toContain('पानी का बिल');
    expect(html).not.toContain('9876543210');
  });
});

describe.skipIf(!chromiumExecutable())('bill PDFs', () => {
  let t: TestCore;
  let token: string;
  const out = process.env['BILL_PDF_OUT'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-bill-'));
  beforeAll(async () => {
    t = await openTestCore('2026-10-10T06:30:00.000Z');
    ({ token } = await t.setupAdmin());
  });
  afterAll(() => t.close());

  it('metered and non-metered bills in Hindi and Punjabi, and a cycle PDF with a page per bill', async () => {
    fs.mkdirSync(out, { recursive: true });
    const nm = (await t.ok('consumers.create', { name: 'Gurdev Singh', gender: 'MALE', fatherName: 'Bachan Singh', mobile: '9812345678', oldConnectionId: 'NM1', doorNo: '12', street: 'Gurdwara Road', propertyType: 'RESIDENTIAL', serviceType: 'Non_Metered', paymentType: 'arrears', arrears: 300, penalty: 20, lastBilledCycle: '2026-09' }, token)).connectionId;
    await t.ok('consumers.create', { name: 'Simran Kaur', gender: 'FEMALE', fatherName: 'Harbans Singh', mobile: '9812345679', oldConnectionId: 'NM2', propertyType: 'COMMERCIAL', serviceType: 'Non_Metered', paymentType: 'advance', advance: 100, lastBilledCycle: '2026-09' }, token);
    const m = (await t.ok('consumers.create', { name: 'Harpreet Kaur', gender: 'FEMALE', fatherName: 'Jaswant Singh', mobile: '9812345680', oldConnectionId: 'M1', propertyType: 'RESIDENTIAL', serviceType: 'Metered', meterNumber: 'MTR2231', previousReadingDate: '2026-08-01', previousReading: 100, paymentType: 'arrears' }, token)).connectionId;
    t.clock.set('2026-11-02T06:30:00.000Z');
    token = (await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).token;
    await t.ok('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, token);
    await t.ok('billing.generateMeteredBill', { connectionId: m, reading: 115, readingDate: '2026-11-01', meterStatus: 'Working' }, token);

    for (const lang of ['hi', 'pa'] as const) {
      for (const [name, id] of [['non-metered', nm], ['metered', m]] as const) {
        const r = await t.ok('billing.billPdf', { connectionId: id, lang }, token);
        expect(r.fileName).toMatch(/^BILLNO-WS-.*\.pdf$/);
        const file = path.join(out, `${name}-${lang}.pdf`);
        fs.writeFileSync(file, Buffer.from(r.base64, 'base64'));
        const fonts = execFileSync('pdffonts', [file]).toString();
        expect(fonts).toMatch(lang === 'hi' ? /NotoSansDevanagari/ : /NotoSansGurmukhi/);
        const text = execFileSync('pdftotext', [file, '-']).toString();
        expect(text).toContain('XXXXXX');
        expect(text).not.toMatch(/981234567\d/);
      }
    }
    const cycle = await t.ok('billing.cyclePdf', { month: '2026-10', lang: 'pa' }, token);
    expect(cycle.bills).toBe(2);
    const file = path.join(out, 'cycle-2026-10-pa.pdf');
    fs.writeFileSync(file, Buffer.from(cycle.base64, 'base64'));
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+2/);
  }, 60_000);
});
