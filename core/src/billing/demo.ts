import type { Ctx } from '../api/context.js';
import { ApiError } from '../api/errors.js';
import type { DemoContext } from '../demo/seed.js';
import { addDays, istDate, monthOf } from '../calendar/dates.js';
import { tenantOf } from '../consumers/index.js';
import { generateBulk } from './bulk.js';
import { lastReading, loadConnection, generateMetered } from './metered.js';
import { nextMeteredBillFrom } from './billing-period.js';
import { tariffFor } from './tariffs.js';
import type { WriteEnv } from './write.js';

/**
 * Demo bills (runs after the consumers seeder, before collections): the non-metered demand of
 * the last completed month for households whose last billed cycle is the month before, and for
 * metered households a first bill about a month after the set-up reading, then one bill per
 * metered billing period, up to today.
 * Deterministic apart from ids and stamps.
 */
export async function seedBilling(ctx: Ctx, demo: DemoContext): Promise<void> {
  const userId = demo.staff['SECRETARY'] ?? Object.values(demo.staff)[0]!;
  const tenant = await tenantOf(ctx.db, demo.tenantId);
  const today = istDate(ctx.now);
  const envAt = (instant: Date): WriteEnv => ({ db: ctx.db, hlc: () => ctx.hlc(), nowIso: instant.toISOString(), deviceCode: ctx.device.code });
  const earlier = (isoDate: string) => {
    const at = new Date(`${isoDate}T10:00:00+05:30`);
    return at.getTime() < ctx.now.getTime() ? at : ctx.now;
  };

  // Non-metered: the last completed month, raised on the 3rd of this month (or now).
  const month = monthOf(today, -1);
  try {
    await generateBulk(envAt(earlier(`${monthOf(today)}-03`)), demo.tenantId, userId, month, tenant.name);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e; // nothing to bill in this demo's months
  }

  // Metered: the first bill ~30 days after the set-up reading, then one per billing period of the
  // GP's tariff (quarterly as shipped; billing-period.ts), a few days after it falls due. Every
  // third household (the first one included) still has its latest due bill to raise.
  const period = (await tariffFor(ctx.db, demo.tenantId, monthOf(today))).tariff.billingPeriod.Metered;
  const metered = await ctx.db.selectFrom('connections').select('id').where('tenant_id', '=', demo.tenantId).where('connection_type', '=', 'Metered').orderBy('connection_no').execute();
  let k = 0;
  for (const [i, { id }] of metered.entries()) {
    const c = await loadConnection(ctx.db, demo.tenantId, id);
    let last = await lastReading(ctx.db, c);
    for (;;) {
      const date = addDays(last.fromMeterReading ? nextMeteredBillFrom(last.date, period) : addDays(last.date, 28), k % 7);
      if (date > today) break;
      if (i % 3 === 0 && nextMeteredBillFrom(date, period) > today) break;
      k++;
      const reading = Math.min(99_999, last.reading + 8 + ((k * 7) % 33));
      await generateMetered(envAt(earlier(date)), { tenantId: demo.tenantId, userId, connectionId: id, reading, readingDate: date, meterStatus: k % 17 === 0 ? 'Locked' : 'Working', today, gpName: tenant.name });
      last = await lastReading(ctx.db, c);
    }
  }
}
