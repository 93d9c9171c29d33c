import type { Ctx } from '../api/context.js';
import { fail } from '../api/errors.js';
import type { DB } from '../db/schema.js';
import type { Kysely, Transaction } from 'kysely';
import { financialYearLabel, nextInSeries, padSeq } from '../numbering/series.js';
import type { ConsumerRow, ConsumerValues, MasterLists } from './contract.js';
import { financialYearStart as fyStart, istDate, monthEnd } from '../calendar/dates.js';
import { mastersFor } from './masters.js';
import { derivedId, reversalIdFor } from '../sync/ids.js';
import type { ConnectionTable, ConsumerTable, DemandConsumerType, TaxHead } from './tables.js';
import { checkConsumer, normaliseName, type FieldProblems } from './validation.js';

type AnyDb = Kysely<DB> | Transaction<DB>;

/** The GP's city code: the tenant code after the dot, upper-case (pb.lodhipur → LODHIPUR). */
export function cityCode(tenantCode: string): string {
  return (tenantCode.split('.')[1] ?? tenantCode).toUpperCase();
}

/**
 * Connection number (SPEC §3.3 `WS/[CITY.CODE]/[fy:yyyy-yy]/[SEQ]`), made offline:
 * `WS/<CITY>/<FY>/<DEVICE>-<seq>`, e.g. `WS/LODHIPUR/2026-27/7F3A-0001`. The FY is that of the
 * day of creation; the sequence is per device, GP and FY (numbering/series.ts) and padded to 4
 * digits; the device code keeps two desktops of one GP from ever making the same number.
 */
export async function nextConnectionNo(ctx: Ctx, tenantId: string, tenantCode: string): Promise<string> {
  const fy = financialYearLabel(istDate(ctx.now));
  const seq = await nextInSeries(ctx.db, 'WS_CONNECTION', `${tenantId}/${fy}`);
  return `WS/${cityCode(tenantCode)}/${fy}/${ctx.device.code}-${padSeq(seq)}`;
}

export async function tenantOf(db: AnyDb, tenantId: string): Promise<{ id: string; code: string; name: string }> {
  const t = await db.selectFrom('tenants').select(['id', 'code', 'name']).where('id', '=', tenantId).executeTakeFirst();
  if (!t) throw fail.notFound();
  return t;
}

export async function findByOldId(db: AnyDb, tenantId: string, oldId: string, exceptId?: string): Promise<string | undefined> {
  let q = db.selectFrom('connections').select('id').where('tenant_id', '=', tenantId).where('old_connection_no', '=', oldId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst())?.id;
}

/** The stored previous-reading date: metered = the date; non-metered = 1st of the last billed month (SPEC §3.1). */
export function storedReadingDate(v: ConsumerValues): string {
  return v.serviceType === 'Metered' ? v.previousReadingDate! : `${v.lastBilledCycle!}-01`;
}

/**
 * The opening demand of SPEC §2.4 / E4: period from 1 April of the FY containing the previous
 * reading date to that date (metered) or to the last day of the last billed month (non-metered).
 * Arrears: consumerType waterConnection-arrears, lines 10102 = arrears, 10201 = penalty (non-zero
 * lines only). Advance: waterConnection-advance, WS_ADVANCE_CARRYFORWARD = −advance.
 */
export function openingDemandPlan(c: Pick<ConnectionTable, 'connection_type' | 'previous_reading_date' | 'payment_type' | 'arrears_paise' | 'penalty_paise' | 'advance_paise'>):
  | { consumerType: DemandConsumerType; from: string; to: string; lines: { taxHead: TaxHead; amountPaise: number }[] }
  | null {
  const prd = c.previous_reading_date;
  const from = fyStart(prd);
  const to = c.connection_type === 'Metered' ? prd : monthEnd(prd.slice(0, 7));
  if (c.payment_type === 'arrears') {
    const lines: { taxHead: TaxHead; amountPaise: number }[] = [];
    if (c.arrears_paise > 0) lines.push({ taxHead: '10102', amountPaise: c.arrears_paise });
    if (c.penalty_paise > 0) lines.push({ taxHead: '10201', amountPaise: c.penalty_paise });
    return lines.length ? { consumerType: 'waterConnection-arrears', from, to, lines } : null;
  }
  if (c.advance_paise > 0) {
    return { consumerType: 'waterConnection-advance', from, to, lines: [{ taxHead: 'WS_ADVANCE_CARRYFORWARD', amountPaise: -c.advance_paise }] };
  }
  return null;
}

