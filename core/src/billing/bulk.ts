import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { fail } from '../api/errors.js';
import { financialYearOf, istDate, monthOf, monthRange } from '../calendar/dates.js';
import { newId } from '../sync/ids.js';
import { formatRupees } from '../documents/money.js';
import type { BulkPreview, BulkResult, CycleChoice } from './contract.js';
import { flatChargePaise } from './tariff.js';
import { rowFor, tariffFor } from './tariffs.js';
import { queueSms, withRoundOff, writeDemands, type DemandPlan, type WriteEnv } from './write.js';

/** Demand types that "bill" a month for the duplicate and sequence checks (an advance demand made by an overpayment does not). */
const BILLING_TYPES = ['waterConnection', 'waterConnection-arrears'] as const;

/** Financial years from the GP's first (2021-22, SPEC §2.9 TaxPeriod) to today's, with their completed months, newest first. */
export function cycleChoices(today: string): CycleChoice[] {
  const current = monthOf(today);
  const years: CycleChoice[] = [];
  const lastFyStart = Number(financialYearOf(today).slice(0, 4));
  for (let y = lastFyStart; y >= 2021; y--) {
    const months: string[] = [];
    for (let i = 11; i >= 0; i--) {
      const m = monthOf(`${y}-04-01`, i);
      if (m < current) months.push(m);
    }
    if (months.length) years.push({ financialYear: `${y}-${String((y + 1) % 100).padStart(2, '0')}`, months });
  }
  return years;
}

/** SPEC §2.9: only a completed month of the chosen financial year → else INVALID_BILLING_CYCLE. */
export function checkCycle(financialYear: string, month: string, today: string): void {
  if (month >= monthOf(today)) throw fail.field('month', 'billing.invalidBillingCycle', { month: monthLabel(month) });
  if (financialYearOf(`${month}-01`) !== financialYear) throw fail.field('month', 'billing.cycleNotInYear', { month: monthLabel(month), year: financialYear });
}

export const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

interface Candidate {
  id: string;
  connectionNo: string;
  propertyType: string;
  mobile: string;
  name: string;
  status: string;
  lastBilledMonth: string;
}

interface Plan {
  preview: BulkPreview;
  demands: DemandPlan[];
  recipients: Candidate[];
}

/** Everything SPEC §2.9 decides, without writing: the counts and the demands to write. */
export async function planBulk(db: Transaction<DB>, tenantId: string, month: string): Promise<Plan> {
  const { from, to } = monthRange(month);
  const previous = monthOf(`${month}-01`, -1);
  const prev = monthRange(previous);
  const { tariff } = await tariffFor(db, tenantId, month);

  const connections = await sql<Candidate>`
    SELECT c.id, c.connection_no AS connectionNo, p.property_type AS propertyType, p.mobile, p.name, c.status,
           substr(c.previous_reading_date, 1, 7) AS lastBilledMonth
    FROM connections c JOIN consumers p ON p.id = c.consumer_id
    WHERE c.tenant_id = ${tenantId} AND c.connection_type = 'Non_Metered'
    ORDER BY c.connection_no`.execute(db);
  const meteredRow = await sql<{ n: number }>`
    SELECT count(*) AS n FROM connections WHERE tenant_id = ${tenantId} AND connection_type = 'Metered' AND status = 'Active'`.execute(db);

  // Active demands whose period ends in the month / in the previous month, and every demand
  // (reversed too) of exactly this period, for the revision of a re-created one.
  const billedIn = async (range: { from: string; to: string }) =>
    new Set(
      (
        await sql<{ connection_id: string }>`
          SELECT DISTINCT d.connection_id FROM demands d
          WHERE d.tenant_id = ${tenantId} AND d.consumer_type IN (${sql.join([...BILLING_TYPES])})
            AND d.period_to BETWEEN ${range.from} AND ${range.to}
            AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)`.execute(db)
      ).rows.map((r) => r.connection_id),
    );
  const billedThis = await billedIn({ from, to });
  const billedPrev = await billedIn(prev);
  const revisions = new Map(
    (
      await sql<{ connection_id: string; n: number }>`
        SELECT connection_id, count(*) AS n FROM demands
        WHERE tenant_id = ${tenantId} AND consumer_type = 'waterConnection' AND period_from = ${from} AND period_to = ${to}
        GROUP BY connection_id`.execute(db)
    ).rows.map((r) => [r.connection_id, Number(r.n)]),
  );

  const preview: BulkPreview = {
    month,
    periodFrom: from,
    periodTo: to,
    rates: tariff.rows.filter((r) => r.connectionType === 'Non_Metered').map((r) => ({ propertyType: r.propertyType, monthlyChargePaise: flatChargePaise(r) })),
    toGenerate: 0,
    alreadyBilled: 0,
    inactive: 0,
    noRate: 0,
    missingPrevious: 0,
    totalPaise: 0,
    metered: Number(meteredRow.rows[0]?.n ?? 0),
  };
  const demands: DemandPlan[] = [];
  const recipients: Candidate[] = [];
  for (const c of connections.rows) {
    if (c.status !== 'Active') {
      preview.inactive++;
      continue;
    }
    if (billedThis.has(c.id) || c.lastBilledMonth >= month) {
      preview.alreadyBilled++;
      continue;
    }
    const row = rowFor(tariff, c.propertyType, 'Non_Metered');
    const charge = row ? flatChargePaise(row) : 0;
    if (charge <= 0) {
      preview.noRate++;
      continue;
    }
    if (!billedPrev.has(c.id) && c.lastBilledMonth !== previous) {
      preview.missingPrevious++;
      continue;
    }
    const lines = withRoundOff([{ taxHead: '10101', amountPaise: charge }]);
    demands.push({ tenantId, connectionId: c.id, consumerType: 'waterConnection', periodFrom: from, periodTo: to, revision: revisions.get(c.id) ?? 0, lines });
    recipients.push(c);
    preview.toGenerate++;
    preview.totalPaise += lines.reduce((s, l) => s + l.amountPaise, 0);
  }
  return { preview, demands, recipients };
}

