import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { fail } from '../api/errors.js';
import { maskMobile } from '../documents/money.js';
import { DEFAULT_MASTERS } from '../consumers/index.js';
import { mastersFor } from '../consumers/index.js';
import { cycleSummary } from '../billing/index.js';
import { monthOf } from '../calendar/dates.js';
import type { CycleSummary } from '../billing/index.js';
import type { CollectionRegister, ReceiptLine, ReceiptModel, ReceiptRow, RegisterCollector, CollectionRegisterRow } from './contract.js';

type AnyDb = Kysely<DB> | Transaction<DB>;

/**
 * Reading receipts back: the receipt model (SPEC §5.2), a connection's receipts, and the
 * collection register. Pure reads; the figures come from the append-only rows only.
 */
/**
 * The previous-cycle summary sums the GP's whole ledger ("cumulative pending"): milliseconds for
 * a village, seconds for a GP of 100,000 connections. Receipts print it as of the first receipt
 * PDF of the day (per GP and month, in this process), so only that first PDF pays for it.
 */
const summaryCache = new Map<string, Promise<CycleSummary>>();
function previousCycle(db: AnyDb, tenantId: string, month: string, today: string): Promise<CycleSummary> {
  const key = `${tenantId}|${month}|${today}`;
  let hit = summaryCache.get(key);
  if (!hit) {
    if (summaryCache.size > 200) summaryCache.clear();
    hit = cycleSummary(db as Transaction<DB>, tenantId, month);
    summaryCache.set(key, hit);
    hit.catch(() => summaryCache.delete(key));
  }
  return hit;
}

/**
 * `withSummary`: add the GP's previous-cycle summary (billing/cycle-summary.ts) as of `today` — for
 * the PDF only; it sums the GP's whole ledger, so screens and the thermal print go without.
 */
