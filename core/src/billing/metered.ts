import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { fail } from '../api/errors.js';
import { addDays, daysBetween } from '../calendar/dates.js';
import { isValidIsoDate } from '../calendar/dates.js';
import { formatRupees, formatDate } from '../documents/money.js';
import { derivedId } from '../sync/ids.js';
import { METER_STATUSES, type MeterStatus, type MeteredInfo, type MeteredResult } from './contract.js';
import { meteredChargePaise } from './tariff.js';
import { rowFor, tariffFor } from './tariffs.js';
import { meteredBillDue, nextMeteredBillFrom } from './billing-period.js';
import { appendRows, queueSms, withRoundOff, writeDemands, type WriteEnv } from './write.js';

export interface MeteredConnection {
  id: string;
  tenant_id: string;
  connection_no: string;
  connection_type: string;
  status: string;
  meter_number: string | null;
  previous_reading: number | null;
  previous_reading_date: string;
  property_type: string;
  mobile: string;
  name: string;
}

export async function loadConnection(db: Transaction<DB>, tenantId: string, connectionId: string): Promise<MeteredConnection> {
  const c = await db
    .selectFrom('connections as c')
    .innerJoin('consumers as p', 'p.id', 'c.consumer_id')
    .select(['c.id', 'c.tenant_id', 'c.connection_no', 'c.connection_type', 'c.status', 'c.meter_number', 'c.previous_reading', 'c.previous_reading_date', 'p.property_type', 'p.mobile', 'p.name'])
    .where('c.id', '=', connectionId)
    .where('c.tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!c) throw fail.notFound('consumers:errors.notFound');
  return c;
}

/** The last reading that still counts (its bill not reversed), else the connection's initial one. */
export async function lastReading(db: Transaction<DB>, c: MeteredConnection): Promise<{ reading: number; date: string; fromMeterReading: boolean }> {
  const r = await sql<{ reading: number; reading_date: string }>`
    SELECT m.reading, m.reading_date FROM meter_readings m
    WHERE m.connection_id = ${c.id} AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = m.demand_id)
    ORDER BY m.reading_date DESC, m.created_at DESC LIMIT 1`.execute(db);
  const row = r.rows[0];
  if (row) return { reading: row.reading, date: row.reading_date, fromMeterReading: true };
  return { reading: c.previous_reading ?? 0, date: c.previous_reading_date, fromMeterReading: false };
}

/**
 * Consumption by meter status (the rules are documented on METER_STATUSES in contract.ts).
 * Returns the units billed and the reading stored for the period.
 */
export function consumptionFor(status: MeterStatus, previous: number, reading: number): { units: number; stored: number } {
  switch (status) {
    case 'Working':
      if (reading <= previous) throw fail.field('reading', 'billing.readingNotGreater', { previous: String(previous).padStart(5, '0') });
      return { units: reading - previous, stored: reading };
    case 'Replaced':
    case 'Reset':
      return { units: reading, stored: reading };
    case 'Breakdown':
    case 'Locked':
    case 'NoMeter':
      return { units: 0, stored: previous };
  }
}

export async function meteredInfo(db: Transaction<DB>, tenantId: string, connectionId: string, today: string): Promise<MeteredInfo> {
  const c = await loadConnection(db, tenantId, connectionId);
  if (c.connection_type !== 'Metered') throw fail.conflict('billing.notMetered');
  const last = await lastReading(db, c);
  const period = (await tariffFor(db, tenantId, today.slice(0, 7))).tariff.billingPeriod.Metered;
  return {
    connectionId: c.id,
    connectionNo: c.connection_no,
    propertyType: c.property_type,
    meterNumber: c.meter_number,
    previousReading: last.reading,
    previousReadingDate: last.date,
    daysSince: daysBetween(last.date, today),
    today,
    nextPeriodFrom: last.fromMeterReading ? addDays(last.date, 1) : last.date,
    billingPeriod: period,
    nextBillFrom: last.fromMeterReading ? nextMeteredBillFrom(last.date, period) : null,
    statuses: METER_STATUSES,
  };
}

/**
 * A metered bill (SPEC §2.8, §4.4, E1, E2, E10): checks the reading, the date and the billing
 * period (billing-period.ts), then writes the
 * meter reading, the demand (10101 + WS_Round_Off when needed), the bill number and the SMS.
 * Nothing is written when a check fails (the call's transaction rolls back).
 */
export async function generateMetered(
  env: WriteEnv,
  input: { tenantId: string; userId: string; connectionId: string; reading: number; readingDate: string; meterStatus: MeterStatus; today: string; gpName: string },
): Promise<MeteredResult> {
  const c = await loadConnection(env.db, input.tenantId, input.connectionId);
  if (c.connection_type !== 'Metered') throw fail.conflict('billing.notMetered');
  if (c.status !== 'Active') throw fail.conflict('billing.inactive');
  const last = await lastReading(env.db, c);
  const date = input.readingDate;
  if (!isValidIsoDate(date)) throw fail.field('readingDate', 'validation.invalid');
  if (date > input.today) throw fail.field('readingDate', 'billing.readingDateFuture');
  if (date === last.date) throw fail.field('readingDate', 'billing.readingDateSame', { date: formatDate(last.date) });
  if (date < last.date) throw fail.field('readingDate', 'billing.readingDateBefore', { date: formatDate(last.date) });
  const { tariff } = await tariffFor(env.db, input.tenantId, date.slice(0, 7));
  // Billing period (SPEC §4.1 billingPeriod, rule in billing-period.ts): after a metered bill, the next reading is billable from last reading + 1 or 3 months.
  const period = tariff.billingPeriod.Metered;
  if (last.fromMeterReading && !meteredBillDue(last.date, date, period)) {
    throw fail.field('readingDate', `billing.meteredTooSoon.${period}`, { last: formatDate(last.date), next: formatDate(nextMeteredBillFrom(last.date, period)) });
  }
  const periodFrom = last.fromMeterReading ? addDays(last.date, 1) : last.date;
  const periodTo = date;
  const overlap = await sql<{ id: string }>`
    SELECT d.id FROM demands d
    WHERE d.connection_id = ${c.id} AND d.consumer_type = 'waterConnection'
      AND d.period_from <= ${periodTo} AND d.period_to >= ${periodFrom}
      AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)
    LIMIT 1`.execute(env.db);
  if (overlap.rows.length) throw fail.conflict('billing.periodExists', { from: formatDate(periodFrom), to: formatDate(periodTo) }, 'readingDate');

  const { units, stored } = consumptionFor(input.meterStatus, last.reading, input.reading);
  const row = rowFor(tariff, c.property_type, 'Metered');
  if (!row) throw fail.conflict('billing.slabNotFound', { propertyType: c.property_type, connectionType: 'Metered' });
  const charge = meteredChargePaise(units, row);
  const lines = withRoundOff([{ taxHead: '10101', amountPaise: charge }]);
  const prior = await env.db
    .selectFrom('demands')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('connection_id', '=', c.id)
    .where('consumer_type', '=', 'waterConnection')
    .where('period_from', '=', periodFrom)
    .where('period_to', '=', periodTo)
    .executeTakeFirst();
  const [written] = await writeDemands(
    env,
    [{ tenantId: input.tenantId, connectionId: c.id, consumerType: 'waterConnection', periodFrom, periodTo, revision: Number(prior?.n ?? 0), lines }],
    input.userId,
  );
  const { demandId, copyId, billNo } = written!;
  await appendRows(env, 'meter_readings', [
    {
      id: derivedId('reading', demandId),
      tenant_id: input.tenantId,
      connection_id: c.id,
      demand_id: demandId,
      reading_date: date,
      reading: stored,
      previous_reading: last.reading,
      previous_reading_date: last.date,
      meter_status: input.meterStatus,
      consumption: units,
      created_at: env.nowIso,
      created_by: input.userId,
      demand_copy_id: copyId,
    },
  ]);
  const total = lines.reduce((s, l) => s + l.amountPaise, 0);
  await queueSms(env, [
    {
      tenantId: input.tenantId,
      mobile: c.mobile,
      templateKey: 'mGram.Consumer.NewBill',
      params: { ownerName: c.name, period: `${formatDate(periodFrom)} - ${formatDate(periodTo)}`, consumerId: c.connection_no, billAmount: formatRupees(total, { whole: true }), billNo, villageName: input.gpName },
      demand: written!,
    },
  ]);
  return { demandId, billNo, periodFrom, periodTo, consumption: units, chargePaise: charge, roundOffPaise: total - charge, totalPaise: total };
}