export async function writeOpeningDemand(ctx: Ctx, tenantId: string, userId: string, connectionId: string, c: Parameters<typeof openingDemandPlan>[0]): Promise<string | null> {
  const plan = openingDemandPlan(c);
  if (!plan) return null;
  const prior = await ctx.db
    .selectFrom('demands')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('connection_id', '=', connectionId)
    .where('consumer_type', '=', plan.consumerType)
    .executeTakeFirst();
  const revision = Number(prior?.n ?? 0);
  // The connection's n-th opening demand of this type: two desktops re-entering the arrears of the
  // same consumer offline write one demand, and the server's first copy is kept (sync/converge.ts).
  const demandId = derivedId('opening', connectionId, plan.consumerType, revision);
  const copyId = ctx.newId();
  await ctx.change.insert('demands', {
    id: demandId,
    tenant_id: tenantId,
    connection_id: connectionId,
    consumer_type: plan.consumerType,
    period_from: plan.from,
    period_to: plan.to,
    revision,
    created_at: ctx.nowIso,
    created_by: userId,
    copy_id: copyId,
  });
  for (const line of plan.lines) {
    await ctx.change.insert('demand_lines', {
      id: derivedId('line', demandId, line.taxHead),
      tenant_id: tenantId,
      demand_id: demandId,
      tax_head: line.taxHead,
      amount_paise: line.amountPaise,
      created_at: ctx.nowIso,
      demand_copy_id: copyId,
    });
  }
  return demandId;
}

/** Reverse (cancel) the connection's active opening demands — arrears and advance. */
export async function reverseOpeningDemands(ctx: Ctx, tenantId: string, userId: string, connectionId: string, reason: string): Promise<number> {
  const open = await ctx.db
    .selectFrom('demands as d')
    .leftJoin('demand_reversals as r', 'r.demand_id', 'd.id')
    .select('d.id')
    .where('d.connection_id', '=', connectionId)
    .where('d.consumer_type', 'in', ['waterConnection-arrears', 'waterConnection-advance'])
    .where('r.id', 'is', null)
    .execute();
  for (const d of open) {
    await ctx.change.insert('demand_reversals', { id: reversalIdFor(d.id), tenant_id: tenantId, demand_id: d.id, reason, created_at: ctx.nowIso, created_by: userId });
  }
  return open.length;
}

/**
 * The "first demand" of SPEC §2.7: any non-cancelled regular demand (consumerType
 * waterConnection), or any payment not cancelled. A lone opening arrears/advance demand does
 * not count.
 */
