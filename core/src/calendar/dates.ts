/**
 * Business dates. The office works in Asia/Kolkata (SPEC Part A.4): a "day" is an IST calendar
 * day written `YYYY-MM-DD`, and the financial year runs April–March ("2023-24").
 */
const IST_OFFSET_MS = 5.5 * 60 * 60 * 1000;

/** The IST calendar date of an instant. */
export function istDate(instant: Date): string {
  return new Date(instant.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

export function parseDate(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "2023-24" for any date from 1 April 2023 to 31 March 2024. */
export function financialYearOf(date: string): string {
  const { year, month } = parseDate(date);
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** 1 April of the financial year containing `date`. */
export function financialYearStart(date: string): string {
  return `${financialYearOf(date).slice(0, 4)}-04-01`;
}

/** First and last day of the month `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month `YYYY-MM` that is `offset` months from the month of `date`. */
export function monthOf(date: string, offset = 0): string {
  const { year, month } = parseDate(date);
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whether `s` is a real calendar date written YYYY-MM-DD (no 31 February). */
export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Add calendar months, clamping the day to the target month's length (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const { day } = parseDate(isoDate);
  const target = monthOf(isoDate, months);
  const last = Number(monthRange(target).to.slice(8, 10));
  return `${target}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Last day of the month `YYYY-MM`. */
export function monthEnd(month: string): string {
  return monthRange(month).to;
}

/** The `n` most recent completed months (current month excluded), newest first, as `YYYY-MM`. */
export function recentCompletedMonths(today: string, n = 2): string[] {
  return Array.from({ length: n }, (_, i) => monthOf(today, -(i + 1)));
}

/** The UTC instant at which the IST business day `date` starts, for comparing with `created_at` instants. */
export function istDayStartUtc(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+05:30`)).toISOString();
}

/** The UTC instant just after the IST business day `date` ends. */
export function istDayEndUtc(date: string): string {
  return istDayStartUtc(addDays(date, 1));
}
