/**
 * The screen's period helpers (display only; core checks the period again). Financial year
 * April–March, Asia/Kolkata (SPEC Part A.4).
 */
const IST_OFFSET_MS = 5.5 * 60 * 60 * 1000;

export function todayIst(): string {
  return new Date(Date.now() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2026-27" for a date from 1 April 2026 to 31 March 2027. */
export function financialYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The months of a financial year, April first, up to the month of `today`. */
export function monthsOfYear(fy: string, today: string): string[] {
  const start = Number(fy.slice(0, 4));
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    const y = start + Math.floor((3 + i) / 12);
    const m = `${y}-${String(((3 + i) % 12) + 1).padStart(2, '0')}`;
    if (m > today.slice(0, 7)) break;
    out.push(m);
  }
  return out;
}

type T = (key: string) => string;

/** "Sep 2026" (month names from the dashboard namespace: Chromium has no Punjabi month names). */
export function monthLabel(month: string, t: T): string {
  return `${shortMonth(month, t)} ${month.slice(0, 4)}`;
}

/** "Sep" only, for the chart's axis. */
export function shortMonth(month: string, t: T): string {
  return t(`months.m${month.slice(5, 7)}`);
}
