import { addMonths, isValidIsoDate } from '../calendar/dates.js';

/**
 * How often a metered connection may be billed.
 *
 * Source: SPEC §4.1 master `ws-services-masters/billingPeriod` (Metered `quarterly`, Non_Metered
 * `monthly`), shipped in resources/masterdata/tariffs.json and kept per GP in its tariff versions
 * (billing/tariffs.ts, `tariff.billingPeriod.Metered`). SPEC names the period but not how it is
 * enforced, so the rule is ours (issue 4):
 *
 * - After a metered bill whose meter reading is dated D, the next metered bill's reading date must
 *   be on or after D + the period: 1 calendar month (`monthly`) or 3 calendar months (`quarterly`),
 *   the day clamped to the target month's length (30 Nov + 3 months = 28/29 Feb).
 * - It is the new reading's date that is compared, so a back-dated reading cannot slip in early.
 * - The period that applies is the one of the tariff version in force for the new reading's month
 *   (the same version that prices the bill).
 * - The first metered bill after the connection was set up is not held back: the set-up reading
 *   is not a bill, and until a first bill exists nothing can be collected (SPEC §2.7). A reversed
 *   bill's reading no longer counts (billing/metered.ts `lastReading`), so a wrong bill can be
 *   cancelled and raised again.
 */
export type BillingPeriod = 'monthly' | 'quarterly';

export const BILLING_PERIOD_MONTHS: Readonly<Record<BillingPeriod, number>> = { monthly: 1, quarterly: 3 };

/** The first reading date (`YYYY-MM-DD`) from which the next metered bill may be raised. */
export function nextMeteredBillFrom(lastReadingDate: string, period: BillingPeriod): string {
  if (!isValidIsoDate(lastReadingDate)) throw new Error(`not a YYYY-MM-DD date: ${lastReadingDate}`);
  if (!Object.hasOwn(BILLING_PERIOD_MONTHS, period)) throw new Error(`unknown billing period: ${String(period)}`);
  return addMonths(lastReadingDate, BILLING_PERIOD_MONTHS[period]);
}

/** Whether a reading dated `readingDate` may be billed after a bill whose reading was dated `lastReadingDate`. */
export function meteredBillDue(lastReadingDate: string, readingDate: string, period: BillingPeriod): boolean {
  return readingDate >= nextMeteredBillFrom(lastReadingDate, period);
}
