/** Display formats of SPEC Part A §4. Pure functions: no money is computed here, only shown. */

const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 });

/** ₹ with Indian grouping: 12345600 paise → ₹1,23,456.00. Amounts from core are integer paise. */
export function formatPaise(paise: number): string {
  return RUPEES.format(paise / 100);
}

const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', day: '2-digit', month: '2-digit', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kolkata',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/**
 * dd/mm/yyyy. A business date ('2026-04-01') is shown as is; an instant (ISO UTC) is shown in
 * Asia/Kolkata, with the time (HH:mm) when asked.
 */
export function formatDate(value: string, withTime = false): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return (withTime ? DATE_TIME : DATE).format(date).replace(',', '');
}
