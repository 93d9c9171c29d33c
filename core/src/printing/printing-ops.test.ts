import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { addDemand, addHousehold } from '../collections/test-helpers.js';
import { loadReceipt } from '../collections/index.js';
import type { PrintTask } from './contract.js';
import { decodeEscPos } from './escpos.js';
import { NobleTransport } from './noble-transport.js';
import { layoutReceipt, PAPER_58, PAPER_80 } from './receipt-layout.js';
import type { TransportFactory } from './service.js';
import { FakeTransport, PrinterUnavailableError } from './transport.js';

/**
 * The printing operations through the dispatcher, on a real core, with the FakeTransport (or a
 * noble that fails to load as it does on a machine without Bluetooth) injected.
 */
let t: TestCore;
let admin: { token: string; tenantId: string; userId: string };
let fake: FakeTransport;
let makeTransport: TransportFactory;

/** From now on print through this transport, as a freshly started app would (nothing found, state unknown). */
async function useTransport(factory: TransportFactory): Promise<void> {
  await t.core.printer.close();
  makeTransport = factory;
}

beforeEach(async () => {
  fake = new FakeTransport({ ackDelayMs: 1 });
  makeTransport = () => fake;
  t = await openTestCore(undefined, { printers: () => makeTransport() });
  admin = await t.setupAdmin();
});
afterEach(async () => {
  await t.close();
});

async function payment(rupees = 400): Promise<string> {
  const connectionId = await addHousehold(t.core.db, admin.tenantId);
  await addDemand(t.core.db, admin.tenantId, connectionId, { type: 'waterConnection-arrears', from: '2023-04-01', to: '2023-11-30', lines: [{ head: '10102', paise: 30000 }] });
  await addDemand(t.core.db, admin.tenantId, connectionId, { from: '2023-12-01', to: '2023-12-31', lines: [{ head: '10101', paise: 5000 }] });
  const r = await t.ok('collections.collect', { connectionId, amountRupees: rupees, mode: 'CASH', idempotencyKey: randomUUID() } as never, admin.token);
  return r.paymentId;
}

/** Poll printing.task until the task is no longer running; returns the result or the error body. */
async function settle(taskId: string, token = admin.token): Promise<{ ok: true; result: PrintTask } | { ok: false; key: string; message: string }> {
  for (let i = 0; i < 500; i++) {
    const r = await t.core.call('printing.task', { taskId }, { token, lang: 'en' });
    if (!r.ok) return { ok: false, key: r.error.key, message: r.error.message };
    if ((r.result as PrintTask).state !== 'running') return { ok: true, result: r.result as PrintTask };
    await new Promise((res) => setTimeout(res, 5));
  }
  throw new Error('task never finished');
}

async function choose(paperMm: 58 | 80 = 58) {
  const { taskId } = await t.ok('printing.scan', {}, admin.token);
  const found = await settle(taskId);
  if (!found.ok || found.result.state !== 'done' || found.result.kind !== 'scan') throw new Error(`scan failed: ${JSON.stringify(found)}`);
  return t.ok('printing.choose', { printerId: found.result.printers[0]!.id, paperMm }, admin.token);
}

const receiptBytes = async (paymentId: string, profile = PAPER_58) =>
  layoutReceipt(await loadReceipt(t.core.db, admin.tenantId, paymentId), profile);

