/**
 * Money as people read it (SPEC Part A.4): ₹ with Indian digit grouping (₹1,23,456.00), Western
 * digits in every language. Amounts are always integer paise inside the app.
 */
const grouping = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const groupingWhole = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

export function formatRupees(paise: number, opts: { whole?: boolean } = {}): string {
  const sign = paise < 0 ? '-' : '';
  const value = Math.abs(paise) / 100;
  return `${sign}₹${opts.whole && paise % 100 === 0 ? groupingWhole.format(value) : grouping.format(value)}`;
}

/** Whole rupees typed by a clerk → paise; undefined for anything that is not a whole number. */
export function rupeesToPaise(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return undefined;
  return Number(t) * 100;
}

/** dd/mm/yyyy, the date form staff know (SPEC Part A.4). */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** A mobile number with only the last four digits shown: +91-XXXXXX3210 (bill and receipt PDFs). */
export function maskMobile(mobile: string): string {
  return `+91-${'X'.repeat(Math.max(0, mobile.length - 4))}${mobile.slice(-4)}`;
}