/**
 * Generate the month's demands (SPEC §2.9, §4.3, E3), all in the caller's transaction: every
 * demand or none. Refused with NO_DEMAND_PREVIOUS_BILLING_CYCLE while any connection still needs
 * the previous month, and with NO_CONNECTIONS_TO_GENERATE_DEMANDS when nothing is left to bill.
 * Queues the consumers' "new bill" SMS and the in-app NEW_BULK_DEMAND_EVENT for GP admins.
 */
export async function generateBulk(env: WriteEnv, tenantId: string, userId: string, month: string, gpName: string): Promise<BulkResult> {
  const { preview, demands, recipients } = await planBulk(env.db, tenantId, month);
  if (preview.missingPrevious > 0) {
    throw fail.field('month', 'billing.noDemandPreviousBillingCycle', { count: preview.missingPrevious, previous: monthLabel(monthOf(`${month}-01`, -1)) });
  }
  if (demands.length === 0) {
    throw fail.conflict('billing.noConnectionsToGenerateDemands', { count: 0, already: preview.alreadyBilled }, 'month');
  }
  const written = await writeDemands(env, demands, userId);
  await queueSms(
    env,
    recipients.map((c, i) => ({
      tenantId,
      mobile: c.mobile,
      templateKey: 'mGram.Consumer.NewBill',
      params: { ownerName: c.name, period: monthLabel(month), consumerId: c.connectionNo, billAmount: formatRupees(demands[i]!.lines.reduce((s, l) => s + l.amountPaise, 0), { whole: true }), billNo: written[i]!.billNo, villageName: gpName },
      demand: written[i]!,
    })),
  );
  // SPEC §8.1 "Bulk demand generated" to the GP's collection staff.
  const staff = await env.db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.mobile', 'u.name'])
    .distinct()
    .where('r.tenant_id', '=', tenantId)
    .where('r.role', 'in', ['COLLECTION_OPERATOR', 'REVENUE_COLLECTOR'])
    .where('u.active', '=', 1)
    .execute();
  await queueSms(env, staff.map((u) => ({ tenantId, mobile: u.mobile, templateKey: 'mGram.GP.MonthlyDemandGenerated', params: { ownerName: u.name, billingCycle: monthLabel(month), villageName: gpName } })));
  const code = preview.metered > 0 ? 'billing.notifications.bulkDemand' : 'billing.notifications.bulkDemandNm';
  await env.db
    .insertInto('notifications')
    .values({
      id: newId(),
      tenant_id: tenantId,
      code,
      params: JSON.stringify({ cycle: monthLabel(month), bills: demands.length, households: demands.length + preview.alreadyBilled, metered: preview.metered }),
      action_route: '/household-register?status=pending',
      roles: JSON.stringify(['GP_ADMIN', 'SARPANCH']),
      period_key: `${month}/${istDate(new Date(env.nowIso))}/${env.nowIso}`,
      created_at: env.nowIso,
    })
    .execute();
  return { ...preview, generated: demands.length };
}
