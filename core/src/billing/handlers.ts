import type { Transaction } from 'kysely';
import type { Handlers } from '../api/handlers.js';
import { signedIn, type Ctx } from '../api/context.js';
import { fail } from '../api/errors.js';
import { afterRelease } from '../api/after-release.js';
import type { DB } from '../db/schema.js';
import { istDate, monthOf } from '../calendar/dates.js';
import { cityCode, tenantOf } from '../consumers/index.js';
import { mastersFor } from '../consumers/index.js';
import type { Language } from '../i18n/translate.js';
import { currentBill } from './bill.js';
import { billDocument, billsHtml, type BillDocument } from './bill-document.js';
import { cycleSummary, type CycleSummary } from './cycle-summary.js';
import { checkCycle, cycleChoices, generateBulk, planBulk } from './bulk.js';
import type { RateInfo, TariffVersionOut } from './contract.js';
import { generateMetered, meteredInfo } from './metered.js';
import { DEFAULT_TARIFF, tariffFor, tariffHistory, tariffProblems, type Tariff, type TariffVersion } from './tariffs.js';
import type { WriteEnv } from './write.js';
import { reversalIdFor } from '../sync/ids.js';

type BillingOps =
  | 'billing.tariffs.get'
  | 'billing.tariffs.update'
  | 'billing.rateInfo'
  | 'billing.cycles'
  | 'billing.bulkDemandPreview'
  | 'billing.generateBulkDemand'
  | 'billing.meteredInfo'
  | 'billing.generateMeteredBill'
  | 'billing.currentBill'
  | 'billing.reverseDemand'
  | 'billing.billPdf'
  | 'billing.cyclePdf';

const today = (ctx: Ctx) => istDate(ctx.now);
const env = (ctx: Ctx): WriteEnv => ({ db: ctx.db, hlc: () => ctx.hlc(), nowIso: ctx.nowIso, deviceCode: ctx.device.code });
const versionOut = (v: TariffVersion): TariffVersionOut => ({ id: v.id, effectiveFrom: v.effectiveFrom, createdAt: v.createdAt, tariff: v.tariff });

