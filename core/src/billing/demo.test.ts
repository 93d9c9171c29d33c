import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(() => t.close());

it('the demo GP gets last month\'s non-metered demand and monthly metered bills; every bill composes', async () => {
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
  const some = await t.core.db.selectFrom('demands').select('connection_id').where('consumer_type', '=', 'waterConnection').limit(5).execute();
  for (const d of some) {
    const bill = await t.ok('billing.currentBill', { connectionId: d.connection_id }, token);
    expect(bill.hasBill).toBe(true);
    expect(bill.currentOutstandingPaise + bill.arrearsPaise + bill.penaltyPaise - bill.advanceAvailablePaise).toBe(bill.balancePaise);
  }
}, 60_000);