export async function loadReceipt(db: AnyDb, tenantId: string, paymentId: string, options: { withSummary?: { today: string } } = {}): Promise<ReceiptModel> {
  const p = await db
    .selectFrom('payments as p')
    .innerJoin('connections as c', 'c.id', 'p.connection_id')
    .innerJoin('consumers as k', 'k.id', 'c.consumer_id')
    .innerJoin('tenants as t', 't.id', 'p.tenant_id')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .leftJoin('receipt_snapshots as s', 's.payment_id', 'p.id')
    .select([
      'p.id', 'p.receipt_no', 'p.paid_on', 'p.created_at', 'p.mode', 'p.amount_paise', 'p.payer_name', 'p.payer_mobile',
      'p.advance_demand_id', 'u.name as collector', 't.name as gp_name', 'c.id as connection_id', 'c.connection_no',
      'c.old_connection_no', 'c.connection_type', 'k.name as consumer_name', 'k.mobile', 'k.door_no', 'k.street', 'k.ward',
      's.due_before_paise',
    ])
    .where('p.id', '=', paymentId)
    .where('p.tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!p) throw fail.notFound('collections.errors.notFound');

  const allocations = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('demand_lines as l', 'l.id', 'a.demand_line_id')
    .innerJoin('demands as d', 'd.id', 'l.demand_id')
    .select(['d.period_from', 'd.period_to', 'd.consumer_type', 'l.tax_head', 'a.amount_paise'])
    .where('a.payment_id', '=', p.id)
    .orderBy('d.period_from')
    .orderBy('a.id')
    .execute();
  const lines: ReceiptLine[] = allocations.map((a) => ({
    periodFrom: a.period_from,
    periodTo: a.period_to,
    consumerType: a.consumer_type,
    taxHead: a.tax_head,
    paise: a.amount_paise,
  }));
  let advanceCreated = 0;
  if (p.advance_demand_id) {
    const l = await db.selectFrom('demand_lines').select(['amount_paise']).where('demand_id', '=', p.advance_demand_id).execute();
    advanceCreated = -l.reduce((s, r) => s + r.amount_paise, 0);
  }
  const cancellation = await db
    .selectFrom('payment_cancellations as x')
    .leftJoin('users as u', 'u.id', 'x.created_by')
    .select(['x.created_at', 'x.reason', 'u.name'])
    .where('x.payment_id', '=', p.id)
    .executeTakeFirst();

  const paid = lines.filter((l) => l.paise > 0);
  const dueBefore = p.due_before_paise ?? paid.reduce((s, l) => s + l.paise, 0);
  const after = dueBefore - p.amount_paise;
  const wards = await wardNames(db, tenantId);
  const address = [p.door_no, p.street, wards.get(p.ward) ?? p.ward].filter((x): x is string => !!x).join(', ');
  return {
    paymentId: p.id,
    receiptNo: p.receipt_no,
    paidOn: p.paid_on,
    createdAt: p.created_at,
    mode: p.mode,
    amountPaise: p.amount_paise,
    payerName: p.payer_name,
    payerMobileMasked: p.payer_mobile ? maskMobile(p.payer_mobile) : null,
    collectedBy: p.collector ?? '',
    gramPanchayat: p.gp_name,
    connectionId: p.connection_id,
    connectionNo: p.connection_no,
    oldConnectionNo: p.old_connection_no,
    consumerName: p.consumer_name,
    mobileMasked: maskMobile(p.mobile),
    address,
    serviceType: p.connection_type,
    billPeriod: paid.length
      ? { from: paid.reduce((m, l) => (l.periodFrom < m ? l.periodFrom : m), paid[0]!.periodFrom), to: paid.reduce((m, l) => (l.periodTo > m ? l.periodTo : m), paid[0]!.periodTo) }
      : null,
    dueBeforePaise: dueBefore,
    pendingPaise: Math.max(0, after),
    advancePaise: Math.max(0, -after),
    advanceUsedPaise: -lines.filter((l) => l.paise < 0).reduce((s, l) => s + l.paise, 0),
    advanceCreatedPaise: advanceCreated,
    lines,
    cancelled: cancellation ? { at: cancellation.created_at, reason: cancellation.reason, by: cancellation.name ?? '' } : null,
    previousCycle: options.withSummary ? await previousCycle(db, tenantId, monthOf(p.paid_on, -1), options.withSummary.today) : null,
  };
}

async function wardNames(db: AnyDb, tenantId: string): Promise<Map<string, string>> {
  try {
    const m = await mastersFor({ db: db as Transaction<DB> }, tenantId);
    return new Map(m.wards.map((w) => [w.code, w.name ?? w.code]));
  } catch {
    return new Map(DEFAULT_MASTERS.wards.map((w) => [w.code, w.name ?? w.code]));
  }
}

export async function listReceipts(db: AnyDb, tenantId: string, connectionId: string): Promise<ReceiptRow[]> {
  const rows = await db
    .selectFrom('payments as p')
    .leftJoin('payment_cancellations as x', 'x.payment_id', 'p.id')
    .select(['p.id', 'p.receipt_no', 'p.amount_paise', 'p.paid_on', 'p.mode', 'x.id as cancel_id'])
    .where('p.connection_id', '=', connectionId)
    .where('p.tenant_id', '=', tenantId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({ paymentId: r.id, receiptNo: r.receipt_no, amountPaise: r.amount_paise, paidOn: r.paid_on, mode: r.mode, cancelled: r.cancel_id !== null }));
}

/** The collection register (by collector, totals by mode; cancelled receipts listed, not counted). */
export async function collectionRegister(db: AnyDb, tenantId: string, from: string, to: string, collectorId?: string): Promise<CollectionRegister> {
  let q = db
    .selectFrom('payments as p')
    .innerJoin('connections as c', 'c.id', 'p.connection_id')
    .innerJoin('consumers as k', 'k.id', 'c.consumer_id')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .leftJoin('payment_cancellations as x', 'x.payment_id', 'p.id')
    .select(['p.id', 'p.receipt_no', 'p.paid_on', 'p.created_at', 'p.created_by', 'u.name as collector', 'c.connection_no', 'k.name', 'p.amount_paise', 'p.mode', 'x.id as cancel_id'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.paid_on', '>=', from)
    .where('p.paid_on', '<=', to);
  if (collectorId) q = q.where('p.created_by', '=', collectorId);
  const rows = await q.orderBy('p.created_at').orderBy('p.id').execute();

  const byCollector = new Map<string, RegisterCollector>();
  const totalsByMode: Record<string, number> = {};
  let total = 0;
  let count = 0;
  for (const r of rows) {
    let c = byCollector.get(r.created_by);
    if (!c) {
      c = { collectorId: r.created_by, collectorName: r.collector ?? '', rows: [], totalsByMode: {}, totalPaise: 0, count: 0, cancelledCount: 0, cancelledPaise: 0 };
      byCollector.set(r.created_by, c);
    }
    const row: CollectionRegisterRow = {
      paymentId: r.id,
      receiptNo: r.receipt_no,
      paidOn: r.paid_on,
      createdAt: r.created_at,
      connectionNo: r.connection_no,
      consumerName: r.name,
      amountPaise: r.amount_paise,
      mode: r.mode,
      cancelled: r.cancel_id !== null,
    };
    c.rows.push(row);
    if (row.cancelled) {
      c.cancelledCount++;
      c.cancelledPaise += row.amountPaise;
      continue;
    }
    c.totalsByMode[row.mode] = (c.totalsByMode[row.mode] ?? 0) + row.amountPaise;
    c.totalPaise += row.amountPaise;
    c.count++;
    totalsByMode[row.mode] = (totalsByMode[row.mode] ?? 0) + row.amountPaise;
    total += row.amountPaise;
    count++;
  }
  const collectors = [...byCollector.values()].sort((a, b) => a.collectorName.localeCompare(b.collectorName));
  return { from, to, collectors, totalsByMode, totalPaise: total, count };
}
