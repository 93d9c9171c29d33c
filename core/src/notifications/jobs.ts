import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../sync/ids.js';
import { changeWriter } from '../sync/changes.js';
import { todayInKolkata } from '../expenses/index.js';
import { EXPENSE_ROLES } from '../expenses/contract.js';
import { sweepDocuments } from '../expenses/index.js';

/**
 * Scheduled jobs that create in-app notifications (SPEC §8.2, §11.1; Part A 8: they run on the
 * desktop and catch up after the PC was off).
 *
 * Scheduling: `runDueJobs` is registered in jobs/scheduler.ts as 'expenses.reminders' (runs on
 * start and then hourly, once per IST day). `notifications.list` (the home screen) also runs
 * `expenseReminders` for the session's GP before listing, so a reminder shows the first time
 * anyone opens home on or after its day even between scheduler passes.
 */

export interface JobDb {
  db: Transaction<DB>;
  nowIso: string;
  /** With a clock, a new reminder also queues its SMS to the GP's expense users (SPEC §8.1). */
  hlc?: () => string;
}

/** SMS templates of SPEC §8.1 for the two reminders; the relay fills the links. */
const SMS_TEMPLATES: Record<string, string> = {
  'expenses.notifications.newExpenditure': 'NEW_ENPENDITURE_SMS_EN_REMINDER',
  'expenses.notifications.markPaid': 'MARK_PAID_BILL_SMS_EN_REMINDER',
};

async function queueSms(job: JobDb, tenantId: string, code: string, params: Record<string, string | number>): Promise<void> {
  const template = SMS_TEMPLATES[code];
  if (!job.hlc || !template) return;
  const users = await job.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.mobile')
    .distinct()
    .where('r.tenant_id', '=', tenantId)
    .where('r.role', 'in', [...EXPENSE_ROLES])
    .where('u.active', '=', 1)
    .execute();
  const change = changeWriter(job.db, { tenantId, hlc: job.hlc, nowIso: job.nowIso });
  for (const u of users) {
    await change.insert('sms_outbox', {
      id: newId(), tenant_id: tenantId, to_mobile: u.mobile, template_key: template,
      params: JSON.stringify(params), status: 'queued', created_at: job.nowIso,
    });
  }
}

/**
 * The fortnight a date belongs to: its 1st or its 15th. The original fires on the 1st and 15th
 * at 18:00 IST; we fire on the day itself (any hour), and a PC that was off catches up with the
 * latest fortnight only — one reminder of each kind per fortnight, never a backlog.
 */
export function fortnightStart(date: string): string {
  return `${date.slice(0, 8)}${Number(date.slice(8, 10)) >= 15 ? '15' : '01'}`;
}

async function insertOnce(
  job: JobDb,
  n: { tenantId: string; code: string; params: Record<string, string | number>; actionRoute: string; roles: readonly string[] | null; periodKey: string },
): Promise<boolean> {
  const r = await job.db
    .insertInto('notifications')
    .values({
      id: newId(),
      tenant_id: n.tenantId,
      code: n.code,
      params: JSON.stringify(n.params),
      action_route: n.actionRoute,
      roles: n.roles ? JSON.stringify(n.roles) : null,
      period_key: n.periodKey,
      created_at: job.nowIso,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'code', 'period_key']).doNothing())
    .executeTakeFirst();
  const created = Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  if (created) await queueSms(job, n.tenantId, n.code, { ...n.params, link: n.actionRoute });
  return created;
}

/**
 * The two expense reminders of the fortnight that `today` (YYYY-MM-DD, Asia/Kolkata) falls in:
 * "enter new expenditure" always, and "mark expenses paid" when unpaid bills exist (with their
 * count). Idempotent: a second run in the same fortnight adds nothing. Returns how many were added.
 */
export async function expenseReminders(job: JobDb, tenantId: string, today: string): Promise<number> {
  const periodKey = fortnightStart(today);
  let added = 0;
  if (
    await insertOnce(job, {
      tenantId,
      code: 'expenses.notifications.newExpenditure',
      params: { date: `${periodKey.slice(8, 10)}/${periodKey.slice(5, 7)}/${periodKey.slice(0, 4)}` },
      actionRoute: '/expenses/new',
      roles: EXPENSE_ROLES,
      periodKey,
    })
  ) {
    added++;
  }
  const exists = await job.db
    .selectFrom('notifications')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'expenses.notifications.markPaid')
    .where('period_key', '=', periodKey)
    .executeTakeFirst();
  if (!exists) {
    const unpaid = await job.db
      .selectFrom('expenses')
      .select(sql<number>`count(*)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'UNPAID')
      .executeTakeFirstOrThrow();
    const count = Number(unpaid.n);
    if (
      count > 0 &&
      (await insertOnce(job, {
        tenantId,
        code: 'expenses.notifications.markPaid',
        params: { count },
        actionRoute: '/expenses/search?status=UNPAID',
        roles: EXPENSE_ROLES,
        periodKey,
      }))
    ) {
      added++;
    }
  }
  return added;
}

/** Every due job for every GP on this device; for a scheduler (see the note at the top). */
export async function runDueJobs(db: Kysely<DB>, now: Date, dataDir?: string, hlc?: () => string): Promise<void> {
  const today = todayInKolkata(now);
  const nowIso = now.toISOString();
  const tenants = await db.selectFrom('tenants').select('id').execute();
  for (const t of tenants) {
    await db.transaction().execute((trx) => expenseReminders({ db: trx, nowIso, ...(hlc ? { hlc } : {}) }, t.id, today));
  }
  if (dataDir) await sweepDocuments(db, dataDir, now);
}
