import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(async () => {
  await t.close();
});

it('the demo GP gets payments with receipts, feedback and a cancelled receipt; the register adds up', async () => {
  const demo = await t.ok('setup.loadDemo', {});
  const sarpanch = demo.users.find((u) => u.role === 'SARPANCH')!;
  const { token } = await t.ok('auth.signIn', { mobile: sarpanch.mobile, password: sarpanch.password });
  const n = await sql<{ payments: number; cancelled: number; feedback: number }>`
    SELECT (SELECT COUNT(*) FROM payments) AS payments, (SELECT COUNT(*) FROM payment_cancellations) AS cancelled,
           (SELECT COUNT(*) FROM payment_feedback) AS feedback`.execute(t.core.db);
  const row = n.rows[0]!;
  expect(row.payments).toBeGreaterThan(50);
  expect(row.cancelled).toBe(2);
  expect(row.feedback).toBeGreaterThan(5);
  const noise = await sql<{ n: number }>`SELECT (SELECT COUNT(*) FROM sms_outbox WHERE template_key IN ('Gram.Consumer.DownloadReceipt', 'mGram.Consumer.TakeSurvey'))
    + (SELECT COUNT(*) FROM notifications WHERE code = 'collections.notifications.payment') AS n`.execute(t.core.db);
  expect(noise.rows[0]!.n).toBe(0);
  const reg = await t.ok('collections.register', { from: '2026-10-01', to: '2026-11-30' }, token);
  expect(reg.count).toBe(row.payments - 2);
  expect(reg.collectors.length).toBe(2);
});
