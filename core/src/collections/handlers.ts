import type { Handlers } from '../api/handlers.js';
import { signedIn } from '../api/context.js';
import { fail } from '../api/errors.js';
import { afterRelease } from '../api/after-release.js';
import { istDate } from '../calendar/dates.js';
import { ledgerLines, balancePaise } from '../ledger/outstanding.js';
import { cancelReceipt, collect } from './collect.js';
import { ENABLED_MODES, PAYMENT_CAP_RUPEES, type collectionsContract } from './contract.js';
import { receiptFileName, receiptPdf } from './receipt-document.js';
import { collectionRegister, listReceipts, loadReceipt } from './receipts.js';

type CollectionOps = keyof typeof collectionsContract;

export const collectionsHandlers: Handlers<CollectionOps> = {
  'collections.info': async (ctx, input) => {
    const s = signedIn(ctx);
    const c = await ctx.db
      .selectFrom('connections as c')
      .innerJoin('consumers as p', 'p.id', 'c.consumer_id')
      .select(['c.id', 'c.connection_no', 'c.connection_type', 'p.name'])
      .where('c.id', '=', input.connectionId)
      .where('c.tenant_id', '=', s.tenantId)
      .executeTakeFirst();
    if (!c) throw fail.notFound('collections.errors.connectionNotFound');
    const lines = await ledgerLines(ctx.db, c.id);
    const hasBill = lines.some((l) => l.consumerType === 'waterConnection');
    return {
      connectionId: c.id,
      connectionNo: c.connection_no,
      consumerName: c.name,
      serviceType: c.connection_type,
      balancePaise: balancePaise(lines),
      lines: lines
        .filter((l) => l.outstandingPaise !== 0)
        .map((l) => ({ periodFrom: l.periodFrom, periodTo: l.periodTo, consumerType: l.consumerType, taxHead: l.taxHead, outstandingPaise: l.outstandingPaise })),
      capRupees: PAYMENT_CAP_RUPEES,
      modes: ENABLED_MODES,
      blocked: c.connection_type === 'Metered' && !hasBill,
    };
  },

  'collections.collect': async (ctx, input) => {
    const s = signedIn(ctx);
    return collect(ctx, s.tenantId, s.userId, input);
  },

  'collections.cancelReceipt': async (ctx, input) => {
    const s = signedIn(ctx);
    return cancelReceipt(ctx, s.tenantId, s.userId, input);
  },

  'collections.receipts': async (ctx, input) => {
    const s = signedIn(ctx);
    return listReceipts(ctx.db, s.tenantId, input.connectionId);
  },

  'collections.receipt': async (ctx, input) => {
    const s = signedIn(ctx);
    return loadReceipt(ctx.db, s.tenantId, input.paymentId);
  },

  'collections.receiptPdf': async (ctx, input) => {
    const s = signedIn(ctx);
    const m = await loadReceipt(ctx.db, s.tenantId, input.paymentId, { withSummary: { today: istDate(ctx.now) } });
    return afterRelease(async () => {
      const pdf = await receiptPdf(ctx.pdf, m, input.lang ?? ctx.lang, input.paper ?? 'A4');
      return { fileName: receiptFileName(m), mimeType: 'application/pdf', base64: pdf.toString('base64') };
    });
  },

  'collections.register': async (ctx, input) => {
    const s = signedIn(ctx);
    if (input.from > input.to) throw fail.field('to', 'validation.invalid');
    return collectionRegister(ctx.db, s.tenantId, input.from, input.to, input.collectorId);
  },

  'collections.feedback': async (ctx, input) => {
    const s = signedIn(ctx);
    const p = await ctx.db
      .selectFrom('payments')
      .select(['id', 'connection_id'])
      .where('id', '=', input.paymentId)
      .where('tenant_id', '=', s.tenantId)
      .executeTakeFirst();
    if (!p) throw fail.notFound('collections.errors.notFound');
    const done = await ctx.db.selectFrom('payment_feedback').select('id').where('payment_id', '=', p.id).executeTakeFirst();
    if (done) throw fail.conflict('collections.errors.feedbackExists');
    // Each answer under its own question (the original swapped "regular" and "quality", Part A.9).
    await ctx.change.insert('payment_feedback', {
      id: ctx.newId(),
      tenant_id: s.tenantId,
      payment_id: p.id,
      connection_id: p.connection_id,
      happy_with_supply: input.happyWithSupply,
      supply_regular: input.supplyRegular,
      quality_good: input.qualityGood,
      created_at: ctx.nowIso,
      created_by: s.userId,
    });
    return { saved: true };
  },
};