describe('printing a receipt on the Bluetooth printer', () => {
  it('with no printer chosen says so, in the clerk\'s language, and sends nothing', async () => {
    const paymentId = await payment();
    const msgs: string[] = [];
    for (const lang of ['en', 'hi', 'pa'] as const) {
      const e = await t.err('printing.printReceipt', { paymentId }, admin.token, lang);
      expect(e.key).toBe('printing.errors.noPrinter');
      msgs.push(e.message);
    }
    expect(msgs[0]).toBe('No receipt printer is chosen on this computer. Choose one first.');
    expect(new Set(msgs).size).toBe(3);
    expect(msgs.every((m) => !m.includes('printing.'))).toBe(true);
    expect(fake.chunks).toHaveLength(0);
    expect((await t.ok('printing.status', {}, admin.token)).printer).toBeNull();
  });

  it('scan → choose → print: the printer receives exactly the receipt encoder\'s bytes for that payment', async () => {
    const paymentId = await payment();
    const chosen = await choose(58);
    expect(chosen).toEqual({ id: 'fake-1', name: 'Fake POS-5805', known: true, paperMm: 58 });
    const status = await t.ok('printing.status', {}, admin.token);
    expect(status.printer).toEqual(chosen);
    expect(status.bluetooth).toBe('available');

    const started = await t.ok('printing.printReceipt', { paymentId }, admin.token);
    const done = await settle(started.taskId);
    const expected = await receiptBytes(paymentId);
    expect(done).toEqual({ ok: true, result: { state: 'done', kind: 'print', receiptNo: started.receiptNo, bytes: expected.length } });
    expect(Buffer.from(fake.received()).equals(Buffer.from(expected))).toBe(true);
    expect(fake.chunks.every((c) => c.length <= 20)).toBe(true);
    // The same bytes the collections op hands out for 58 mm.
    const escpos = await t.ok('printing.receiptEscpos', { paymentId, width: 58 }, admin.token);
    expect(Buffer.from(escpos.base64, 'base64').equals(Buffer.from(expected))).toBe(true);
    expect(decodeEscPos(expected)).toContain(started.receiptNo);
    expect((await t.ok('printing.status', {}, admin.token)).lastPrint).toMatchObject({ receiptNo: started.receiptNo, bytes: expected.length });
  });

  it('80 mm paper: the same printer, another width, without a new search; the 80 mm layout is sent', async () => {
    const paymentId = await payment();
    await choose(58);
    expect(await t.ok('printing.choose', { printerId: 'fake-1', paperMm: 80 }, admin.token)).toMatchObject({ paperMm: 80 });
    await useTransport(() => fake); // a new process: the search result is gone, the choice is in the database
    expect(await t.ok('printing.choose', { printerId: 'fake-1', paperMm: 80 }, admin.token)).toMatchObject({ paperMm: 80 });
    const started = await t.ok('printing.printReceipt', { paymentId }, admin.token);
    expect((await settle(started.taskId)).ok).toBe(true);
    const expected = await receiptBytes(paymentId, PAPER_80);
    expect(Buffer.from(fake.received()).equals(Buffer.from(expected))).toBe(true);
    expect(decodeEscPos(fake.received()).endsWith('[CUT]')).toBe(true);
  });

  it('two receipts at once go out one after the other, never interleaved', async () => {
    const a = await payment(100);
    const b = await payment(200);
    await choose(58);
    const [ta, tb] = await Promise.all([t.ok('printing.printReceipt', { paymentId: a }, admin.token), t.ok('printing.printReceipt', { paymentId: b }, admin.token)]);
    expect((await settle(ta.taskId)).ok).toBe(true);
    expect((await settle(tb.taskId)).ok).toBe(true);
    const both = Buffer.concat([Buffer.from(await receiptBytes(a)), Buffer.from(await receiptBytes(b))]);
    expect(Buffer.from(fake.received()).equals(both)).toBe(true);
  });

  it('choosing a printer the last search did not find is refused; so is a paper width other than 58/80', async () => {
    await choose(58);
    const e = await t.err('printing.choose', { printerId: 'printer-nobody-saw', paperMm: 58 }, admin.token);
    expect(e.key).toBe('printing.errors.searchFirst');
    expect(e.fields?.['printerId']?.message).toBe('Search for printers first, then choose one from the list.');
    const v = await t.err('printing.choose', { printerId: 'fake-1', paperMm: 70 }, admin.token);
    expect(v.code).toBe('VALIDATION');
    expect(v.fields?.['paperMm']?.message).toBe('Choose a paper width: 58 or 80 mm.');
    expect((await t.ok('printing.status', {}, admin.token)).printer?.paperMm).toBe(58);
  });

  it('Bluetooth missing (noble fails to load with EAFNOSUPPORT) → "Bluetooth is not available here", for search and print', async () => {
    const paymentId = await payment();
    await choose(58);
    const eaf = Object.assign(new Error('EAFNOSUPPORT, Address family not supported by protocol'), { code: 'EAFNOSUPPORT' });
    await useTransport(() => new NobleTransport(() => Promise.reject(eaf)));
    expect((await t.ok('printing.status', {}, admin.token)).bluetooth).toBe('unknown');

    const scan = await settle((await t.ok('printing.scan', {}, admin.token)).taskId);
    expect(scan).toMatchObject({ ok: false, key: 'printing.errors.bluetoothUnavailable' });
    expect(scan.ok ? '' : scan.message).toMatch(/^Bluetooth is not available here\./);
    const print = await settle((await t.ok('printing.printReceipt', { paymentId }, admin.token)).taskId);
    expect(print).toMatchObject({ ok: false, key: 'printing.errors.bluetoothUnavailable' });
    expect((await t.ok('printing.status', {}, admin.token)).bluetooth).toBe('unavailable');

    // A transport that cannot even be made says the same.
    await useTransport(() => {
      throw new PrinterUnavailableError();
    });
    const again = await settle((await t.ok('printing.printReceipt', { paymentId }, admin.token)).taskId);
    expect(again).toMatchObject({ ok: false, key: 'printing.errors.bluetoothUnavailable' });
  });

  it('printer switched off / out of range → not found; a printer that stops mid-receipt → write failed; then it prints again', async () => {
    const paymentId = await payment();
    await choose(58);
    await useTransport(() => new FakeTransport({ devices: [] }));
    const gone = await settle((await t.ok('printing.printReceipt', { paymentId }, admin.token)).taskId);
    expect(gone).toMatchObject({ ok: false, key: 'printing.errors.notFound', message: 'The printer was not found. Switch it on, keep it near this computer and try again.' });

    const flaky = new FakeTransport({ failAfterChunks: 3 });
    await useTransport(() => flaky);
    const broken = await settle((await t.ok('printing.printReceipt', { paymentId }, admin.token)).taskId);
    expect(broken).toMatchObject({ ok: false, key: 'printing.errors.writeFailed' });
    expect(flaky.chunks).toHaveLength(3);

    await useTransport(() => fake);
    const ok = await settle((await t.ok('printing.printReceipt', { paymentId }, admin.token)).taskId);
    expect(ok.ok).toBe(true);
    expect(Buffer.from(fake.received()).equals(Buffer.from(await receiptBytes(paymentId)))).toBe(true);
  });

  it('only collectors may print; a task is visible to the one who started it; unknown payment is not found', async () => {
    const paymentId = await payment();
    await choose(58);
    const admin2 = await t.addUser(['GP_ADMIN']);
    expect((await t.err('printing.printReceipt', { paymentId }, admin2.token)).code).toBe('FORBIDDEN');
    expect((await t.err('printing.scan', {}, admin2.token)).code).toBe('FORBIDDEN');
    const collector = await t.addUser(['COLLECTION_OPERATOR']);
    const started = await t.ok('printing.printReceipt', { paymentId }, collector.token);
    expect((await settle(started.taskId, collector.token)).ok).toBe(true);
    expect(await settle(started.taskId)).toMatchObject({ ok: false, key: 'printing.errors.taskNotFound' });
    expect((await t.err('printing.printReceipt', { paymentId: randomUUID() }, admin.token)).code).toBe('NOT_FOUND');
    expect((await t.err('printing.printReceipt', { paymentId: 'x' }, admin.token)).code).toBe('VALIDATION');
    expect(t.core.printer.lastPrint?.receiptNo).toBe(started.receiptNo);
  });
});
