/**
 * Payment apportionment (SPEC §4.7, E6): the oldest period is paid first; inside a demand,
 * credits first (an advance already held is used before new money), then the charge heads in
 * a fixed order; whatever is left becomes advance (§4.6).
 */
export interface OutstandingLine {
  ref: string;
  periodFrom: string;
  taxHead: string;
  /** Levied minus collected so far. Negative for an unused credit (advance). */
  outstandingPaise: number;
}

export interface Allocation {
  ref: string;
  /** Paise settled against the line; negative when a credit is used up. */
  paise: number;
}

// Inside one demand: credits, then arrears and opening penalty, then the charge, late penalty, round-off.
const HEAD_ORDER = ['WS_ADVANCE_CARRYFORWARD', '10102', '10201', '10101', 'WS_TIME_PENALTY', 'WS_Round_Off'];
const headRank = (h: string) => {
  const i = HEAD_ORDER.indexOf(h);
  return i < 0 ? HEAD_ORDER.length : i;
};

export function apportion(lines: readonly OutstandingLine[], paymentPaise: number): { allocations: Allocation[]; advancePaise: number } {
  if (!Number.isInteger(paymentPaise) || paymentPaise <= 0) throw new RangeError('payment must be a positive whole number of paise');
  const ordered = [...lines].sort(
    (a, b) => a.periodFrom.localeCompare(b.periodFrom) || headRank(a.taxHead) - headRank(b.taxHead) || a.ref.localeCompare(b.ref),
  );
  const allocations: Allocation[] = [];
  let pool = paymentPaise;
  for (const line of ordered) {
    if (line.outstandingPaise < 0) {
      allocations.push({ ref: line.ref, paise: line.outstandingPaise });
      pool -= line.outstandingPaise;
    }
  }
  for (const line of ordered) {
    if (line.outstandingPaise <= 0 || pool === 0) continue;
    const paid = Math.min(pool, line.outstandingPaise);
    allocations.push({ ref: line.ref, paise: paid });
    pool -= paid;
  }
  return { allocations, advancePaise: pool };
}
