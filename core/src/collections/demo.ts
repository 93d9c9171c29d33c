import { randomUUID } from 'node:crypto';
import type { Ctx } from '../api/context.js';
import { ApiError } from '../api/errors.js';
import type { DemoContext } from '../demo/seed.js';
import { balancePaise, ledgerLines } from '../ledger/outstanding.js';
import { cancelReceipt, collect } from './collect.js';

/**
 * Demo collections: over the last 30 days, payments by the revenue collector and the secretary
 * for the demo households that owe something (full, partial and a few over-payments that become
 * advance), counter feedback for some, and two cancelled receipts. Deterministic (seeded).
 * Runs after the consumers (and billing, when it seeds demands) in demo/seeders.ts. Quiet: no SMS
 * to the made-up mobiles and no in-app event per demo payment.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedCollections(ctx: Ctx, demo: DemoContext): Promise<void> {
  const r = rng(5);
  const collectors = [demo.staff['REVENUE_COLLECTOR'], demo.staff['SECRETARY']].filter((x): x is string => !!x);
  const admin = demo.staff['SARPANCH'] ?? collectors[0]!;
  if (!collectors.length) return;
  const connections = await ctx.db.selectFrom('connections').select(['id']).where('tenant_id', '=', demo.tenantId).orderBy('connection_no').execute();
  const made: string[] = [];
  for (const c of connections) {
    for (let round = 0; round < 2; round++) {
      const due = balancePaise(await ledgerLines(ctx.db, c.id));
      if (due <= 0 && !(round === 0 && r() < 0.03)) break;
      const dueRupees = Math.ceil(Math.max(0, due) / 100);
      const pick = r();
      const amountRupees = due <= 0 ? 100 : pick < 0.55 ? dueRupees : pick < 0.9 ? Math.max(1, Math.round(dueRupees * (0.3 + 0.5 * r()))) : dueRupees + 50;
      if (amountRupees < 1 || amountRupees > 10_000) break;
      const when = new Date(ctx.now.getTime() - Math.floor(r() * 30) * 86_400_000 - Math.floor(r() * 8) * 3_600_000);
      const dayCtx: Ctx = { ...ctx, now: when, nowIso: when.toISOString() };
      try {
        const res = await collect(dayCtx, demo.tenantId, collectors[Math.floor(r() * collectors.length)]!, {
          connectionId: c.id,
          amountRupees,
          mode: 'CASH',
          idempotencyKey: randomUUID(),
          confirmAdvance: true,
        }, { quiet: true });
        made.push(res.paymentId);
        if (r() < 0.3) {
          await ctx.change.insert('payment_feedback', {
            id: ctx.newId(),
            tenant_id: demo.tenantId,
            payment_id: res.paymentId,
            connection_id: c.id,
            happy_with_supply: 3 + Math.floor(r() * 3),
            supply_regular: 2 + Math.floor(r() * 4),
            quality_good: 3 + Math.floor(r() * 3),
            created_at: dayCtx.nowIso,
            created_by: admin,
          });
        }
      } catch (e) {
        if (e instanceof ApiError) break; // e.g. a metered household without its first bill
        throw e;
      }
      if (r() < 0.6) break;
    }
  }
  for (const paymentId of [made[3], made[made.length - 5]]) {
    if (!paymentId) continue;
    try {
      await cancelReceipt(ctx, demo.tenantId, admin, { paymentId, reason: 'Entered against the wrong household' });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
