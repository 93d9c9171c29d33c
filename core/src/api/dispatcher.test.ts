import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { addDemand, addHousehold } from '../collections/test-helpers.js';
import { openDatabase } from '../db/database.js';
import type { PdfPrinter } from '../platform/pdf.js';

/**
 * The dispatcher's promises about the database (DESIGN.md "One API surface"): reads run on a
 * snapshot beside a write, rendering happens after the database is released, and a caller who may
 * not call an operation learns nothing of its input rules.
 */
let t: TestCore;
afterEach(async () => {
  await t?.close();
});

/** A PDF printer that holds every document until `release()`: a slow render, on demand. */
function heldPrinter() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const printing = new Promise<void>((r) => (started = r));
  const pdf: PdfPrinter = {
    async print() {
      started();
      await gate;
      return Buffer.from('%PDF-1.4 held');
    },
    async close() {},
  };
  return { pdf, printing, release };
}

describe('dispatcher', () => {
  it('renders a PDF after the data is read: a payment is collected while the bill is still printing', async () => {
    const held = heldPrinter();
    t = await openTestCore(undefined, { pdf: held.pdf });
    const admin = await t.setupAdmin();
    const connectionId = await addHousehold(t.core.db, admin.tenantId);
    await addDemand(t.core.db, admin.tenantId, connectionId, { from: '2026-10-01', to: '2026-10-31', lines: [{ head: '10101', paise: 25000 }] });

    let printed = false;
    const bill = t.core.call('billing.billPdf', { connectionId }, { token: admin.token }).finally(() => (printed = true));
    await held.printing;
    const paid = await t.ok('collections.collect', { connectionId, amountRupees: 100, mode: 'CASH', idempotencyKey: randomUUID() }, admin.token);
    expect(paid.receiptNo).toBeTruthy();
    expect(printed).toBe(false);

    held.release();
    const r = await bill;
    expect(r.ok && Buffer.from((r.result as { base64: string }).base64, 'base64').toString()).toBe('%PDF-1.4 held');
  });

  it('a read operation answers while a write transaction is open', async () => {
    t = await openTestCore();
    const admin = await t.setupAdmin();
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    let committed = false;
    const write = t.core.db.transaction().execute(async (trx) => {
      await trx.updateTable('tenants').set({ name: 'Lodhipur Kalan' }).where('id', '=', admin.tenantId).execute();
      await held;
    }).then(() => (committed = true));

    const read = await t.ok('consumers.search', { name: 'Singh' }, admin.token);
    expect(read.results).toEqual([]);
    expect(committed).toBe(false);
    finish();
    await write;
  });

  it('checks who is calling before the input: a stranger or a clerk learns nothing of the fields', async () => {
    t = await openTestCore();
    const admin = await t.setupAdmin();
    const anonymous = await t.err('consumers.create', { nonsense: true });
    expect(anonymous.code).toBe('UNAUTHENTICATED');
    expect(anonymous.fields).toBeUndefined();
    const clerk = await t.addUser(['COLLECTION_OPERATOR']);
    const forbidden = await t.err('billing.tariffs.update', { effectiveFrom: 'garbage' }, clerk.token);
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.fields).toBeUndefined();
    // The admin, who may call it, gets the field errors.
    expect((await t.err('billing.tariffs.update', { effectiveFrom: 'garbage' }, admin.token)).code).toBe('VALIDATION');
    // Public operations validate as before.
    expect((await t.err('auth.signIn', { mobile: '12' })).code).toBe('VALIDATION');
  });

  it('the read connection refuses writes, so a read operation cannot write by mistake', async () => {
    t = await openTestCore();
    const opened = await openDatabase(path.join(t.dataDir, 'mgramseva.sqlite'));
    try {
      await expect(opened.reader.updateTable('tenants').set({ name: 'x' }).execute()).rejects.toThrow(/readonly|read-only/i);
      expect(await opened.reader.selectFrom('devices').select('id').execute()).toHaveLength(1);
    } finally {
      await opened.close();
    }
  });
});
