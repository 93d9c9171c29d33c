/**
 * Water-charge tariffs (SPEC §3.2, §4.1, §4.3, §4.4). Rates are kept in paise so that rates
 * like ₹2.50 or ₹13.31 per unit stay exact.
 */
export interface Slab {
  /** Units where the slab starts and ends; the width is `to - from`. */
  from: number;
  to: number;
  /** Paise per unit inside the slab. */
  ratePaise: number;
}

export interface TariffRow {
  propertyType: string;
  connectionType: 'Metered' | 'Non_Metered';
  /** Metered: a fixed charge added to every bill (not a floor). Non-metered: the monthly charge. */
  minimumChargePaise: number;
  slabs: Slab[];
}

/**
 * Metered charge (SPEC §4.4, E1, E2): the minimum charge plus a telescopic charge — each slab's
 * units at that slab's rate, in order. Exactly 10 units stays in a 0–10 slab.
 */
export function meteredChargePaise(units: number, row: TariffRow): number {
  if (!Number.isInteger(units) || units < 0) throw new RangeError(`consumption must be a whole number ≥ 0, got ${units}`);
  let charge = row.minimumChargePaise;
  let remaining = units;
  for (const slab of row.slabs) {
    if (remaining <= 0) break;
    const width = slab.to - slab.from;
    const inSlab = Math.min(remaining, width);
    charge += inSlab * slab.ratePaise;
    remaining -= inSlab;
  }
  return charge;
}

/** Non-metered charge (SPEC §4.3, E3): the row's monthly amount, whatever the days or use. */
export function flatChargePaise(row: TariffRow): number {
  return row.minimumChargePaise;
}

export type SlabProblem = { index: number; key: 'tariff.slabGap' | 'tariff.slabOverlap' | 'tariff.slabNegative' | 'tariff.slabEmpty' };

/** Slabs must start at 0, be contiguous, non-overlapping and non-negative (the tariff editor's rule). */
export function slabProblems(slabs: readonly Slab[]): SlabProblem[] {
  const problems: SlabProblem[] = [];
  let expectedFrom = 0;
  slabs.forEach((s, index) => {
    if (s.from < 0 || s.to < 0 || s.ratePaise < 0) problems.push({ index, key: 'tariff.slabNegative' });
    else if (s.to <= s.from) problems.push({ index, key: 'tariff.slabEmpty' });
    else if (s.from > expectedFrom) problems.push({ index, key: 'tariff.slabGap' });
    else if (s.from < expectedFrom) problems.push({ index, key: 'tariff.slabOverlap' });
    expectedFrom = Math.max(expectedFrom, s.to);
  });
  return problems;
}
