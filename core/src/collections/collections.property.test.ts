import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.js';
import { balancePaise, ledgerLines } from '../ledger/outstanding.js';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { addDemand, addHousehold } from './test-helpers.js';

/**
 * Random sequences of demands, payments (partial, exact, over — so advances are made and used),
 * payments with nothing due, and cancellations, through the real operations. After every step:
 *   1. ledger balance = Σ active lines − Σ non-cancelled allocations (computed independently);
 *   2. ledger balance = Σ charges − Σ non-cancelled payments (the money view);
 *   3. Σ non-cancelled payment amounts = Σ their allocations + Σ advance they created;
 *   4. no line is over-collected (0 ≤ collected ≤ amount; for a credit, amount ≤ collected ≤ 0).
 */
type Step =
  | { kind: 'demand'; paise: number }
  | { kind: 'pay'; rupees: number; confirm: boolean }
  | { kind: 'cancel'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('demand' as const), paise: fc.oneof(fc.integer({ min: 1, max: 2000 }).map((r) => r * 100), fc.integer({ min: 1, max: 200_000 })) }),
  fc.record({ kind: fc.constant('pay' as const), rupees: fc.integer({ min: 1, max: 3000 }), confirm: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
);

let t: TestCore;
let token: string;
let tenantId: string;
beforeAll(async () => {
  t = await openTestCore();
  ({ token, tenantId } = await t.setupAdmin());
});
afterAll(async () => {
  await t.close();
});

async function check(connectionId: string, charges: number) {
  const db = t.core.db;
  const ledger = balancePaise(await ledgerLines(db as unknown as Transaction<DB>, connectionId));
  const lines = await sql<{ id: string; amount: number; collected: number }>`
    SELECT l.id, l.amount_paise AS amount,
      COALESCE((SELECT SUM(a.amount_paise) FROM payment_allocations a
                WHERE a.demand_line_id = l.id AND a.payment_id NOT IN (SELECT payment_id FROM payment_cancellations)), 0) AS collected
    FROM demand_lines l JOIN demands d ON d.id = l.demand_id
    WHERE d.connection_id = ${connectionId} AND d.id NOT IN (SELECT demand_id FROM demand_reversals)`.execute(db);
  const independent = lines.rows.reduce((s, l) => s + l.amount - l.collected, 0);
  expect(ledger).toBe(independent);

  const live = await sql<{ id: string; amount: number; alloc: number; advance: number }>`
    SELECT p.id, p.amount_paise AS amount,
      COALESCE((SELECT SUM(a.amount_paise) FROM payment_allocations a WHERE a.payment_id = p.id), 0) AS alloc,
      COALESCE((SELECT -SUM(l.amount_paise) FROM demand_lines l WHERE l.demand_id = p.advance_demand_id), 0) AS advance
    FROM payments p WHERE p.connection_id = ${connectionId} AND p.id NOT IN (SELECT payment_id FROM payment_cancellations)`.execute(db);
  const paid = live.rows.reduce((s, p) => s + p.amount, 0);
  expect(ledger).toBe(charges - paid);
  for (const p of live.rows) expect(p.amount).toBe(p.alloc + p.advance);

  for (const l of lines.rows) {
    if (l.amount >= 0) {
      expect(l.collected).toBeGreaterThanOrEqual(0);
      expect(l.collected).toBeLessThanOrEqual(l.amount);
    } else {
      expect(l.collected).toBeLessThanOrEqual(0);
      expect(l.collected).toBeGreaterThanOrEqual(l.amount);
    }
  }
  return ledger;
}

const seen = { paid: 0, advance: 0, cancelled: 0, refusedCancel: 0, refusedPay: 0 };

describe('collections invariants (property-based)', () => {
  it('hold over random sequences of demands, payments, advances and cancellations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const connectionId = await addHousehold(t.core.db, tenantId);
        let charges = 0;
        let month = 0;
        const payments: string[] = [];
        for (const s of steps) {
          if (s.kind === 'demand') {
            month++;
            const m = String(((month - 1) % 12) + 1).padStart(2, '0');
            const y = 2020 + Math.floor((month - 1) / 12);
            await addDemand(t.core.db, tenantId, connectionId, { from: `${y}-${m}-01`, to: `${y}-${m}-28`, lines: [{ head: '10101', paise: s.paise }] });
            charges += s.paise;
          } else if (s.kind === 'pay') {
            const before = await check(connectionId, charges);
            const r = await t.core.call('collections.collect', { connectionId, amountRupees: s.rupees, idempotencyKey: randomUUID(), confirmAdvance: s.confirm }, { token });
            if (before <= 0 && !s.confirm) {
              expect(r.ok).toBe(false);
              seen.refusedPay++;
            } else {
              expect(r.ok).toBe(true);
              if (r.ok) {
                const res = r.result as { paymentId: string; pendingPaise: number; advancePaise: number };
                payments.push(res.paymentId);
                seen.paid++;
                if (res.advancePaise > 0) seen.advance++;
                expect(res.pendingPaise - res.advancePaise).toBe(before - s.rupees * 100);
              }
            }
          } else if (payments.length) {
            const paymentId = payments.splice(s.pick % payments.length, 1)[0]!;
            const r = await t.core.call('collections.cancelReceipt', { paymentId, reason: 'property test' }, { token });
            if (!r.ok) {
              expect(r.error.key).toBe('collections.errors.advanceUsed');
              payments.push(paymentId);
              seen.refusedCancel++;
            } else seen.cancelled++;
          }
          await check(connectionId, charges);
        }
      }),
      { numRuns: 60 },
    );
    // The generators really reach every path.
    expect(seen.paid).toBeGreaterThan(20);
    expect(seen.advance).toBeGreaterThan(3);
    expect(seen.cancelled).toBeGreaterThan(3);
    expect(seen.refusedPay).toBeGreaterThan(0);
  }, 240_000);
});
