import { sql } from 'kysely';
import type { Ctx } from '../api/context.js';
import { ApiError, fail } from '../api/errors.js';
import { apportion } from '../billing/index.js';
import { istDate } from '../calendar/dates.js';
import { ledgerLines, balancePaise } from '../ledger/outstanding.js';
import { financialYearLabel, nextInSeries, padSeq } from '../numbering/series.js';
import { formatRupees } from '../documents/money.js';
import { cancellationIdFor, reversalIdFor } from '../sync/ids.js';
import type { CollectResult } from './contract.js';
import type { z } from 'zod';
import type { collectInput, cancelInput } from './contract.js';

/**
 * The money rules of a collection (SPEC §2.10, §4.6, §4.7, Part A.5). Everything a payment
 * writes — the payment row, its allocations, the advance demand for a surplus, the receipt
 * snapshot, the receipt number, the queued SMS and in-app event, and every outbox entry — is
 * written in the ONE transaction the dispatcher gives the handler: all or nothing.
 */

/** `WS/<FY>/<device>-<seq>`, see contract.ts. */
export async function nextReceiptNo(ctx: Ctx, tenantId: string, paidOn: string): Promise<string> {
  const fy = financialYearLabel(paidOn);
  const seq = await nextInSeries(ctx.db, 'WS_RECEIPT', `${tenantId}/${fy}`);
  return `WS/${fy}/${ctx.device.code}-${padSeq(seq)}`;
}

/** The public path of a receipt, for SMS links; the central relay puts its own origin in front. */
export function receiptLinkPath(tenantCode: string, paymentId: string): string {
  return `/r/${tenantCode}/${paymentId}`;
}
export function feedbackLinkPath(tenantCode: string, paymentId: string): string {
  return `/feedback/${tenantCode}/${paymentId}`;
}

async function resultOf(ctx: Ctx, paymentId: string, repeated: boolean): Promise<CollectResult> {
  const p = await ctx.db
    .selectFrom('payments as p')
    .innerJoin('receipt_snapshots as s', 's.payment_id', 'p.id')
    .select(['p.id', 'p.receipt_no', 'p.amount_paise', 'p.paid_on', 's.due_before_paise'])
    .where('p.id', '=', paymentId)
    .executeTakeFirstOrThrow();
  const after = p.due_before_paise - p.amount_paise;
  return {
    paymentId: p.id,
    receiptNo: p.receipt_no,
    amountPaise: p.amount_paise,
    dueBeforePaise: p.due_before_paise,
    pendingPaise: Math.max(0, after),
    advancePaise: Math.max(0, -after),
    paidOn: p.paid_on,
    repeated,
  };
}

/** A metered connection collects nothing before its first meter bill (SPEC §2.6). */
async function meteredWithoutBill(ctx: Ctx, connectionId: string): Promise<boolean> {
  const d = await ctx.db
    .selectFrom('demands as d')
    .select('d.id')
    .where('d.connection_id', '=', connectionId)
    .where('d.consumer_type', '=', 'waterConnection')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('demand_reversals as r').select('r.id').whereRef('r.demand_id', '=', 'd.id'))))
    .limit(1)
    .executeTakeFirst();
  return d === undefined;
}