async function connectionFor(db: Transaction<DB>, tenantId: string, connectionId: string) {
  const c = await db
    .selectFrom('connections as c')
    .innerJoin('consumers as p', 'p.id', 'c.consumer_id')
    .select(['c.id', 'c.connection_no', 'c.connection_type', 'c.meter_number', 'p.name', 'p.mobile', 'p.door_no', 'p.street', 'p.ward'])
    .where('c.id', '=', connectionId)
    .where('c.tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!c) throw fail.notFound('consumers:errors.notFound');
  return c;
}

/** The bill document of a connection's latest demand, or as of a given demand. */
export async function billDocumentFor(
  ctx: Ctx,
  tenantId: string,
  connectionId: string,
  lang: Language,
  asOfDemandId?: string,
  summaries = new Map<string, CycleSummary>(),
): Promise<BillDocument> {
  const tenant = await tenantOf(ctx.db, tenantId);
  const c = await connectionFor(ctx.db, tenantId, connectionId);
  const { tariff } = await tariffFor(ctx.db, tenantId, monthOf(today(ctx)));
  const bill = await currentBill(ctx.db, c, tariff.penalty, tariff.dueDays, asOfDemandId);
  const wards = (await mastersFor(ctx, tenantId)).wards;
  const ward = wards.find((w) => w.code === c.ward)?.name ?? c.ward;
  // The previous billing cycle: the month before the bill was issued (computed once per month for a batch).
  let summary: CycleSummary | null = null;
  if (bill.billDate) {
    const month = monthOf(bill.billDate, -1);
    summary = summaries.get(month) ?? (await cycleSummary(ctx.db, tenantId, month));
    summaries.set(month, summary);
  }
  return billDocument(
    lang,
    {
      gpName: tenant.name,
      connectionNo: c.connection_no,
      consumerName: c.name,
      mobile: c.mobile,
      address: [c.door_no, c.street, ward, tenant.name].filter(Boolean).join(', '),
      metered: c.connection_type === 'Metered',
      meterNumber: c.meter_number,
    },
    bill,
    summary,
  );
}

export const billingHandlers: Handlers<BillingOps> = {
  async 'billing.tariffs.get'(ctx) {
    const s = signedIn(ctx);
    const month = monthOf(today(ctx));
    return {
      current: versionOut(await tariffFor(ctx.db, s.tenantId, month)),
      history: (await tariffHistory(ctx.db, s.tenantId)).map(versionOut),
      defaults: DEFAULT_TARIFF,
      nextCycle: monthOf(today(ctx), 1),
    };
  },

  async 'billing.tariffs.update'(ctx, input) {
    const s = signedIn(ctx);
    if (input.effectiveFrom < monthOf(today(ctx))) throw fail.field('effectiveFrom', 'billing.tariff.effectiveFromPast');
    const tariff: Tariff = input.tariff;
    const problems = tariffProblems(tariff);
    if (Object.keys(problems).length) throw fail.validation(problems, Object.values(problems)[0]!.key);
    const before = await tariffFor(ctx.db, s.tenantId, input.effectiveFrom);
    const id = ctx.newId();
    await ctx.change.insert('tariff_versions', { id, tenant_id: s.tenantId, effective_from: input.effectiveFrom, tariff: JSON.stringify(tariff), created_at: ctx.nowIso, created_by: s.userId });
    await ctx.audit({ action: 'updateTariff', entity: 'tariff', entityId: id, changes: { effectiveFrom: input.effectiveFrom, tariff: [before.tariff, tariff] } });
    return { id, effectiveFrom: input.effectiveFrom, createdAt: ctx.nowIso, tariff };
  },

  async 'billing.rateInfo'(ctx) {
    const s = signedIn(ctx);
    const t = await ctx.db.selectFrom('tenants').selectAll().where('id', '=', s.tenantId).executeTakeFirst();
    if (!t) throw fail.notFound();
    const v = await tariffFor(ctx.db, s.tenantId, monthOf(today(ctx)));
    const rates: RateInfo['rates'] = v.tariff.rows.map((r) => ({
      chargeHead: 'WS_CHARGES',
      connectionType: r.connectionType,
      calculationType: r.connectionType === 'Metered' ? 'Water consumption' : 'Flat',
      propertyType: r.propertyType,
      minimumChargePaise: r.minimumChargePaise,
      slabs: r.slabs,
    }));
    return {
      gpwsc: { tenantId: t.id, tenantCode: t.code, villageName: t.name, villageCode: cityCode(t.code), district: t.district, block: t.block, state: t.state },
      rates,
      effectiveFrom: v.effectiveFrom,
    };
  },

  async 'billing.cycles'(ctx) {
    signedIn(ctx);
    return { today: today(ctx), years: cycleChoices(today(ctx)) };
  },

  async 'billing.bulkDemandPreview'(ctx, input) {
    const s = signedIn(ctx);
    checkCycle(input.financialYear, input.month, today(ctx));
    return (await planBulk(ctx.db, s.tenantId, input.month)).preview;
  },

  async 'billing.generateBulkDemand'(ctx, input) {
    const s = signedIn(ctx);
    checkCycle(input.financialYear, input.month, today(ctx));
    const tenant = await tenantOf(ctx.db, s.tenantId);
    const result = await generateBulk(env(ctx), s.tenantId, s.userId, input.month, tenant.name);
    await ctx.audit({ action: 'generateBulkDemand', entity: 'billingCycle', entityId: input.month, changes: { generated: result.generated, alreadyBilled: result.alreadyBilled, inactive: result.inactive, totalPaise: result.totalPaise } });
    return result;
  },

  async 'billing.meteredInfo'(ctx, input) {
    const s = signedIn(ctx);
    return meteredInfo(ctx.db, s.tenantId, input.connectionId, today(ctx));
  },

  async 'billing.generateMeteredBill'(ctx, input) {
    const s = signedIn(ctx);
    const tenant = await tenantOf(ctx.db, s.tenantId);
    const r = await generateMetered(env(ctx), { tenantId: s.tenantId, userId: s.userId, ...input, today: today(ctx), gpName: tenant.name });
    await ctx.audit({ action: 'generateMeteredBill', entity: 'connection', entityId: input.connectionId, changes: { billNo: r.billNo, reading: input.reading, readingDate: input.readingDate, meterStatus: input.meterStatus, totalPaise: r.totalPaise } });
    return r;
  },

  async 'billing.currentBill'(ctx, input) {
    const s = signedIn(ctx);
    const c = await connectionFor(ctx.db, s.tenantId, input.connectionId);
    const { tariff } = await tariffFor(ctx.db, s.tenantId, monthOf(today(ctx)));
    return currentBill(ctx.db, c, tariff.penalty, tariff.dueDays);
  },

  async 'billing.reverseDemand'(ctx, input) {
    const s = signedIn(ctx);
    const d = await ctx.db.selectFrom('demands').selectAll().where('id', '=', input.demandId).where('tenant_id', '=', s.tenantId).executeTakeFirst();
    if (!d) throw fail.notFound('billing.demandNotFound');
    const done = await ctx.db.selectFrom('demand_reversals').select('id').where('demand_id', '=', d.id).executeTakeFirst();
    if (done) throw fail.conflict('billing.alreadyReversed');
    const paid = await ctx.db
      .selectFrom('payment_allocations as a')
      .innerJoin('demand_lines as l', 'l.id', 'a.demand_line_id')
      .leftJoin('payment_cancellations as c', 'c.payment_id', 'a.payment_id')
      .select('a.id')
      .where('l.demand_id', '=', d.id)
      .where('c.id', 'is', null)
      .where('a.amount_paise', '!=', 0)
      .executeTakeFirst();
    if (paid) throw fail.conflict('billing.reverseHasPayments');
    await ctx.change.insert('demand_reversals', { id: reversalIdFor(d.id), tenant_id: s.tenantId, demand_id: d.id, reason: input.reason, created_at: ctx.nowIso, created_by: s.userId });
    await ctx.audit({ action: 'reverseDemand', entity: 'demand', entityId: d.id, changes: { reason: input.reason, connectionId: d.connection_id, periodFrom: d.period_from, periodTo: d.period_to } });
    return { demandId: d.id };
  },

  async 'billing.billPdf'(ctx, input) {
    const s = signedIn(ctx);
    const lang = input.lang ?? ctx.lang;
    let connectionId = input.connectionId;
    if (input.demandId) {
      const d = await ctx.db.selectFrom('demands').select(['connection_id']).where('id', '=', input.demandId).where('tenant_id', '=', s.tenantId).executeTakeFirst();
      if (!d) throw fail.notFound('billing.demandNotFound');
      connectionId = d.connection_id;
    }
    const doc = await billDocumentFor(ctx, s.tenantId, connectionId!, lang, input.demandId);
    return afterRelease(async () => {
      const pdf = await ctx.pdf.print(billsHtml([doc], lang));
      return { fileName: `${doc.billNo}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64') };
    });
  },

  async 'billing.cyclePdf'(ctx, input) {
    const s = signedIn(ctx);
    const lang = input.lang ?? ctx.lang;
    const { from, to } = { from: `${input.month}-01`, to: `${input.month}-31` };
    const demands = await ctx.db
      .selectFrom('demands as d')
      .innerJoin('connections as c', 'c.id', 'd.connection_id')
      .leftJoin('demand_reversals as r', 'r.demand_id', 'd.id')
      .select(['d.id', 'd.connection_id'])
      .where('d.tenant_id', '=', s.tenantId)
      .where('d.consumer_type', '=', 'waterConnection')
      .where('d.period_to', '>=', from)
      .where('d.period_to', '<=', to)
      .where('r.id', 'is', null)
      .orderBy('c.connection_no')
      .execute();
    if (demands.length === 0) throw fail.notFound('billing.noBillsForCycle');
    const docs: BillDocument[] = [];
    const summaries = new Map<string, CycleSummary>();
    for (const d of demands) docs.push(await billDocumentFor(ctx, s.tenantId, d.connection_id, lang, d.id, summaries));
    return afterRelease(async () => {
      const pdf = await ctx.pdf.print(billsHtml(docs, lang));
      return { fileName: `bills-${input.month}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), bills: docs.length };
    });
  },
};