export async function hasFirstDemand(db: AnyDb, connectionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('demands as d')
    .leftJoin('demand_reversals as r', 'r.demand_id', 'd.id')
    .select('d.id')
    .where('d.connection_id', '=', connectionId)
    .where('d.consumer_type', '=', 'waterConnection')
    .where('r.id', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (row) return true;
  const paid = await db
    .selectFrom('payments as p')
    .leftJoin('payment_cancellations as x', 'x.payment_id', 'p.id')
    .select('p.id')
    .where('p.connection_id', '=', connectionId)
    .where('x.id', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return paid !== undefined;
}

export interface CreateOptions {
  tenantId: string;
  tenantCode: string;
  userId: string;
  masters: MasterLists;
  /** Audit action name ('create' from the form, 'import' from a bulk load, 'demo'). */
  action?: string;
}

/** Every rule of SPEC §2.4 that needs the GP or the database, as field problems (empty when fine). */
export async function problemsForCreate(ctx: Ctx, v: ConsumerValues, opts: Pick<CreateOptions, 'tenantId' | 'masters'>): Promise<FieldProblems> {
  const problems = checkConsumer(v, { today: istDate(ctx.now), masters: opts.masters });
  if (!problems['oldConnectionId'] && (await findByOldId(ctx.db, opts.tenantId, v.oldConnectionId))) {
    problems['oldConnectionId'] = { key: 'consumers:errors.duplicateOldConnectionId', params: { id: v.oldConnectionId } };
  }
  return problems;
}

/** Create consumer + connection + opening demand + audit; the values must already be checked. */
export async function insertConsumer(ctx: Ctx, v: ConsumerValues, opts: CreateOptions): Promise<{ connectionId: string; connectionNo: string }> {
  const { tenantId, userId, masters } = opts;
  const consumerId = ctx.newId();
  const connectionId = ctx.newId();
  const ward = v.ward ?? masters.wards[0]?.code ?? 'WARD1';
  const consumer: Omit<ConsumerTable, 'updated_at'> = {
    id: consumerId,
    tenant_id: tenantId,
    name: normaliseName(v.name),
    gender: v.gender,
    father_name: normaliseName(v.fatherName),
    mobile: v.mobile,
    category: v.category ?? null,
    sub_category: v.subCategory ?? null,
    door_no: v.doorNo ?? null,
    street: v.street ?? null,
    ward,
    property_type: v.propertyType,
    created_at: ctx.nowIso,
    created_by: userId,
  };
  await ctx.change.insert('consumers', consumer);
  await ctx.change.insert('consumer_mobiles', { id: ctx.newId(), tenant_id: tenantId, consumer_id: consumerId, mobile: v.mobile, created_at: ctx.nowIso });
  const connectionNo = await nextConnectionNo(ctx, tenantId, opts.tenantCode);
  const metered = v.serviceType === 'Metered';
  const connection: Omit<ConnectionTable, 'updated_at'> = {
    id: connectionId,
    tenant_id: tenantId,
    consumer_id: consumerId,
    connection_no: connectionNo,
    old_connection_no: v.oldConnectionId,
    connection_type: v.serviceType,
    meter_number: metered ? (v.meterNumber ?? null) : null,
    previous_reading_date: storedReadingDate(v),
    previous_reading: metered ? (v.previousReading ?? 0) : null,
    payment_type: v.paymentType,
    arrears_paise: v.paymentType === 'arrears' ? (v.arrears ?? 0) * 100 : 0,
    penalty_paise: v.paymentType === 'arrears' ? (v.penalty ?? 0) * 100 : 0,
    advance_paise: v.paymentType === 'advance' ? (v.advance ?? 0) * 100 : 0,
    status: 'Active',
    status_remarks: null,
    created_at: ctx.nowIso,
    created_by: userId,
  };
  await ctx.change.insert('connections', connection);
  await writeOpeningDemand(ctx, tenantId, userId, connectionId, connection);
  await ctx.audit({
    action: opts.action ?? 'create',
    entity: 'connection',
    entityId: connectionId,
    changes: { connectionNo, ...formValues(consumer, connection) },
  });
  return { connectionId, connectionNo };
}

/** A stored household in the form's shape (what the edit form is pre-filled with, and what the audit compares). */
export function formValues(p: Omit<ConsumerTable, 'updated_at'>, c: Omit<ConnectionTable, 'updated_at'>): Record<string, string | number | null> {
  const metered = c.connection_type === 'Metered';
  return {
    name: p.name,
    gender: p.gender,
    fatherName: p.father_name,
    mobile: p.mobile,
    oldConnectionId: c.old_connection_no,
    category: p.category,
    subCategory: p.sub_category,
    doorNo: p.door_no,
    street: p.street,
    ward: p.ward,
    propertyType: p.property_type,
    serviceType: c.connection_type,
    meterNumber: c.meter_number,
    previousReadingDate: metered ? c.previous_reading_date : null,
    previousReading: metered ? c.previous_reading : null,
    lastBilledCycle: metered ? null : c.previous_reading_date.slice(0, 7),
    paymentType: c.payment_type,
    arrears: c.arrears_paise / 100,
    penalty: c.penalty_paise / 100,
    advance: c.advance_paise / 100,
  };
}

/** Search result rows for connection ids, in the given order. */
export async function rowsFor(db: AnyDb, ids: string[], masters: MasterLists): Promise<ConsumerRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('connections as c')
    .innerJoin('consumers as p', 'p.id', 'c.consumer_id')
    .select([
      'c.id as connectionId',
      'c.connection_no as connectionNo',
      'c.old_connection_no as oldConnectionId',
      'p.name',
      'p.father_name as fatherName',
      'p.mobile',
      'p.door_no as doorNo',
      'p.street',
      'p.ward',
      'c.connection_type as serviceType',
      'c.status',
    ])
    .where('c.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.connectionId, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({ ...r, wardName: masters.wards.find((w) => w.code === r.ward)?.name ?? r.ward }));
}

export { mastersFor };
