import { describe, expect, it } from 'vitest';
import { meteredBillDue, nextMeteredBillFrom } from './billing-period.js';

/** The metered billing-period rule (SPEC §4.1 billingPeriod; the rule is written in billing-period.ts). */
describe('nextMeteredBillFrom', () => {
  it.each([
    ['2026-08-15', 'quarterly', '2026-11-15'],
    ['2026-08-15', 'monthly', '2026-09-15'],
    ['2026-11-30', 'quarterly', '2027-02-28'], // day clamped to February
    ['2027-11-30', 'quarterly', '2028-02-29'], // leap year
    ['2026-01-31', 'monthly', '2026-02-28'],
    ['2026-12-31', 'monthly', '2027-01-31'], // across the year end
    ['2026-10-31', 'quarterly', '2027-01-31'],
    ['2027-01-15', 'quarterly', '2027-04-15'], // across the financial year end
  ] as const)('%s + %s → %s', (last, period, next) => {
    expect(nextMeteredBillFrom(last, period)).toBe(next);
  });

  it('refuses a date that is not a real YYYY-MM-DD date, and an unknown period', () => {
    expect(() => nextMeteredBillFrom('2026-02-30', 'monthly')).toThrow(/not a YYYY-MM-DD date/);
    expect(() => nextMeteredBillFrom('15/08/2026', 'quarterly')).toThrow(/not a YYYY-MM-DD date/);
    expect(() => nextMeteredBillFrom('2026-08-15', 'yearly' as never)).toThrow(/unknown billing period/);
    expect(() => nextMeteredBillFrom('2026-08-15', 'toString' as never)).toThrow(/unknown billing period/);
  });
});

describe('meteredBillDue', () => {
  it('quarterly: refused the day before the period ends, accepted on the day and after', () => {
    expect(meteredBillDue('2026-08-15', '2026-08-16', 'quarterly')).toBe(false);
    expect(meteredBillDue('2026-08-15', '2026-11-14', 'quarterly')).toBe(false);
    expect(meteredBillDue('2026-08-15', '2026-11-15', 'quarterly')).toBe(true);
    expect(meteredBillDue('2026-08-15', '2027-03-01', 'quarterly')).toBe(true);
  });

  it('monthly: a month after the last reading is enough', () => {
    expect(meteredBillDue('2026-08-15', '2026-09-14', 'monthly')).toBe(false);
    expect(meteredBillDue('2026-08-15', '2026-09-15', 'monthly')).toBe(true);
    expect(meteredBillDue('2026-08-15', '2026-09-15', 'quarterly')).toBe(false);
  });
});