/** `quiet`: queue no SMS and no in-app event (demo data: no messages to made-up mobiles). */
export async function collect(
  ctx: Ctx,
  tenantId: string,
  userId: string,
  input: z.output<typeof collectInput>,
  options: { quiet?: boolean } = {},
): Promise<CollectResult> {
  // A double click, or a retry after a lost answer: the first payment's result, nothing new.
  const earlier = await ctx.db.selectFrom('payments').select(['id', 'tenant_id']).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
  if (earlier) {
    if (earlier.tenant_id !== tenantId) throw fail.conflict('collections.errors.notFound');
    return resultOf(ctx, earlier.id, true);
  }

  const conn = await ctx.db
    .selectFrom('connections as c')
    .innerJoin('consumers as p', 'p.id', 'c.consumer_id')
    .innerJoin('tenants as t', 't.id', 'c.tenant_id')
    .select(['c.id', 'c.connection_no', 'c.connection_type', 'p.name', 'p.mobile', 't.code as tenant_code'])
    .where('c.id', '=', input.connectionId)
    .where('c.tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!conn) throw fail.notFound('collections.errors.connectionNotFound');
  if (conn.connection_type === 'Metered' && (await meteredWithoutBill(ctx, conn.id))) {
    throw new ApiError('VALIDATION', 'collections.errors.meteredNoBill');
  }

  const lines = await ledgerLines(ctx.db, conn.id);
  const dueBefore = balancePaise(lines);
  if (dueBefore <= 0 && input.confirmAdvance !== true) throw fail.field('confirmAdvance', 'collections.errors.nothingDue');

  const amountPaise = input.amountRupees * 100;
  const open = lines.filter((l) => l.outstandingPaise !== 0);
  const { allocations, advancePaise } = apportion(
    open.map((l) => ({ ref: l.lineId, periodFrom: l.periodFrom, taxHead: l.taxHead, outstandingPaise: l.outstandingPaise })),
    amountPaise,
  );

  const paidOn = istDate(ctx.now);
  const receiptNo = await nextReceiptNo(ctx, tenantId, paidOn);
  const paymentId = ctx.newId();

  // The surplus becomes advance (SPEC §4.6): a new advance demand whose credit line is −surplus.
  let advanceDemandId: string | null = null;
  if (advancePaise > 0) {
    advanceDemandId = ctx.newId();
    const prior = await ctx.db
      .selectFrom('demands')
      .select((eb) => eb.fn.max('revision').as('r'))
      .where('connection_id', '=', conn.id)
      .where('consumer_type', '=', 'waterConnection-advance')
      .where('period_from', '=', paidOn)
      .where('period_to', '=', paidOn)
      .executeTakeFirst();
    const revision = prior?.r === null || prior?.r === undefined ? 0 : Number(prior.r) + 1;
    await ctx.change.insert('demands', {
      id: advanceDemandId,
      tenant_id: tenantId,
      connection_id: conn.id,
      consumer_type: 'waterConnection-advance',
      period_from: paidOn,
      period_to: paidOn,
      revision,
      created_at: ctx.nowIso,
      created_by: userId,
      copy_id: null, // a fresh id: only this desktop can write it
    });
    await ctx.change.insert('demand_lines', {
      id: ctx.newId(),
      tenant_id: tenantId,
      demand_id: advanceDemandId,
      tax_head: 'WS_ADVANCE_CARRYFORWARD',
      amount_paise: -advancePaise,
      created_at: ctx.nowIso,
    });
  }

  await ctx.change.insert('payments', {
    id: paymentId,
    tenant_id: tenantId,
    connection_id: conn.id,
    receipt_no: receiptNo,
    amount_paise: amountPaise,
    mode: input.mode,
    payer_name: input.payerName ?? null,
    payer_mobile: input.payerMobile ?? null,
    paid_on: paidOn,
    idempotency_key: input.idempotencyKey,
    advance_demand_id: advanceDemandId,
    created_at: ctx.nowIso,
    created_by: userId,
  });
  for (const a of allocations) {
    await ctx.change.insert('payment_allocations', {
      id: ctx.newId(),
      tenant_id: tenantId,
      payment_id: paymentId,
      demand_line_id: a.ref,
      amount_paise: a.paise,
      created_at: ctx.nowIso,
    });
  }
  await ctx.change.insert('receipt_snapshots', {
    id: ctx.newId(),
    tenant_id: tenantId,
    payment_id: paymentId,
    due_before_paise: dueBefore,
    created_at: ctx.nowIso,
  });

  const after = dueBefore - amountPaise;
  if (!options.quiet) await queuePaymentMessages(ctx, {
    tenantId,
    tenantCode: conn.tenant_code,
    paymentId,
    receiptNo,
    connectionNo: conn.connection_no,
    consumerName: conn.name,
    mobile: conn.mobile,
    amountPaise,
    pendingPaise: Math.max(0, after),
  });

  return {
    paymentId,
    receiptNo,
    amountPaise,
    dueBeforePaise: dueBefore,
    pendingPaise: Math.max(0, after),
    advancePaise: Math.max(0, -after),
    paidOn,
    repeated: false,
  };
}

/**
 * SPEC §8.1 "payment received" (Gram.Consumer.DownloadReceipt) and "feedback request"
 * (mGram.Consumer.TakeSurvey) to the consumer's current mobile, queued in sms_outbox for the
 * central relay; and the in-app payment event of §8.2 (WS_PAYMENT_NOTIFICATION_APP) for the GP
 * admins, one per payment (period_key = payment id).
 */
async function queuePaymentMessages(
  ctx: Ctx,
  m: { tenantId: string; tenantCode: string; paymentId: string; receiptNo: string; connectionNo: string; consumerName: string; mobile: string; amountPaise: number; pendingPaise: number },
): Promise<void> {
  const rupees = (p: number) => (p / 100).toFixed(p % 100 === 0 ? 0 : 2);
  await ctx.change.insert('sms_outbox', {
    id: ctx.newId(),
    tenant_id: m.tenantId,
    to_mobile: m.mobile,
    template_key: 'Gram.Consumer.DownloadReceipt',
    params: JSON.stringify({
      amountpaid: rupees(m.amountPaise),
      pendingamount: rupees(m.pendingPaise),
      consumercode: m.connectionNo,
      receiptno: m.receiptNo,
      RECEIPT_LINK: receiptLinkPath(m.tenantCode, m.paymentId),
    }),
    status: 'queued',
    created_at: ctx.nowIso,
  });
  await ctx.change.insert('sms_outbox', {
    id: ctx.newId(),
    tenant_id: m.tenantId,
    to_mobile: m.mobile,
    template_key: 'mGram.Consumer.TakeSurvey',
    params: JSON.stringify({ SURVEY_LINK: feedbackLinkPath(m.tenantCode, m.paymentId), consumercode: m.connectionNo }),
    status: 'queued',
    created_at: ctx.nowIso,
  });
  await ctx.db
    .insertInto('notifications')
    .values({
      id: ctx.newId(),
      tenant_id: m.tenantId,
      code: 'collections.notifications.payment',
      params: JSON.stringify({ amount: formatRupees(m.amountPaise), name: m.consumerName, connectionNo: m.connectionNo, receiptNo: m.receiptNo }),
      action_route: null,
      roles: JSON.stringify(['GP_ADMIN']),
      period_key: m.paymentId,
      created_at: ctx.nowIso,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Cancel a receipt (Part A.5): a `payment_cancellations` row (its allocations stop counting, so
 * the balance returns) and, in the same transaction, the reversal of the advance demand it
 * created. Refused when that advance was already used by a later, still valid payment: the
 * later receipts must be cancelled first, or the books would count the same credit twice.
 */
export async function cancelReceipt(ctx: Ctx, tenantId: string, userId: string, input: z.output<typeof cancelInput>) {
  const p = await ctx.db
    .selectFrom('payments')
    .select(['id', 'receipt_no', 'connection_id', 'advance_demand_id', 'amount_paise'])
    .where('id', '=', input.paymentId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!p) throw fail.notFound('collections.errors.notFound');
  const done = await ctx.db.selectFrom('payment_cancellations').select('id').where('payment_id', '=', p.id).executeTakeFirst();
  if (done) throw fail.conflict('collections.errors.alreadyCancelled', { receiptNo: p.receipt_no });

  if (p.advance_demand_id) {
    const users = await sql<{ receipt_no: string }>`
      SELECT DISTINCT q.receipt_no FROM payment_allocations a
      JOIN demand_lines l ON l.id = a.demand_line_id
      JOIN payments q ON q.id = a.payment_id
      WHERE l.demand_id = ${p.advance_demand_id} AND a.payment_id <> ${p.id}
        AND NOT EXISTS (SELECT 1 FROM payment_cancellations c WHERE c.payment_id = a.payment_id)
      ORDER BY q.receipt_no`.execute(ctx.db);
    if (users.rows.length) {
      throw fail.conflict('collections.errors.advanceUsed', { receiptNo: p.receipt_no, later: users.rows.map((r) => r.receipt_no).join(', ') });
    }
  }

  await ctx.change.insert('payment_cancellations', {
    id: cancellationIdFor(p.id),
    tenant_id: tenantId,
    payment_id: p.id,
    reason: input.reason,
    created_at: ctx.nowIso,
    created_by: userId,
  });
  if (p.advance_demand_id) {
    const reversed = await ctx.db.selectFrom('demand_reversals').select('id').where('demand_id', '=', p.advance_demand_id).executeTakeFirst();
    if (!reversed) {
      await ctx.change.insert('demand_reversals', {
        id: reversalIdFor(p.advance_demand_id),
        tenant_id: tenantId,
        demand_id: p.advance_demand_id,
        reason: `receipt ${p.receipt_no} cancelled: ${input.reason}`.slice(0, 200),
        created_at: ctx.nowIso,
        created_by: userId,
      });
    }
  }
  await ctx.audit({
    action: 'cancelReceipt',
    entity: 'payment',
    entityId: p.id,
    changes: { receiptNo: p.receipt_no, amountPaise: p.amount_paise, reason: input.reason },
  });
  const balance = balancePaise(await ledgerLines(ctx.db, p.connection_id));
  return { paymentId: p.id, receiptNo: p.receipt_no, balancePaise: balance };
}
