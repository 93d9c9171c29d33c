import type { Handlers } from '../api/handlers.js';
import { signedIn, type Ctx } from '../api/context.js';
import { fail } from '../api/errors.js';
import type { AuditRow, ConsumerDetail, ConsumerValues, DemandSummary, MasterItem } from './contract.js';
import {
  cityCode,
  findByOldId,
  formValues,
  hasFirstDemand,
  insertConsumer,
  mastersFor,
  problemsForCreate,
  reverseOpeningDemands,
  rowsFor,
  storedReadingDate,
  tenantOf,
  writeOpeningDemand,
} from './consumers.js';
import { istDate, recentCompletedMonths } from '../calendar/dates.js';
import { nameVocabularyChanged, searchIds } from './search.js';
import { checkConsumer, normaliseName, readingDateMax, readingDateMin } from './validation.js';
import { buildTemplate, importConsumers } from './import.js';

type ConsumerOps =
  | 'consumers.formInfo'
  | 'consumers.create'
  | 'consumers.search'
  | 'consumers.get'
  | 'consumers.update'
  | 'consumers.duplicates'
  | 'consumers.importTemplate'
  | 'consumers.import'
  | 'masterdata.get'
  | 'masterdata.update';

/** Fields whose change after the first demand is refused (SPEC §2.7), with the message key. */
const LOCKED_AFTER_FIRST_DEMAND: Record<string, string> = {
  oldConnectionId: 'consumers:errors.lockedOldConnectionId',
  previousReadingDate: 'consumers:errors.lockedPreviousReading',
  lastBilledCycle: 'consumers:errors.lockedPreviousReading',
  previousReading: 'consumers:errors.lockedPreviousReading',
  paymentType: 'consumers:errors.lockedArrears',
  arrears: 'consumers:errors.lockedArrears',
  penalty: 'consumers:errors.lockedArrears',
  advance: 'consumers:errors.lockedArrears',
};
const OPENING_FIELDS = ['previousReadingDate', 'lastBilledCycle', 'paymentType', 'arrears', 'penalty', 'advance'];

/** The input in the stored form's shape, for comparison with formValues(). */
function inputValues(v: ConsumerValues, wardDefault: string): Record<string, string | number | null> {
  const metered = v.serviceType === 'Metered';
  return {
    name: normaliseName(v.name),
    gender: v.gender,
    fatherName: normaliseName(v.fatherName),
    mobile: v.mobile,
    oldConnectionId: v.oldConnectionId,
    category: v.category ?? null,
    subCategory: v.subCategory ?? null,
    doorNo: v.doorNo ?? null,
    street: v.street ?? null,
    ward: v.ward ?? wardDefault,
    propertyType: v.propertyType,
    serviceType: v.serviceType,
    meterNumber: metered ? (v.meterNumber ?? null) : null,
    previousReadingDate: metered ? (v.previousReadingDate ?? null) : null,
    previousReading: metered ? (v.previousReading ?? 0) : null,
    lastBilledCycle: metered ? null : (v.lastBilledCycle ?? null),
    paymentType: v.paymentType,
    arrears: v.paymentType === 'arrears' ? (v.arrears ?? 0) : 0,
    penalty: v.paymentType === 'arrears' ? (v.penalty ?? 0) : 0,
    advance: v.paymentType === 'advance' ? (v.advance ?? 0) : 0,
  };
}

async function loadHousehold(ctx: Ctx, tenantId: string, connectionId: string) {
  const c = await ctx.db.selectFrom('connections').selectAll().where('id', '=', connectionId).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!c) throw fail.notFound('consumers:errors.notFound');
  const p = await ctx.db.selectFrom('consumers').selectAll().where('id', '=', c.consumer_id).executeTakeFirstOrThrow();
  return { c, p };
}

