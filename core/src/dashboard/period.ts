import { financialYearOf, monthOf, monthRange } from '../calendar/dates.js';
import { fail } from '../api/errors.js';
import { DASHBOARD_YEARS } from './contract.js';

/**
 * The dashboard's period (SPEC §7.1): one of the last five financial years (April–March), the
 * whole year or one month of it. Months after the current one are not offered (nothing happened
 * in them yet).
 */

/** The last `n` financial years up to the one containing `today`, newest first ("2026-27", "2025-26", …). */
export function recentFinancialYears(today: string, n = DASHBOARD_YEARS): string[] {
  const start = Number(financialYearOf(today).slice(0, 4));
  return Array.from({ length: n }, (_, i) => financialYearOf(`${start - i}-04-01`));
}

/** The months `YYYY-MM` of a financial year, April first, ending at the month of `today` if it falls inside. */
export function monthsOf(fy: string, today: string): string[] {
  const first = `${fy.slice(0, 4)}-04`;
  const current = monthOf(today);
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    const m = monthOf(`${first}-01`, i);
    if (m > current) break;
    out.push(m);
  }
  return out;
}

export interface Period {
  financialYear: string;
  month: string | undefined;
  /** Months shown (the FY's, up to now). */
  months: string[];
  /** Inclusive business-date range: the month, or the FY's shown months. */
  from: string;
  to: string;
}

/** Checks the FY and month against today and gives the date range; a bad one is a VALIDATION error with an i18n key. */
export function periodOf(input: { financialYear: string; month?: string | undefined }, today: string): Period {
  if (!recentFinancialYears(today).includes(input.financialYear)) throw fail.field('financialYear', 'dashboard.errors.financialYear');
  const months = monthsOf(input.financialYear, today);
  if (input.month !== undefined && !months.includes(input.month)) throw fail.field('month', 'dashboard.errors.month');
  const first = input.month ?? months[0]!;
  const last = input.month ?? months[months.length - 1]!;
  return { financialYear: input.financialYear, month: input.month, months, from: monthRange(first).from, to: monthRange(last).to };
}
