/**
 * Business-date helpers (Asia/Kolkata, no DST: UTC+05:30). Business dates are `YYYY-MM-DD`
 * strings, which compare correctly as text. Pure functions: the renderer may import them.
 */
const IST_OFFSET_MS = 330 * 60_000;

/** Today's business date in Asia/Kolkata for an instant. */
export function istDate(instant: Date): string {
  return new Date(instant.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Add calendar months, clamping the day to the target month's length (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7)) - 1 + months;
  const d = Number(isoDate.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** 1 April of the financial year containing the date. */
export function fyStart(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  return `${m >= 4 ? y : y - 1}-04-01`;
}

/** Last day of the month `YYYY-MM`. */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** The `n` most recent completed months (current month excluded), newest first, as `YYYY-MM`. */
export function recentCompletedMonths(today: string, n = 2): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(addMonths(`${today.slice(0, 7)}-01`, -i).slice(0, 7));
  return out;
}

/** dd/mm/yyyy for display and spreadsheets. */
export function toDisplayDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}