export const consumersHandlers: Handlers<ConsumerOps> = {
  'consumers.formInfo': async (ctx) => {
    const s = signedIn(ctx);
    const tenant = await tenantOf(ctx.db, s.tenantId);
    const today = istDate(ctx.now);
    return {
      gramPanchayat: `${tenant.name} - ${cityCode(tenant.code)}`,
      cityCode: cityCode(tenant.code),
      masters: await mastersFor(ctx, s.tenantId),
      billingCycles: recentCompletedMonths(today, 2),
      readingDateMin: readingDateMin(today),
      readingDateMax: readingDateMax(today),
      today,
    };
  },

  'consumers.create': async (ctx, input) => {
    const s = signedIn(ctx);
    const tenant = await tenantOf(ctx.db, s.tenantId);
    const masters = await mastersFor(ctx, s.tenantId);
    const problems = await problemsForCreate(ctx, input, { tenantId: s.tenantId, masters });
    const dup = problems['oldConnectionId'];
    if (dup?.key === 'consumers:errors.duplicateOldConnectionId' && Object.keys(problems).length === 1) {
      throw fail.conflict(dup.key, dup.params, 'oldConnectionId');
    }
    if (Object.keys(problems).length) throw fail.validation(problems);
    return insertConsumer(ctx, input, { tenantId: s.tenantId, tenantCode: tenant.code, userId: s.userId, masters });
  },

  'consumers.search': async (ctx, input) => {
    const s = signedIn(ctx);
    const limit = input.limit ?? 50;
    const { ids, truncated, fuzzy } = await searchIds(ctx.db, s.tenantId, input, limit);
    const rows = await rowsFor(ctx.db, ids, await mastersFor(ctx, s.tenantId));
    if (input.name) rows.sort((a, b) => a.name.localeCompare(b.name) || a.connectionNo.localeCompare(b.connectionNo));
    return { results: rows, truncated, fuzzy };
  },

  'consumers.get': async (ctx, input) => {
    const s = signedIn(ctx);
    const { c, p } = await loadHousehold(ctx, s.tenantId, input.connectionId);
    const tenant = await tenantOf(ctx.db, s.tenantId);
    const masters = await mastersFor(ctx, s.tenantId);
    const [row] = await rowsFor(ctx.db, [c.id], masters);
    const mobiles = await ctx.db.selectFrom('consumer_mobiles').select('mobile').where('consumer_id', '=', p.id).orderBy('created_at').execute();
    const demandRows = await ctx.db
      .selectFrom('demands as d')
      .leftJoin('demand_reversals as r', 'r.demand_id', 'd.id')
      .select(['d.id', 'd.consumer_type', 'd.period_from', 'd.period_to', 'r.id as reversalId'])
      .where('d.connection_id', '=', c.id)
      .orderBy('d.period_from')
      .orderBy('d.created_at')
      .execute();
    const lines = demandRows.length
      ? await ctx.db.selectFrom('demand_lines').select(['demand_id', 'tax_head', 'amount_paise']).where('demand_id', 'in', demandRows.map((d) => d.id)).execute()
      : [];
    const fromPayments = new Set(
      (await ctx.db.selectFrom('payments').select('advance_demand_id').where('connection_id', '=', c.id).where('advance_demand_id', 'is not', null).execute()).map(
        (r) => r.advance_demand_id,
      ),
    );
    const demands: DemandSummary[] = demandRows.map((d) => ({
      id: d.id,
      consumerType: d.consumer_type,
      periodFrom: d.period_from,
      periodTo: d.period_to,
      cancelled: d.reversalId !== null,
      opening: d.consumer_type !== 'waterConnection' && !fromPayments.has(d.id),
      lines: lines.filter((l) => l.demand_id === d.id).map((l) => ({ taxHead: l.tax_head, amountPaise: l.amount_paise })),
    }));
    const auditRows = await ctx.db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.at', 'a.action', 'a.changes', 'u.name as userName'])
      .where('a.entity', '=', 'connection')
      .where('a.entity_id', '=', c.id)
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    const audit: AuditRow[] = auditRows.map((a) => ({ at: a.at, action: a.action, userName: a.userName, changes: JSON.parse(a.changes) as Record<string, unknown> }));
    const values = formValues(p, c);
    const detail: ConsumerDetail = {
      ...row!,
      gramPanchayat: `${tenant.name} - ${cityCode(tenant.code)}`,
      gender: p.gender,
      previousMobiles: mobiles.map((m) => m.mobile).filter((m) => m !== p.mobile),
      category: p.category,
      subCategory: p.sub_category,
      propertyType: p.property_type,
      meterNumber: c.meter_number,
      previousReadingDate: c.previous_reading_date,
      previousReading: c.previous_reading,
      lastBilledCycle: values['lastBilledCycle'] as string | null,
      paymentType: c.payment_type,
      arrears: c.arrears_paise / 100,
      penalty: c.penalty_paise / 100,
      advance: c.advance_paise / 100,
      statusRemarks: c.status_remarks,
      historyLocked: await hasFirstDemand(ctx.db, c.id),
      demands,
      audit,
      createdAt: c.created_at,
    };
    return detail;
  },

  'consumers.update': async (ctx, input) => {
    const s = signedIn(ctx);
    const { c, p } = await loadHousehold(ctx, s.tenantId, input.connectionId);
    const masters = await mastersFor(ctx, s.tenantId);
    const before = formValues(p, c);
    const after = inputValues(input, p.ward);
    const changedFields = Object.keys(after).filter((k) => before[k] !== after[k]);
    const unchanged = new Set(Object.keys(after).filter((k) => before[k] === after[k]));

    if (after['serviceType'] !== before['serviceType']) throw fail.field('serviceType', 'consumers:errors.serviceTypeReadOnly');
    const problems = checkConsumer(input, { today: istDate(ctx.now), masters, unchanged });
    if (await hasFirstDemand(ctx.db, c.id)) {
      for (const f of changedFields) {
        const key = LOCKED_AFTER_FIRST_DEMAND[f];
        if (key && !problems[f]) problems[f] = { key };
      }
    }
    const wasActive = c.status === 'Active';
    const statusChanges = wasActive !== input.active;
    if (statusChanges && !input.remarks) problems['remarks'] = { key: 'consumers:validation.remarksRequired' };
    if (Object.keys(problems).length) throw fail.validation(problems);
    if (changedFields.includes('oldConnectionId') && (await findByOldId(ctx.db, s.tenantId, input.oldConnectionId, c.id))) {
      throw fail.conflict('consumers:errors.duplicateOldConnectionId', { id: input.oldConnectionId }, 'oldConnectionId');
    }
    if (changedFields.length === 0 && !statusChanges) return { connectionId: c.id, changed: [] };

    const consumerPatch = {
      name: after['name'] as string,
      gender: input.gender,
      father_name: after['fatherName'] as string,
      mobile: input.mobile,
      category: input.category ?? null,
      sub_category: input.subCategory ?? null,
      door_no: input.doorNo ?? null,
      street: input.street ?? null,
      ward: after['ward'] as string,
      property_type: input.propertyType,
    };
    const personFields = ['name', 'gender', 'fatherName', 'mobile', 'category', 'subCategory', 'doorNo', 'street', 'ward', 'propertyType'];
    if (changedFields.some((f) => personFields.includes(f))) await ctx.change.update('consumers', p.id, consumerPatch);
    if (changedFields.includes('name')) nameVocabularyChanged();
    if (input.mobile !== p.mobile) {
      const known = await ctx.db.selectFrom('consumer_mobiles').select('id').where('consumer_id', '=', p.id).where('mobile', '=', input.mobile).executeTakeFirst();
      if (!known) await ctx.change.insert('consumer_mobiles', { id: ctx.newId(), tenant_id: s.tenantId, consumer_id: p.id, mobile: input.mobile, created_at: ctx.nowIso });
    }
    const metered = c.connection_type === 'Metered';
    const connectionPatch = {
      old_connection_no: input.oldConnectionId,
      meter_number: metered ? (input.meterNumber ?? null) : null,
      previous_reading_date: storedReadingDate(input),
      previous_reading: metered ? (input.previousReading ?? 0) : null,
      payment_type: input.paymentType,
      arrears_paise: (after['arrears'] as number) * 100,
      penalty_paise: (after['penalty'] as number) * 100,
      advance_paise: (after['advance'] as number) * 100,
      status: input.active ? ('Active' as const) : ('Inactive' as const),
      status_remarks: statusChanges ? (input.remarks ?? null) : c.status_remarks,
    };
    const connectionFields = ['oldConnectionId', 'meterNumber', 'previousReading', ...OPENING_FIELDS];
    if (statusChanges || changedFields.some((f) => connectionFields.includes(f))) await ctx.change.update('connections', c.id, connectionPatch);

    // Before the first demand the opening balance may change: the old opening demand is
    // reversed and a new one written (money stays append-only).
    if (changedFields.some((f) => OPENING_FIELDS.includes(f))) {
      await reverseOpeningDemands(ctx, s.tenantId, s.userId, c.id, 'consumer edited: opening balance or previous reading changed');
      await writeOpeningDemand(ctx, s.tenantId, s.userId, c.id, { ...c, ...connectionPatch });
    }

    const changes: Record<string, unknown> = Object.fromEntries(changedFields.map((f) => [f, [before[f], after[f]]]));
    if (statusChanges) {
      changes['status'] = [c.status, connectionPatch.status];
      changes['remarks'] = input.remarks;
    }
    const action = statusChanges ? (input.active ? 'reactivate' : 'deactivate') : 'update';
    await ctx.audit({ action, entity: 'connection', entityId: c.id, changes });
    return { connectionId: c.id, changed: [...changedFields, ...(statusChanges ? ['status'] : [])] };
  },

  'consumers.duplicates': async (ctx) => {
    const s = signedIn(ctx);
    const rows = await ctx.db
      .selectFrom('connections')
      .select(['id', 'old_connection_no'])
      .where('tenant_id', '=', s.tenantId)
      .where('old_connection_no', 'in', (eb) =>
        eb.selectFrom('connections').select('old_connection_no').where('tenant_id', '=', s.tenantId).groupBy('old_connection_no').having((h) => h.fn.countAll(), '>', 1),
      )
      .orderBy('old_connection_no')
      .execute();
    const masters = await mastersFor(ctx, s.tenantId);
    const groups = new Map<string, string[]>();
    for (const r of rows) {
      const k = r.old_connection_no.toUpperCase();
      groups.set(k, [...(groups.get(k) ?? []), r.id]);
    }
    const out = [];
    for (const [oldConnectionId, ids] of groups) out.push({ oldConnectionId, connections: await rowsFor(ctx.db, ids, masters) });
    return out;
  },

  'consumers.importTemplate': async (ctx, input) => buildTemplate(ctx.lang, input.format),

  'consumers.import': async (ctx, input) => importConsumers(ctx, input),

  'masterdata.get': async (ctx) => mastersFor(ctx, signedIn(ctx).tenantId),

  'masterdata.update': async (ctx, input) => {
    const s = signedIn(ctx);
    const current = await mastersFor(ctx, s.tenantId);
    const items: MasterItem[] = input.items.map((i) => (i.name ? { code: i.code, name: i.name } : { code: i.code }));
    if (input.list === 'wards' && items.some((i) => !i.name)) {
      const at = items.findIndex((i) => !i.name);
      throw fail.field(`items.${at}.name`, 'validation.required');
    }
    const existing = await ctx.db
      .selectFrom('consumer_masters')
      .select('id')
      .where('tenant_id', '=', s.tenantId)
      .where('list', '=', input.list)
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    if (existing) await ctx.change.update('consumer_masters', existing.id, { items: JSON.stringify(items) });
    else await ctx.change.insert('consumer_masters', { id: ctx.newId(), tenant_id: s.tenantId, list: input.list, items: JSON.stringify(items), created_at: ctx.nowIso });
    await ctx.audit({ action: 'updateMasters', entity: 'consumerMasters', entityId: `${s.tenantId}/${input.list}`, changes: { [input.list]: [current[input.list], items] } });
    return { ...current, [input.list]: items };
  },
};
