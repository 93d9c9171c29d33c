import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { istDate } from '../calendar/dates.js';
import { changeWriter } from '../sync/changes.js';
import { newId } from '../sync/ids.js';
import { COLLECTORS } from './contract.js';

/**
 * The daily collection summary (SPEC §11.1 `dailyevening`, §8.1 TODAY_COLLECTION_FROM_CASH,
 * §8.2 TODAY_COLLECTION): "Rs. X collected today from N consumers", only on a day with
 * collections. One in-app event per GP and day (notifications period_key = the day, so a rerun
 * adds nothing) and, the first time, one SMS per collection user of the GP.
 *
 * Scheduling (Part A.8, runs on the desktop and catches up): registered in jobs/scheduler.ts as
 * 'collections.dailySummary'. That scheduler runs a job once per IST day (at start, then its
 * first hourly check of the day), so each run summarises yesterday if that was never done, and
 * today as well when it runs from 18:00 IST on. A day's summary therefore appears that evening
 * when the app is open after 18:00, otherwise with the first run of the next day — never twice.
 */
export const SUMMARY_HOUR_IST = 18;

export async function dailyCollectionSummary(
  trx: Transaction<DB>,
  opts: { tenantId: string; day: string; nowIso: string; hlc: () => string },
): Promise<{ created: boolean; amountPaise: number; count: number }> {
  const t = await sql<{ amount: number | null; consumers: number }>`
    SELECT SUM(p.amount_paise) AS amount, COUNT(DISTINCT p.connection_id) AS consumers FROM payments p
    WHERE p.tenant_id = ${opts.tenantId} AND p.paid_on = ${opts.day}
      AND NOT EXISTS (SELECT 1 FROM payment_cancellations c WHERE c.payment_id = p.id)`.execute(trx);
  const amountPaise = Number(t.rows[0]?.amount ?? 0);
  const count = Number(t.rows[0]?.consumers ?? 0);
  if (count === 0) return { created: false, amountPaise: 0, count: 0 };
  const amount = (amountPaise / 100).toFixed(amountPaise % 100 === 0 ? 0 : 2);
  const r = await trx
    .insertInto('notifications')
    .values({
      id: newId(),
      tenant_id: opts.tenantId,
      code: 'collections.notifications.todayCollection',
      params: JSON.stringify({ amount, count, date: opts.day }),
      action_route: '/collections/register',
      roles: JSON.stringify(COLLECTORS),
      period_key: opts.day,
      created_at: opts.nowIso,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'code', 'period_key']).doNothing())
    .executeTakeFirst();
  const created = Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  if (created) {
    const change = changeWriter(trx, { tenantId: opts.tenantId, hlc: opts.hlc, nowIso: opts.nowIso });
    const users = await trx
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select('u.mobile')
      .distinct()
      .where('r.tenant_id', '=', opts.tenantId)
      .where('r.role', 'in', ['COLLECTION_OPERATOR', 'REVENUE_COLLECTOR', 'SARPANCH', 'SECRETARY'])
      .where('u.active', '=', 1)
      .execute();
    for (const u of users) {
      await change.insert('sms_outbox', {
        id: newId(),
        tenant_id: opts.tenantId,
        to_mobile: u.mobile,
        template_key: 'TODAY_COLLECTION_FROM_CASH',
        params: JSON.stringify({ amount, number: count, date: opts.day }),
        status: 'queued',
        created_at: opts.nowIso,
      });
    }
  }
  return { created, amountPaise, count };
}

export async function runCollectionSummaries(db: Kysely<DB>, now: Date, hlc: () => string): Promise<number> {
  const today = istDate(now);
  const yesterday = istDate(new Date(now.getTime() - 86_400_000));
  const istHour = Number(new Date(now.getTime() + 5.5 * 3_600_000).toISOString().slice(11, 13));
  const days = istHour >= SUMMARY_HOUR_IST ? [yesterday, today] : [yesterday];
  let created = 0;
  const tenants = await db.selectFrom('tenants').select('id').execute();
  for (const t of tenants) {
    for (const day of days) {
      const r = await db.transaction().execute((trx) => dailyCollectionSummary(trx, { tenantId: t.id, day, nowIso: now.toISOString(), hlc }));
      if (r.created) created++;
    }
  }
  return created;
}
