import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays, istDate } from '../calendar/dates.js';
import { balancePaise, ledgerLines, type LedgerLine } from '../ledger/outstanding.js';
import type { CurrentBill } from './contract.js';
import { penaltyFor, type PenaltyRule } from './penalty.js';

const PENALTY_HEADS = new Set(['10201', 'WS_TIME_PENALTY']);
const CREDIT_HEADS = new Set(['WS_ADVANCE_CARRYFORWARD']);

/** The bill's money as billing.currentBill shows it, and the latest regular demand it is composed around. */
export type Composition = Pick<
  CurrentBill,
  | 'currentLines'
  | 'currentChargePaise'
  | 'currentOutstandingPaise'
  | 'arrears'
  | 'arrearsPaise'
  | 'penaltyPaise'
  | 'advanceAvailablePaise'
  | 'advanceAdjustedPaise'
  | 'advanceRemainingPaise'
  | 'balancePaise'
  | 'netDuePaise'
> & {
  /** The latest regular demand (or the one asked for), if any. */
  latest: { demandId: string; periodFrom: string; periodTo: string; createdAt: string } | null;
};

/**
 * Bill composition (SPEC §4.7), from ledger lines only. Every line falls in exactly one bucket —
 * penalty heads → penalty; advance credit → advance; the latest regular demand's other lines →
 * current charge; everything else → arrears of its period — so always
 * current + arrears + penalty − advance available = Σ outstanding = balancePaise(lines).
 * `asOfDemandId` composes the bill as it stood for that demand (later periods left out).
 */
export function composeBill(all: readonly LedgerLine[], asOfDemandId?: string): Composition {
  const regular = all.filter((l) => l.consumerType === 'waterConnection');
  let latestLine: LedgerLine | undefined;
  if (asOfDemandId) latestLine = all.find((l) => l.demandId === asOfDemandId);
  else for (const l of regular) if (!latestLine || l.periodTo > latestLine.periodTo || (l.periodTo === latestLine.periodTo && l.demandCreatedAt > latestLine.demandCreatedAt)) latestLine = l;
  const lines = asOfDemandId && latestLine ? all.filter((l) => l.periodTo <= latestLine.periodTo || l.demandId === latestLine.demandId) : [...all];

  const current = latestLine ? lines.filter((l) => l.demandId === latestLine.demandId && !PENALTY_HEADS.has(l.taxHead) && !CREDIT_HEADS.has(l.taxHead)) : [];
  let penalty = 0;
  let credit = 0;
  const arrearsBy = new Map<string, Composition['arrears'][number]>();
  for (const l of lines) {
    if (PENALTY_HEADS.has(l.taxHead)) penalty += l.outstandingPaise;
    else if (CREDIT_HEADS.has(l.taxHead)) credit -= l.outstandingPaise;
    else if (latestLine && l.demandId === latestLine.demandId) continue;
    else {
      const a = arrearsBy.get(l.demandId) ?? { demandId: l.demandId, consumerType: l.consumerType, periodFrom: l.periodFrom, periodTo: l.periodTo, outstandingPaise: 0 };
      a.outstandingPaise += l.outstandingPaise;
      arrearsBy.set(l.demandId, a);
    }
  }
  const arrears = [...arrearsBy.values()].filter((a) => a.outstandingPaise !== 0).sort((a, b) => b.periodTo.localeCompare(a.periodTo) || b.periodFrom.localeCompare(a.periodFrom));
  const currentOutstanding = current.reduce((s, l) => s + l.outstandingPaise, 0);
  const arrearsPaise = arrears.reduce((s, a) => s + a.outstandingPaise, 0);
  const balance = balancePaise(lines);
  const dues = currentOutstanding + arrearsPaise + penalty;
  const adjusted = Math.max(0, Math.min(credit, dues));
  return {
    latest: latestLine ? { demandId: latestLine.demandId, periodFrom: latestLine.periodFrom, periodTo: latestLine.periodTo, createdAt: latestLine.demandCreatedAt } : null,
    currentLines: current.map((l) => ({ taxHead: l.taxHead, amountPaise: l.amountPaise, outstandingPaise: l.outstandingPaise })),
    currentChargePaise: current.reduce((s, l) => s + l.amountPaise, 0),
    currentOutstandingPaise: currentOutstanding,
    arrears,
    arrearsPaise,
    penaltyPaise: penalty,
    advanceAvailablePaise: credit,
    advanceAdjustedPaise: adjusted,
    advanceRemainingPaise: credit - adjusted,
    balancePaise: balance,
    netDuePaise: Math.max(0, balance),
  };
}

/** The latest-bill card / bill document data of a connection (SPEC §2.6, §4.7, §4.9). */
export async function currentBill(
  db: Transaction<DB>,
  c: { id: string; connection_no: string },
  rule: PenaltyRule,
  dueDays: number,
  asOfDemandId?: string,
): Promise<CurrentBill> {
  const lines = await ledgerLines(db, c.id);
  const k = composeBill(lines, asOfDemandId);
  const latest = k.latest;
  let billNo: string | null = null;
  let meter: CurrentBill['meter'] = null;
  let penaltyIfLate = 0;
  let penaltyAfter: string | null = null;
  let billDate: string | null = null;
  if (latest) {
    billDate = istDate(new Date(latest.createdAt));
    billNo = (await db.selectFrom('bills').select('bill_no').where('demand_id', '=', latest.demandId).executeTakeFirst())?.bill_no ?? null;
    const m = await db.selectFrom('meter_readings').selectAll().where('demand_id', '=', latest.demandId).executeTakeFirst();
    if (m) meter = { reading: m.reading, previousReading: m.previous_reading, readingDate: m.reading_date, previousReadingDate: m.previous_reading_date, consumption: m.consumption, meterStatus: m.meter_status };
    const own = lines.filter((l) => l.demandId === latest.demandId);
    const charge = own.filter((l) => l.taxHead === '10101');
    penaltyAfter = addDays(billDate, rule.applicableAfterDays);
    penaltyIfLate = penaltyFor(
      {
        raisedOn: billDate,
        chargePaise: charge.reduce((s, l) => s + l.amountPaise, 0),
        chargeCollectedPaise: charge.reduce((s, l) => s + l.collectedPaise, 0),
        hasLatePenalty: own.some((l) => l.taxHead === 'WS_TIME_PENALTY'),
        reversed: false,
      },
      addDays(penaltyAfter, 1),
      rule,
    );
  }
  return {
    connectionId: c.id,
    connectionNo: c.connection_no,
    hasBill: latest !== null,
    demandId: latest?.demandId ?? null,
    billNo,
    periodFrom: latest?.periodFrom ?? null,
    periodTo: latest?.periodTo ?? null,
    billDate,
    dueDate: billDate ? addDays(billDate, dueDays) : null,
    currentChargePaise: k.currentChargePaise,
    currentOutstandingPaise: k.currentOutstandingPaise,
    currentLines: k.currentLines,
    arrears: k.arrears,
    arrearsPaise: k.arrearsPaise,
    penaltyPaise: k.penaltyPaise,
    advanceAvailablePaise: k.advanceAvailablePaise,
    advanceAdjustedPaise: k.advanceAdjustedPaise,
    advanceRemainingPaise: k.advanceRemainingPaise,
    balancePaise: k.balancePaise,
    netDuePaise: k.netDuePaise,
    penaltyIfLatePaise: penaltyIfLate,
    penaltyApplicableAfter: penaltyIfLate > 0 ? penaltyAfter : null,
    netDueWithPenaltyPaise: k.netDuePaise + penaltyIfLate,
    meter,
  };
}
