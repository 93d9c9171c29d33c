import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReceiptModel } from '../collections/contract.js';
import { decodeEscPos, EscPosEncoder } from './escpos.js';
import { NobleTransport } from './noble-transport.js';
import { layoutReceipt, PAPER_58, PAPER_80, wrap } from './receipt-layout.js';
import { chunk, FakeTransport, PrinterUnavailableError, sendToPrinter } from './transport.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** E6's second case: 400 paid against arrears 300 + December 50, advance 50. */
export const SAMPLE: ReceiptModel = {
  paymentId: '01937a4e-0000-7000-8000-000000000001',
  receiptNo: 'WS/2023-24/7F3A-0001',
  paidOn: '2024-01-05',
  createdAt: '2024-01-05T06:30:00.000Z',
  mode: 'CASH',
  amountPaise: 40000,
  payerName: 'Gurdev Singh',
  payerMobileMasked: null,
  collectedBy: 'Ramesh Kumar',
  gramPanchayat: 'Lodhipur',
  connectionId: '01937a4e-0000-7000-8000-000000000002',
  connectionNo: 'WS/LODHIPUR/2023-24/7F3A-0042',
  oldConnectionNo: 'LDP-117',
  consumerName: 'Gurdev Singh',
  mobileMasked: '+91-XXXXXX3210',
  address: '12, Main Street, Ward 1',
  serviceType: 'Non_Metered',
  billPeriod: { from: '2023-04-01', to: '2023-12-31' },
  dueBeforePaise: 35000,
  pendingPaise: 0,
  advancePaise: 5000,
  advanceUsedPaise: 0,
  advanceCreatedPaise: 5000,
  lines: [
    { periodFrom: '2023-04-01', periodTo: '2023-11-30', consumerType: 'waterConnection-arrears', taxHead: '10102', paise: 30000 },
    { periodFrom: '2023-12-01', periodTo: '2023-12-31', consumerType: 'waterConnection', taxHead: '10101', paise: 5000 },
  ],
  cancelled: null,
  previousCycle: null,
};

/** Compare with the golden file; UPDATE_GOLDEN=1 rewrites it (then look at the .txt diff). */
function golden(name: string, bytes: Uint8Array) {
  const bin = path.join(FIXTURES, `${name}.bin`);
  const txt = path.join(FIXTURES, `${name}.txt`);
  if (process.env['UPDATE_GOLDEN'] === '1' || !fs.existsSync(bin)) {
    fs.writeFileSync(bin, bytes);
    fs.writeFileSync(txt, decodeEscPos(bytes));
  }
  expect(decodeEscPos(bytes)).toBe(fs.readFileSync(txt, 'utf8'));
  expect(Buffer.from(bytes).equals(fs.readFileSync(bin))).toBe(true);
}

describe('ESC/POS encoder', () => {
  it('emits exactly the documented bytes', () => {
    const b = new EscPosEncoder().init().align('center').bold(true).size(2, 2).text('Rs.').newline().size(1, 1).bold(false).align('right').feed(3).cut().bytes();
    expect([...b]).toEqual([0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, 0x1d, 0x21, 0x11, 0x52, 0x73, 0x2e, 0x0a, 0x1d, 0x21, 0x00, 0x1b, 0x45, 0x00, 0x1b, 0x61, 0x02, 0x1b, 0x64, 0x03, 0x1d, 0x56, 0x01]);
  });
  it('never sends a byte outside printable ASCII as text', () => {
    const b = new EscPosEncoder().text('₹ ਪਾਣੀ é').bytes();
    expect(decodeEscPos(b)).toBe('? ???? ?');
  });
  it('wraps words to the paper width', () => {
    expect(wrap('Gram Panchayat Water Supply and Sanitation', 32)).toEqual(['Gram Panchayat Water Supply and', 'Sanitation']);
    expect(wrap('x'.repeat(40), 32)).toEqual(['x'.repeat(32), 'x'.repeat(8)]);
  });
});

describe('thermal receipt layout', () => {
  it('58 mm (32 columns, no cutter) matches the golden bytes', () => {
    const b = layoutReceipt(SAMPLE, PAPER_58);
    golden('receipt-58', b);
    const text = decodeEscPos(b);
    for (const line of text.replace(/\[[A-Z]+[^\]]*\]/g, '').split('\n')) expect(line.length).toBeLessThanOrEqual(32);
    expect(text).not.toContain('[CUT]');
    expect(text).toContain('Rs. 400.00');
    expect(text).toContain('Rupees Four Hundred Only');
  });
  it('80 mm (48 columns, cutter) matches the golden bytes', () => {
    const b = layoutReceipt(SAMPLE, PAPER_80);
    golden('receipt-80', b);
    const text = decodeEscPos(b);
    for (const line of text.replace(/\[[A-Z]+[^\]]*\]/g, '').split('\n')) expect(line.length).toBeLessThanOrEqual(48);
    expect(text.endsWith('[FEED 3][CUT]')).toBe(true);
  });
  it('a cancelled receipt prints CANCELLED big, and the reason', () => {
    const b = layoutReceipt({ ...SAMPLE, cancelled: { at: '2024-01-06T05:00:00.000Z', reason: 'Wrong household', by: 'Gurpreet Kaur' } }, PAPER_58);
    golden('receipt-58-cancelled', b);
    expect(decodeEscPos(b)).toContain('[BOLD on][SIZE 2x2]CANCELLED\n');
    expect(decodeEscPos(b).replace(/\s+/g, ' ')).toContain('Wrong household');
  });
  it('a name in Gurmukhi is left out rather than printed as question marks', () => {
    const text = decodeEscPos(layoutReceipt({ ...SAMPLE, consumerName: 'ਗੁਰਦੇਵ ਸਿੰਘ', payerName: 'ਗੁਰਦੇਵ ਸਿੰਘ' }, PAPER_58));
    expect(text).not.toContain('?');
    expect(text).not.toContain('Consumer name');
  });
});

