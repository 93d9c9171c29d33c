import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { nextMeteredBillFrom } from './billing-period.js';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(() => t.close());

it('the demo GP gets last month\'s non-metered demand and quarterly metered bills; every bill composes', async () => {
  const demo = await t.ok('setup.loadDemo', {});
  const sarpanch = demo.users.find((u) => u.role === 'SARPANCH')!;
  const { token } = await t.ok('auth.signIn', { mobile: sarpanch.mobile, password: sarpanch.password });
  const n = await sql<{ nm: number; m: number; readings: number; bills: number }>`
    SELECT (SELECT COUNT(*) FROM demands d JOIN connections c ON c.id = d.connection_id WHERE d.consumer_type = 'waterConnection' AND c.connection_type = 'Non_Metered') AS nm,
           (SELECT COUNT(*) FROM demands d JOIN connections c ON c.id = d.connection_id WHERE d.consumer_type = 'waterConnection' AND c.connection_type = 'Metered') AS m,
           (SELECT COUNT(*) FROM meter_readings) AS readings, (SELECT COUNT(*) FROM bills) AS bills`.execute(t.core.db);
  const row = n.rows[0]!;
  expect(row.nm).toBeGreaterThan(30);
  expect(row.m).toBeGreaterThan(30);
  expect(row.readings).toBe(row.m);
  expect(row.bills).toBe(row.nm + row.m);
  // Consecutive metered bills respect the shipped quarterly period (billing-period.ts).
  const readings = await sql<{ connection_id: string; reading_date: string; previous_reading_date: string; first: number }>`
    SELECT m.connection_id, m.reading_date, m.previous_reading_date,
           (m.previous_reading_date = c.previous_reading_date) AS first
    FROM meter_readings m JOIN connections c ON c.id = m.connection_id`.execute(t.core.db);
  const later = readings.rows.filter((r) => !r.first);
  expect(later.length).toBeGreaterThan(10);
  for (const r of later) expect(r.reading_date >= nextMeteredBillFrom(r.previous_reading_date, 'quarterly'), `${r.previous_reading_date} → ${r.reading_date}`).toBe(true);
  // The first metered household (the one e2e/billing.spec.ts bills) is due a bill today.
  const first = await t.core.db.selectFrom('connections').select('id').where('connection_type', '=', 'Metered').orderBy('connection_no').executeTakeFirstOrThrow();
  const info = await t.ok('billing.meteredInfo', { connectionId: first.id }, token);
  expect(info.billingPeriod).toBe('quarterly');
  if (info.nextBillFrom !== null) expect(info.nextBillFrom <= info.today).toBe(true);
  const some = await t.core.db.selectFrom('demands').select('connection_id').where('consumer_type', '=', 'waterConnection').limit(5).execute();
  for (const d of some) {
    const bill = await t.ok('billing.currentBill', { connectionId: d.connection_id }, token);
    expect(bill.hasBill).toBe(true);
    expect(bill.currentOutstandingPaise + bill.arrearsPaise + bill.penaltyPaise - bill.advanceAvailablePaise).toBe(bill.balancePaise);
  }
}, 60_000);
