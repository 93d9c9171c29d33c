import { daysBetween } from '../calendar/dates.js';
import { halfUpToRupeePaise } from './rounding.js';

/** The tenant's late-payment rule (SPEC §4.8; master `ws-services-calculation/Penalty`). */
export interface PenaltyRule {
  /** 'Fixed' = a percentage of the unpaid current charge; 'FLAT' = a rupee amount. */
  type: 'Fixed' | 'FLAT';
  /** Percent for 'Fixed' (10 = 10 %). */
  rate: number;
  /** Paise for 'FLAT'. */
  amountPaise: number;
  applicableAfterDays: number;
}

export interface DemandForPenalty {
  /** IST date the demand was raised. */
  raisedOn: string;
  /** The current charge (`10101`): levied and collected so far. */
  chargePaise: number;
  chargeCollectedPaise: number;
  /** Whether the demand already carries a `WS_TIME_PENALTY` line. */
  hasLatePenalty: boolean;
  reversed: boolean;
}

/**
 * The late-payment penalty to add to a demand today, in paise (0 = none). SPEC §4.8 and E5:
 * once per demand, only after more than `applicableAfterDays` days, only while the current
 * charge is unpaid, rate% of what is unpaid, HALF_UP to whole rupees; a rate of 0 switches it off.
 * Deliberately unlike the original, a demand that carries a round-off line is NOT skipped: the
 * original's "exactly one detail line" test was how it detected "no penalty yet", and it made
 * metered bills with paise in them penalty-free by accident.
 */
export function penaltyFor(demand: DemandForPenalty, today: string, rule: PenaltyRule): number {
  if (demand.reversed || demand.hasLatePenalty) return 0;
  if (daysBetween(demand.raisedOn, today) <= rule.applicableAfterDays) return 0;
  const unpaid = demand.chargePaise - demand.chargeCollectedPaise;
  if (unpaid <= 0) return 0;
  if (rule.type === 'FLAT') return Math.max(0, rule.amountPaise);
  if (rule.rate <= 0) return 0;
  return halfUpToRupeePaise((unpaid * rule.rate) / 100);
}
