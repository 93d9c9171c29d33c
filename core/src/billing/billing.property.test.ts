import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ADMIN, openTestCore } from '../testing/harness.js';
import { monthOf } from '../calendar/dates.js';
import { composeBill } from './bill.js';
import { ledgerLines, balancePaise } from '../ledger/outstanding.js';
import { meteredChargePaise } from './tariff.js';
import { withRoundOff } from './write.js';

/**
 * Money properties (issue 4): for any sequence of monthly generations (some re-run), payments
 * and penalty-job runs, (1) the balance shown equals Σ demand lines − Σ payments settled,
 * computed here independently from the raw tables; (2) the bill's buckets add up to it; and
 * (3) no connection ever has two active demands for one period.
 */
type Action = { kind: 'month' } | { kind: 'rerun' } | { kind: 'pay'; who: number; rupees: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant<Action>({ kind: 'month' }), weight: 3 },
  { arbitrary: fc.constant<Action>({ kind: 'rerun' }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pay' as const), who: fc.nat({ max: 2 }), rupees: fc.integer({ min: 1, max: 900 }) }), weight: 3 },
);

describe('billing money properties', () => {
  it('any metered charge with its round-off line is whole rupees, and the round-off is less than a rupee', () => {
    const slabs = fc.array(fc.record({ width: fc.integer({ min: 1, max: 50 }), ratePaise: fc.integer({ min: 0, max: 5000 }) }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(slabs, fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 99_999 }), (ws, minimum, units) => {
        let from = 0;
        const row = { propertyType: 'X', connectionType: 'Metered' as const, minimumChargePaise: minimum, slabs: ws.map((w) => ({ from, to: (from += w.width), ratePaise: w.ratePaise })) };
        row.slabs[row.slabs.length - 1]!.to = 1_000_000_000;
        const lines = withRoundOff([{ taxHead: '10101', amountPaise: meteredChargePaise(units, row) }]);
        const total = lines.reduce((s, l) => s + l.amountPaise, 0);
        expect(total % 100).toBe(0);
        expect(Math.abs(total - lines[0]!.amountPaise)).toBeLessThanOrEqual(50);
        expect(lines.length === 1 || lines[1]!.amountPaise !== 0).toBe(true);
      }),
    );
  });


  it('balance = Σ lines − Σ payments; buckets add up; one demand per period', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
        const t = await openTestCore('2026-04-10T06:30:00.000Z');
        try {
          let { token } = await t.setupAdmin();
          const ids: string[] = [];
          for (let i = 0; i < 3; i++) {
            const r = await t.ok('consumers.create', {
              name: 'Test Person', gender: 'MALE', fatherName: 'Father Name', mobile: `96${String(10_000_000 + i)}`, oldConnectionId: `PB${i}`,
              propertyType: ['RESIDENTIAL', 'COMMERCIAL', 'MIXED'][i]!, serviceType: 'Non_Metered', lastBilledCycle: '2026-03',
              paymentType: i === 2 ? 'advance' : 'arrears', arrears: i === 0 ? 120 : undefined, advance: i === 2 ? 300 : undefined,
            }, token);
            ids.push(r.connectionId);
          }
          let month = '2026-03';
          for (const a of actions) {
            if (a.kind === 'month') {
              month = monthOf(`${month}-01`, 1);
              t.clock.set(`${monthOf(`${month}-01`, 1)}-03T06:30:00.000Z`);
              token = (await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).token;
              const fy = Number(month.slice(5, 7)) >= 4 ? Number(month.slice(0, 4)) : Number(month.slice(0, 4)) - 1;
              await t.ok('billing.generateBulkDemand', { financialYear: `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`, month }, token);
            } else if (a.kind === 'rerun' && month !== '2026-03') {
              const fy = Number(month.slice(5, 7)) >= 4 ? Number(month.slice(0, 4)) : Number(month.slice(0, 4)) - 1;
              const e = await t.err('billing.generateBulkDemand', { financialYear: `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`, month }, token);
              expect(e.key).toBe('billing.noConnectionsToGenerateDemands');
            } else if (a.kind === 'pay') {
              await t.ok('collections.collect', { connectionId: ids[a.who]!, amountRupees: a.rupees, idempotencyKey: crypto.randomUUID(), confirmAdvance: true } as never, token);
            }
          }
          for (const id of ids) {
            const shown = await t.ok('billing.currentBill', { connectionId: id }, token);
            const raw = await sql<{ lines: number; paid: number }>`
              SELECT
                (SELECT COALESCE(SUM(l.amount_paise), 0) FROM demand_lines l JOIN demands d ON d.id = l.demand_id
                  WHERE d.connection_id = ${id} AND d.id NOT IN (SELECT demand_id FROM demand_reversals)) AS lines,
                (SELECT COALESCE(SUM(a.amount_paise), 0) FROM payment_allocations a JOIN demand_lines l ON l.id = a.demand_line_id JOIN demands d ON d.id = l.demand_id
                  WHERE d.connection_id = ${id} AND d.id NOT IN (SELECT demand_id FROM demand_reversals)
                    AND a.payment_id NOT IN (SELECT payment_id FROM payment_cancellations)) AS paid`.execute(t.core.db);
            const expected = Number(raw.rows[0]!.lines) - Number(raw.rows[0]!.paid);
            expect(shown.balancePaise).toBe(expected);
            expect(shown.currentOutstandingPaise + shown.arrearsPaise + shown.penaltyPaise - shown.advanceAvailablePaise).toBe(expected);
            expect(shown.netDuePaise).toBe(Math.max(0, expected));
            const lines = await t.core.db.transaction().execute((trx) => ledgerLines(trx, id));
            expect(composeBill(lines).balancePaise).toBe(balancePaise(lines));
          }
          const dupes = await sql<{ n: number }>`
            SELECT count(*) AS n FROM (
              SELECT connection_id, period_from, period_to FROM demands d
              WHERE consumer_type = 'waterConnection' AND d.id NOT IN (SELECT demand_id FROM demand_reversals)
              GROUP BY connection_id, period_from, period_to HAVING count(*) > 1)`.execute(t.core.db);
          expect(Number(dupes.rows[0]!.n)).toBe(0);
        } finally {
          await t.close();
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
