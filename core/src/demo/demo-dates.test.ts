import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates.js';
import { consumerInput } from '../consumers/contract.js';
import { DEMO_WARDS, demoConsumerInputs } from '../consumers/demo.js';
import { DEFAULT_MASTERS } from '../consumers/masters.js';
import { checkConsumer } from '../consumers/validation.js';
import { openTestCore } from '../testing/harness.js';

/**
 * The demo must load on every day of the year, the first days of the financial year (April)
 * included: the households' dates are relative to today and meet the same rules as a clerk's.
 */

describe('demo households are valid on every day', () => {
  it('from 1 April 2027 to 31 March 2028 (a leap February)', () => {
    const masters = { ...DEFAULT_MASTERS, wards: DEMO_WARDS };
    let days = 0;
    for (let today = '2027-04-01'; today <= '2028-03-31'; today = addDays(today, 1), days++) {
      for (const raw of demoConsumerInputs(300, today)) {
        const values = consumerInput.parse(raw);
        const problems = checkConsumer(values, { today, masters });
        expect(problems, `${today} ${values.oldConnectionId}`).toEqual({});
      }
    }
    expect(days).toBe(366);
  }, 60_000);
});

// 10:00 IST on each day; plus 00:10 IST on 1 April (still 31 March in UTC).
const INSTANTS = [
  '2027-04-01T04:30:00.000Z', '2027-03-31T18:40:00.000Z', '2027-04-02T04:30:00.000Z', '2027-04-03T04:30:00.000Z',
  '2027-04-10T04:30:00.000Z', '2027-03-30T04:30:00.000Z', '2027-03-31T04:30:00.000Z', '2027-01-01T04:30:00.000Z',
  '2028-02-29T04:30:00.000Z', '2026-12-31T04:30:00.000Z', '2027-05-01T04:30:00.000Z',
];

describe('the whole demo (consumers, bills, expenses, payments) loads', () => {
  for (const at of INSTANTS) {
    it(`at ${at}`, async () => {
      const t = await openTestCore(at);
      try {
        const demo = await t.ok('setup.loadDemo', {});
        expect(demo.users.length).toBe(3);
        const n = (await sql<{ hh: number; metered: number; nm: number; m: number; expenses: number; payments: number }>`
          SELECT (SELECT COUNT(*) FROM connections) AS hh,
                 (SELECT COUNT(*) FROM connections WHERE connection_type = 'Metered') AS metered,
                 (SELECT COUNT(*) FROM demands d JOIN connections c ON c.id = d.connection_id WHERE d.consumer_type = 'waterConnection' AND c.connection_type = 'Non_Metered') AS nm,
                 (SELECT COUNT(*) FROM demands d JOIN connections c ON c.id = d.connection_id WHERE d.consumer_type = 'waterConnection' AND c.connection_type = 'Metered') AS m,
                 (SELECT COUNT(*) FROM expenses) AS expenses,
                 (SELECT COUNT(*) FROM payments) AS payments`.execute(t.core.db)).rows[0]!;
        console.log(at, JSON.stringify(n));
        expect(n.hh).toBe(300);
        expect(n.metered).toBeGreaterThan(50);
        expect(n.nm).toBeGreaterThan(30);
        expect(n.m).toBeGreaterThan(30);
        expect(n.expenses).toBeGreaterThan(30);
        expect(n.payments).toBeGreaterThan(30);
        // The first metered household (the one e2e/billing.spec.ts bills) has a bill due today.
        const sarpanch = demo.users.find((u) => u.role === 'SARPANCH')!;
        const { token } = await t.ok('auth.signIn', { mobile: sarpanch.mobile, password: sarpanch.password });
        const first = await t.core.db.selectFrom('connections').select('id').where('connection_type', '=', 'Metered').orderBy('connection_no').executeTakeFirstOrThrow();
        const info = await t.ok('billing.meteredInfo', { connectionId: first.id }, token);
        if (info.nextBillFrom !== null) expect(info.nextBillFrom <= info.today, `${info.nextBillFrom} > ${info.today}`).toBe(true);
      } finally {
        await t.close();
      }
    }, 60_000);
  }
});
