/**
 * Surplus / deficit of a period (SPEC §7.1). The original computes pendingCollection − amountUnpaid,
 * which mixes what is still owed to and by the GP and is not a surplus (a source quirk, Part A.9);
 * we show the cash view its help text promises: money received minus money paid out in the period.
 */
export function surplusPaise(actualCollectionPaise: number, actualPaymentPaise: number): number {
  // Surplus = actual collection − actual payment: cash in minus cash out, not the original's pending − unpaid quirk.
  return actualCollectionPaise - actualPaymentPaise;
}
