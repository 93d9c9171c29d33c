/**
 * Whole-rupee rounding (SPEC §4.5): a bill's total is made whole by a `WS_Round_Off` line —
 * a fraction f ≥ 0.50 adds (1 − f), a smaller one subtracts f. Returns the line in paise (0 when
 * the total is already whole, and then no line is written).
 */
export function roundOffPaise(totalPaise: number): number {
  const fraction = ((totalPaise % 100) + 100) % 100;
  if (fraction === 0) return 0;
  return fraction >= 50 ? 100 - fraction : -fraction;
}

/** HALF_UP to whole rupees, for penalty amounts (SPEC §4.5, §4.8): 550 paise → 600. */
export function halfUpToRupeePaise(paise: number): number {
  return Math.floor((paise + 50) / 100) * 100;
}