describe('printer transport', () => {
  it('chunks at the MTU (default 20) and sends in order', async () => {
    const fake = new FakeTransport();
    const [device] = await fake.scan();
    const link = await fake.connect(device!.id);
    const bytes = layoutReceipt(SAMPLE, PAPER_58);
    await sendToPrinter(link, bytes);
    expect(fake.chunks.every((c) => c.length <= 20)).toBe(true);
    expect(fake.chunks).toHaveLength(Math.ceil(bytes.length / 20));
    expect(Buffer.from(fake.received()).equals(Buffer.from(bytes))).toBe(true);
    expect(chunk(new Uint8Array(45), 100)).toHaveLength(1);
  });

  it('queues jobs serially on one link, even with slow acknowledgements', async () => {
    const fake = new FakeTransport({ ackDelayMs: 2 });
    const link = await fake.connect('fake-1');
    const a = new Uint8Array(60).fill(0x41);
    const b = new Uint8Array(60).fill(0x42);
    await Promise.all([sendToPrinter(link, a, { mtu: 20 }), sendToPrinter(link, b, { mtu: 20 })]);
    expect(fake.log.join('')).toBe('656565666666');
  });

  it('a disconnect fails that job, not the next one', async () => {
    const fake = new FakeTransport({ failAfterChunks: 2, withResponse: false });
    const link = await fake.connect('fake-1');
    await expect(sendToPrinter(link, new Uint8Array(100), { pauseMs: 0 })).rejects.toThrow('disconnected');
    expect(fake.chunks).toHaveLength(2);
  });

  it('noble that cannot load (EAFNOSUPPORT, missing module) becomes "Bluetooth is not available here"', async () => {
    const eaf = Object.assign(new Error('socket: Address family not supported by protocol'), { code: 'EAFNOSUPPORT' });
    const t1 = new NobleTransport(() => Promise.reject(eaf));
    await expect(t1.scan(10)).rejects.toBeInstanceOf(PrinterUnavailableError);
    await expect(t1.scan(10)).rejects.toThrow('Bluetooth is not available here');
    const t2 = new NobleTransport(() => Promise.reject(Object.assign(new Error("Cannot find module '@abandonware/noble'"), { code: 'ERR_MODULE_NOT_FOUND' })));
    await expect(t2.connect('x')).rejects.toThrow('Bluetooth is not available here');
  });

  it('an adapter that reports unsupported, or never powers on, is "not available" too', async () => {
    const handlers: Record<string, (s: string) => void> = {};
    const noble = {
      state: 'unknown',
      on: (e: string, fn: (s: string) => void) => { handlers[e] = fn; },
      startScanningAsync: async () => {},
      stopScanningAsync: async () => {},
    };
    const t1 = new NobleTransport(async () => ({ default: noble }), 1000);
    const p = t1.scan(10);
    setTimeout(() => handlers['stateChange']?.('unsupported'), 5);
    await expect(p).rejects.toThrow('Bluetooth is not available here');
    const t2 = new NobleTransport(async () => noble, 20);
    await expect(t2.scan(10)).rejects.toThrow('Bluetooth is not available here');
  });

  it('finds printers through a stub noble that powers on', async () => {
    const handlers: Record<string, (...a: unknown[]) => void> = {};
    const noble = {
      state: 'poweredOn',
      on: (e: string, fn: (...a: unknown[]) => void) => { handlers[e] = fn; },
      removeListener: () => {},
      startScanningAsync: async () => {
        handlers['discover']?.({ id: 'p1', advertisement: { localName: 'Printer001', serviceUuids: ['18F0'] } });
        handlers['discover']?.({ id: 'p2', advertisement: { localName: 'Headphones', serviceUuids: ['110b'] } });
      },
      stopScanningAsync: async () => {},
    };
    const t = new NobleTransport(async () => noble);
    const found = await t.scan(1);
    expect(found).toEqual([
      { id: 'p1', name: 'Printer001', serviceUuid: '18f0' },
      { id: 'p2', name: 'Headphones', serviceUuid: null },
    ]);
  });
});
